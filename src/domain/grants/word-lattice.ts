/**
 * A description read the way a forbidden-use rule reads it, with spelling tricks undone.
 *
 * Invariants:
 * - folding: compatibility forms (fullwidth, mathematical, circled letters) and accents are
 *   dropped (NFKD, then every combining mark), Cyrillic, Greek, Armenian and small-capital
 *   look-alikes become the Latin letter they imitate, and case is ignored;
 * - invisible characters (zero-width space/joiner/non-joiner, word joiner, BOM, soft hyphen,
 *   bidi controls, hair and thin spaces, Hangul fillers) and punctuation inside a word cut it
 *   into pieces; the word is read both whole and in every run of its pieces ("Ga-ji" is "ga",
 *   "ji" and "gaji"; "Honor\u200Bketua" is "honor", "ketua" and "honorketua");
 * - a run of two or more one-character words ("G a j i", "g . a . j . i") is read as one word;
 *   words of two or more characters separated by a space are never glued together;
 * - digits and @ $ inside a word that has letters are read both as the letters they stand for
 *   (0→o 1→i 3→e 4→a 5→s 7→t @→a $→s) and as written; a number alone ("2026", "10 liter")
 *   stays a number, and a word is cut where letters meet digits ("RT05" is also "rt", "05");
 * - a phrase matches whole words only: "tas" is not found in "tasku" unless asked as a stem.
 */

/** Characters nobody sees, or barely: they cut a word but never separate two words. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180E\u2005-\u200A\u202F\u205F\u2800\u3164\uFFA0]/gu;
const CUT = '\u0001';

/** Letters of other scripts that look like a Latin letter, before and after lower-casing. */
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  [
    // Cyrillic
    'Аa Вb Сc Еe Нh Іi Јj Кk Мm Оo Рp Ѕs Тt Хx Уy Үy Ԁd Ԛq Ԝw Ӏl Ьb Ѵv',
    'аa вb сc еe һh нh іi јj кk мm оo рp ѕs тt хx уy үy ԁd ԛq ԝw ӏl ьb пn гr ѵv',
    // Greek
    'Αa Βb Εe Ζz Ηh Ιi Κk Μm Νn Οo Ρp Τt Υy Χx Ϲc Ϳj',
    'αa βb γy εe ηn ιi κk νv οo ρp σo ςc τt υu χx ωw μu ϲc ϳj',
    // Armenian
    'Օo Սu օo սu հh ոn',
    // Latin letters outside a-z, small capitals
    'ıi ȷj ɑa ɡg ɩi ʏy øo Øo łl Łl đd Đd ðd ħh ŧt ᴀa ʙb ᴄc ᴅd ᴇe ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ᴢz',
  ]
    .join(' ')
    .split(' ')
    .map((p) => [p.slice(0, -1), p.slice(-1)] as const),
);
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe' };

/** Characters that stand for a letter inside a word. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
const LONGEST_TOKEN = 40;

/** Folds case, width, accents and look-alike letters; invisible characters become cuts. */
export function foldText(text: string): string {
  let out = '';
  const decomposed = text.replace(INVISIBLE, CUT).normalize('NFKD').replace(/\p{M}/gu, '');
  for (const ch of decomposed) {
    const mapped = LOOK_ALIKES[ch] ?? LIGATURES[ch] ?? ch.toLowerCase();
    out += LOOK_ALIKES[mapped] ?? LIGATURES[mapped] ?? mapped;
  }
  return out.replace(/\p{M}/gu, '');
}

/** A word's pieces: cut at anything that is not a letter, digit, @ or $, and where letters meet the rest. */
const piecesOf = (word: string): string[] => word.split(/[^a-z0-9@$]+/).flatMap((p) => p.match(/[a-z]+|[0-9@$]+/g) ?? []);

/** The spellings a run of pieces may stand for: as written, and with digits read as letters. */
function spellings(token: string): string[] {
  if (!/[a-z]/.test(token) || !/[0-9@$]/.test(token)) return [token];
  const read = token.replace(/[0-9@$]/g, (c) => LEET[c] ?? c);
  return read === token ? [token] : [token, read];
}

/** Words as pieces, with each run of one-character words merged into one word. */
function wordsOf(folded: string): string[][] {
  const words = folded.split(/\s+/).map(piecesOf).filter((p) => p.length > 0);
  const merged: string[][] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2 && run.some((c) => /[a-z]/.test(c))) merged.push(run);
    else merged.push(...run.map((c) => [c]));
    run = [];
  };
  for (const pieces of words) {
    if (pieces.length === 1 && pieces[0]!.length === 1) {
      run.push(pieces[0]!);
      continue;
    }
    flush();
    merged.push(pieces);
  }
  flush();
  return merged;
}

