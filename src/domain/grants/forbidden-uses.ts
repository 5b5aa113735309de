/**
 * Forbidden uses of the grant (DOMAIN.md): honoraria, incentives or fuel for RT officers,
 * personal use, new construction, political activity. The words are a setting of the
 * programme year (forbidden-keywords.ts); the text is read with spelling tricks undone
 * (word-lattice.ts).
 *
 * Invariants:
 * - the answer is three-valued: refuse (with the reason), flag for the treasurer to check
 *   (with the reason), or ok;
 * - a `refuse` word is refused wherever it appears, unless one of its `unless` phrases does;
 * - a pay word (honor, gaji, tunjangan, transport, bensin, pulsa, ...) is refused when an RT/RW
 *   officer is named as its recipient; flagged when an officer is named only as a place
 *   ("di rumah Pak RT") or when no allowed recipient or machine is named; ok only when an
 *   allowed recipient or machine is named and no officer is;
 * - a refusal outranks a flag; among refusals (or flags) the first entry in the list gives
 *   the reason;
 * - undoing a spelling trick never makes an answer milder: the lattice reads every spelling,
 *   and a match in any reading counts.
 */
import { DEFAULT_FORBIDDEN_KEYWORDS, type ForbiddenKeyword } from './forbidden-keywords';
import { phraseTokens, WordLattice, type Span } from './word-lattice';

export { DEFAULT_FORBIDDEN_KEYWORDS, type ForbiddenKeyword };

export type UseVerdict =
  | { outcome: 'refuse'; reason: string; keyword: string }
  | { outcome: 'flag'; reason: string; keyword: string; because: 'no_recipient' | 'officer_as_place' }
  | { outcome: 'ok' };

type Rules = { forbiddenKeywords: readonly ForbiddenKeyword[] };

/** Words between a pay word and its recipient ("honor untuk RT"). */
const CONNECTORS = new Set(['untuk', 'bagi', 'buat', 'kepada', 'kpd', 'utk', 'para']);
/** Words before a name that do not change who is meant ("rumah Pak ketua"). */
const HONORIFICS = new Set(['pak', 'bu', 'bapak', 'ibu', 'bpk', 'sdr', 'saudara', 'saudari']);
/** An officer after one of these is where something happens, not who is paid. */
const PLACES = new Set(['rumah', 'kediaman', 'tempat', 'halaman', 'teras', 'di']);

const isAny = (spellings: string[], words: Set<string>) => spellings.some((s) => words.has(s));

interface Officer {
  span: Span;
  rightAfterPay: boolean;
  asPlace: boolean;
}

/** Officer mentions, each marked as a place or not; reduplications ("ibu-ibu RT") are no mention. */
function officersIn(text: WordLattice, rules: Rules): Officer[] {
  const found: Officer[] = [];
  for (const k of rules.forbiddenKeywords) {
    if (k.kind !== 'officer') continue;
    const phrase = phraseTokens(k.keyword);
    for (const span of text.find(phrase, k.stem)) {
      // Only whole words soften a mention: a piece cut out of a word ("bu-di") is no place.
      const previous = text.before(span.start).filter((p) => p.startsWord);
      if (previous.some((p) => p.spellings.includes(phrase[0]!))) continue;
      found.push({ span, rightAfterPay: k.rightAfterPay === true, asPlace: precededByPlace(text, span.start) });
    }
  }
  return found;
}

function precededByPlace(text: WordLattice, node: number, depth = 0): boolean {
  return text
    .before(node)
    .filter((p) => p.startsWord)
    .some((p) => isAny(p.spellings, PLACES) || (depth < 2 && isAny(p.spellings, HONORIFICS) && precededByPlace(text, p.start, depth + 1)));
}

/** Nodes where a recipient may start after a pay word: right after it, or after connecting words. */
function recipientStarts(text: WordLattice, end: number): Set<number> {
  const starts = new Set([end]);
  let frontier = [end];
  for (let step = 0; step < 2; step++) {
    frontier = frontier.flatMap((n) => text.after(n).filter((t) => isAny(t.spellings, CONNECTORS)).map((t) => t.end));
    for (const n of frontier) starts.add(n);
  }
  return starts;
}

function judgePay(text: WordLattice, k: ForbiddenKeyword, spans: readonly Span[], officers: Officer[]): UseVerdict {
  const named = officers.filter((o) => !o.rightAfterPay || spans.some((s) => recipientStarts(text, s.end).has(o.span.start)));
  if (named.some((o) => !o.asPlace)) return { outcome: 'refuse', reason: k.reason, keyword: k.keyword };
  if (named.length > 0) return { outcome: 'flag', reason: k.reason, keyword: k.keyword, because: 'officer_as_place' };
  if ((k.unless ?? []).some((u) => text.has(phraseTokens(u)))) return { outcome: 'ok' };
  return { outcome: 'flag', reason: k.reason, keyword: k.keyword, because: 'no_recipient' };
}

/** What the year's rules say about a description: refuse, flag for the treasurer, or ok. */
export function judgeUse(rules: Rules, description: string): UseVerdict {
  const text = new WordLattice(description);
  let officers: Officer[] | undefined;
  let flag: UseVerdict | undefined;
  for (const k of rules.forbiddenKeywords) {
    if (k.kind === 'officer') continue;
    const spans = text.find(phraseTokens(k.keyword), k.stem);
    if (spans.length === 0) continue;
    let verdict: UseVerdict;
    if (k.kind === 'pay') {
      officers ??= officersIn(text, rules);
      verdict = judgePay(text, k, spans, officers);
    } else {
      verdict = (k.unless ?? []).some((u) => text.has(phraseTokens(u))) ? { outcome: 'ok' } : { outcome: 'refuse', reason: k.reason, keyword: k.keyword };
    }
    if (verdict.outcome === 'refuse') return verdict;
    if (verdict.outcome === 'flag') flag ??= verdict;
  }
  return flag ?? { outcome: 'ok' };
}

/**
 * The reason a description is, or may be, a forbidden use (refused or to be checked), or
 * null when it is fine. Callers that act on the difference use `judgeUse`.
 */
export function findForbiddenUse(rules: Rules, description: string): string | null {
  const v = judgeUse(rules, description);
  return v.outcome === 'ok' ? null : v.reason;
}

/** The treasurer's note for a flagged description, in Indonesian. */
export function checkMessage(v: Extract<UseVerdict, { outcome: 'flag' }>): string {
  const why = v.because === 'officer_as_place' ? 'disebut bersama pengurus RT/RW' : 'tanpa penerima atau mesin yang diizinkan';
  return `Perlu diperiksa: "${v.keyword}" ${why}; tidak boleh untuk pengurus RT/RW.`;
}