interface Edge {
  from: number;
  to: number;
  spellings: string[];
}

export interface Span {
  start: number;
  end: number;
}

/** Every way to read a text as a sequence of tokens: nodes between pieces, edges for runs of pieces inside one word. */
export class WordLattice {
  private readonly from = new Map<number, Edge[]>();
  private readonly to = new Map<number, Edge[]>();
  private readonly wordStarts = new Set<number>();
  /** Edges by each of their spellings: a phrase is looked up, not searched for. */
  private readonly bySpelling = new Map<string, Edge[]>();
  readonly nodes: number;

  constructor(text: string) {
    let node = 0;
    for (const pieces of wordsOf(foldText(text))) {
      this.wordStarts.add(node);
      for (let i = 0; i < pieces.length; i++) {
        let token = '';
        for (let j = i; j < pieces.length; j++) {
          token += pieces[j]!;
          if (token.length > LONGEST_TOKEN) break;
          this.add({ from: node + i, to: node + j + 1, spellings: spellings(token) });
        }
      }
      node += pieces.length;
    }
    this.nodes = node;
  }

  private add(e: Edge) {
    push(this.from, e.from, e);
    push(this.to, e.to, e);
    for (const s of e.spellings) push(this.bySpelling, s, e);
  }

  /** Edges spelling `token`, or with `stem` any token that starts with it. */
  private spelling(token: string, stem: boolean): readonly Edge[] {
    if (!stem) return this.bySpelling.get(token) ?? NO_EDGES;
    // Every keyword with a stem asks this of every text: no copy of the map per question.
    let out: Edge[] | null = null;
    this.bySpelling.forEach((edges, s) => {
      if (s.startsWith(token)) (out ??= []).push(...edges);
    });
    return out ?? NO_EDGES;
  }

  /** Where the phrase (as `phraseTokens` gives it) occurs; with `stem`, its last word may go on ("kampanye" finds "kampanyenya"). */
  find(phrase: readonly string[], stem = false): readonly Span[] {
    if (phrase.length === 0) return NO_SPANS;
    const firstIsLast = phrase.length === 1;
    const byStem = stem && firstIsLast;
    const first = this.spelling(phrase[0]!, byStem);
    // Most keywords are in no text: they cost one lookup and nothing else.
    if (first.length === 0) return NO_SPANS;
    const spans: Span[] = [];
    const walk = (node: number, i: number, start: number) => {
      const last = i === phrase.length - 1;
      for (const e of this.from.get(node) ?? NO_EDGES) {
        const fits = e.spellings.some((s) => s === phrase[i] || (last && stem && s.startsWith(phrase[i]!)));
        if (!fits) continue;
        if (last) spans.push({ start, end: e.to });
        else walk(e.to, i + 1, start);
      }
    };
    // An edge with two spellings that both start with a stem is listed twice: each edge once
    // (an exact spelling lists an edge once: its two spellings differ).
    for (const e of byStem && first.length > 1 ? new Set(first) : first) {
      if (firstIsLast) spans.push({ start: e.from, end: e.to });
      else walk(e.to, 1, e.from);
    }
    return spans;
  }

  has(phrase: readonly string[], stem = false): boolean {
    return this.find(phrase, stem).length > 0;
  }

  /** The tokens that end at a node, with where each starts and whether that is the start of a word (to read backwards from a match). */
  before(node: number): Array<{ start: number; spellings: string[]; startsWord: boolean }> {
    return (this.to.get(node) ?? []).map((e) => ({ start: e.from, spellings: e.spellings, startsWord: this.wordStarts.has(e.from) }));
  }

  /** The tokens that start at a node, with where each ends. */
  after(node: number): Array<{ end: number; spellings: string[] }> {
    return (this.from.get(node) ?? []).map((e) => ({ end: e.to, spellings: e.spellings }));
  }
}

const NO_EDGES: readonly Edge[] = Object.freeze([]);
const NO_SPANS: readonly Span[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const phrases = new Map<string, readonly string[]>();

/** A keyword as the tokens it must match: each of its words whole, digits read as letters. */
export function phraseTokens(keyword: string): readonly string[] {
  let tokens = phrases.get(keyword);
  if (!tokens) {
    tokens = Object.freeze(wordsOf(foldText(keyword)).map((pieces) => spellings(pieces.join('')).at(-1)!));
    // The keywords are a year's settings: a few hundred at most, kept until they change.
    if (phrases.size > 5000) phrases.clear();
    phrases.set(keyword, tokens);
  }
  return tokens;
}
