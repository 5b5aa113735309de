/**
 * Forbidden uses that a spelling trick cannot pass (issue 15, item 8): attacks first, then the
 * descriptions that must stay allowed, then the property that no trick makes a verdict milder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORBIDDEN_KEYWORDS, storedForbiddenKeywords, type ForbiddenKeyword } from '../../src/domain/grants/forbidden-keywords';
import { checkMessage, judgeUse, type UseVerdict } from '../../src/domain/grants/forbidden-uses';
import { validatePlanLines } from '../../src/domain/grants/plan';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { checkReceipt, type ReceiptDraft, type ReceiptFacts } from '../../src/domain/grants/receipt';
import { DomainError } from '../../src/domain/errors';
import { codeOf } from '../helpers/errors';
import { failureOf } from '../helpers/errors';

const semarang = { forbiddenKeywords: DEFAULT_FORBIDDEN_KEYWORDS };
const failure = failureOf;
const verdict = (description: string, rules = semarang) => {
  const v = judgeUse(rules, description);
  return v.outcome === 'ok' ? 'ok' : `${v.outcome}:${v.reason}`;
};

const HONOR = 'honor pengurus RT';
const GAJI = 'gaji pengurus RT';
const TUNJANGAN = 'tunjangan pengurus RT';
const INCENTIVE = 'insentif pengurus RT';
const TRANSPORT = 'uang transport pengurus RT';
const PULSA = 'pulsa pengurus RT';
const SAKU = 'uang saku pengurus RT';
const BUILDING = 'pembangunan baru';
const POLITICS = 'kegiatan politik';

/** Every phrase the issue names, then the tricks; each refused or flagged as it says. */
const ATTACKS: Array<[string, string]> = [
  // The phrases issue 15 found getting through.
  ['Honor Pak Ketua RT', `refuse:${HONOR}`],
  ['Tunjangan ketua RT', `refuse:${TUNJANGAN}`],
  ['G a j i sekretaris', `refuse:${GAJI}`],
  ['Ga-ji', `flag:${GAJI}`], // no recipient named: the treasurer checks
  ['bens\u0456n', 'flag:BBM'], // Cyrillic і; no machine named
  ['Pulsa bendahara RT', `refuse:${PULSA}`],
  ['Uang saku sekretaris RT', `refuse:${SAKU}`],
  ['Sumbangan untuk calon legislatif', `refuse:${POLITICS}`],
  // Separators inside a word.
  ['H o n o r ketua RT', `refuse:${HONOR}`],
  ['g.a.j.i sekretaris', `refuse:${GAJI}`],
  ['ga_ji bendahara', `refuse:${GAJI}`],
  ['Ho-nor pengurus', `refuse:${HONOR}`],
  ['hon.or ke.tua', `refuse:${HONOR}`],
  ['Honor K.E.T.U.A', `refuse:${HONOR}`],
  ['G a j i s e k r e t a r i s', `refuse:${GAJI}`],
  ['Honor Bpk. Ketua R.T. 05', `refuse:${HONOR}`],
  ['Kaos k a m p a n y e', `refuse:${POLITICS}`],
  ['Pem-ba-ngun-an pos', `refuse:${BUILDING}`],
  // Invisible characters.
  ['Honor k\u200Betua RT', `refuse:${HONOR}`],
  ['Hon\u00ADor ketua', `refuse:${HONOR}`],
  ['T\u200Cunjangan ketua', `refuse:${TUNJANGAN}`],
  ['Ga\u2060ji sekretaris', `refuse:${GAJI}`],
  ['\uFEFFInsentif pengurus', `refuse:${INCENTIVE}`],
  ['Honor\u200Bketua', `refuse:${HONOR}`], // a zero-width space as the only space
  ['Pul\u200Dsa be\u2009ndahara', `refuse:${PULSA}`], // zero-width joiner, thin space
  // Look-alike letters, width, accents, case.
  ['\u0422unjangan ketua RT', `refuse:${TUNJANGAN}`], // Cyrillic Т
  ['\u041D\u043Enor ketua', `refuse:${HONOR}`], // Cyrillic Н, о
  ['Puls\u0430 b\u0435ndahara', `refuse:${PULSA}`], // Cyrillic а, е
  ['\u0392ensin motor \u03BAetua', 'refuse:BBM'], // Greek Β, κ
  ['\uFF27\uFF41\uFF4A\uFF49 \uFF53\uFF45\uFF4B\uFF52\uFF45\uFF54\uFF41\uFF52\uFF49\uFF53', `refuse:${GAJI}`], // fullwidth
  ['\u{1D407}\u{1D428}\u{1D427}\u{1D428}\u{1D42B} \u{1D424}\u{1D41E}\u{1D42D}\u{1D42E}\u{1D41A} RT', `refuse:${HONOR}`], // mathematical bold
  ['Hónór kétuá', `refuse:${HONOR}`],
  ['Ke\u0301tua RT: uang saku', `refuse:${SAKU}`], // combining accent; the officer named before the pay word
  ['hOnOr KeTuA', `refuse:${HONOR}`],
  ['\u1D1B\u1D1C\u0274\u1D0A\u1D00\u0274\u0262\u1D00\u0274 ketua', `refuse:${TUNJANGAN}`], // small capitals
  // Digits and symbols for letters.
  ['H0n0r k3tua RT', `refuse:${HONOR}`],
  ['7unjangan 5ekretaris', `refuse:${TUNJANGAN}`],
  ['Uang 5aku b3ndahara', `refuse:${SAKU}`],
  ['Pul5a ketua RT', `refuse:${PULSA}`],
  ['Bensin motor ke7ua', 'refuse:BBM'],
  ['Spanduk p@rtai', `refuse:${POLITICS}`],
  ['Sumbangan untuk c4leg', `refuse:${POLITICS}`],
  ['P3mbangunan talud', `refuse:${BUILDING}`],
  // Officers however named; RT and RW officers alike.
  ['Honor RT05', `refuse:${HONOR}`],
  ['Honor untuk RT 05', `refuse:${HONOR}`],
  ['Transport Pak RW', `refuse:${TRANSPORT}`],
  ['Uang lelah Bu RT', `refuse:${INCENTIVE}`],
  ['Honor ketua RW 03', `refuse:${HONOR}`],
  ['Honorarium pengurus RT', `refuse:${HONOR}`],
  ['Gajinya sekretaris', `refuse:${GAJI}`],
  ['Uang transportasi ketua', `refuse:${TRANSPORT}`],
  ['Bensin motor ketua RT', 'refuse:BBM'],
  ['BBM ronda pengurus', 'refuse:BBM'],
  ['THR bendahara RW', `refuse:${TUNJANGAN}`],
  ['Honor ustadz dan transport ketua RT', `refuse:${HONOR}`], // an officer anywhere takes the pay
  // Politics, construction, personal use.
  ['Sumbangan untuk calon', `refuse:${POLITICS}`],
  ['Kaos kampanye2', `refuse:${POLITICS}`],
  ['Dukungan caleg nomor 3', `refuse:${POLITICS}`],
  ['Konsumsi saksi pilkada', `refuse:${POLITICS}`],
  ['Konsumsi tim sukses paslon', `refuse:${POLITICS}`],
  ['Pembangunan pos ronda', `refuse:${BUILDING}`],
  ['Pembangunannya pos ronda', `refuse:${BUILDING}`],
  ['Pengecoran jalan gang', `refuse:${BUILDING}`],
  ['Bangun baru gapura', `refuse:${BUILDING}`],
  ['Pembuatan gapura', `refuse:${BUILDING}`],
  ['Pembuatan pos kamling', `refuse:${BUILDING}`],
  ['Pulsa pribadi', 'refuse:keperluan pribadi'],
  // No allowed recipient named: flagged for the treasurer.
  ['Honor', `flag:${HONOR}`],
  ['Transport', `flag:${TRANSPORT}`],
  ['Pulsa', `flag:${PULSA}`],
  ['G a j i', `flag:${GAJI}`],
  ['BBM ronda', 'flag:BBM'],
  ['Bensin motor', 'flag:BBM'],
  ['Gaji satpam', `flag:${GAJI}`], // a guard is not a fee the categories name
  ['Insentif kader posyandu', `flag:${INCENTIVE}`],
  ['Uang lelah panitia 17-an', `flag:${INCENTIVE}`],
  ['Honor petugas ronda', `flag:${HONOR}`], // "petugas" alone is not the cleaner the LIN cap names
  ['Transportasi', `flag:${TRANSPORT}`],
  // An officer named only as a place: not refused, not waved through either.
  ['Honor ustadz pengajian di rumah Pak RT', `flag:${HONOR}`],
  ['Pulsa listrik rumah ketua RT', `flag:${PULSA}`],
  ['Bensin genset rumah Pak RT', 'flag:BBM'],
];

/** Descriptions a chair writes honestly; each stays allowed (why, where it is not obvious). */
const LEGITIMATE: string[] = [
  'Honor penceramah pengajian', // BUD: the religious leader fee the category caps
  'Honor petugas kebersihan', // LIN: the cleaner fee the category caps
  'Honor instruktur senam lansia', // PEM: the instructor fee the category caps
  'Honor ustadz pengajian rutin',
  'Honor pelatih senam ibu-ibu RT', // "ibu-ibu RT" are the RT's women, and RT is not right after the pay word
  'Transport pemateri pelatihan PKK', // PEM is training: its trainer's transport is part of the capped fee (the item cap still applies)
  'Kerja bakti dan honor petugas kebersihan',
  'Bensin genset kerja bakti', // fuel for a machine the RT runs
  'Pertalite mesin potong rumput',
  'Solar genset malam tirakatan', // a diesel genset runs on solar
  'BBM fogging DBD',
  'Lampu solar cell pos ronda', // not fuel at all
  'Pulsa listrik pos kamling', // prepaid electricity for the pos kamling lamp
  'Pengecatan pos kamling', // light maintenance
  'Perbaikan gapura',
  'Semen dan pasir tambal jalan',
  'Bangunan pos sudah ada, cat ulang',
  'Konsumsi rapat RT',
  'Konsumsi rapat pengurus RT', // an officer but no pay word: meeting food is SOS
  'Ketua panitia: konsumsi lomba',
  'Sewa tenda pengajian di rumah Bu RT',
  'Spanduk kampanye kebersihan lingkungan', // a cleanliness campaign, not a political one
  'Konsumsi musyawarah perencanaan pembangunan', // the musrenbang planning meeting
  'Konsumsi patroli bangun sahur', // waking neighbours for sahur
  'Sumbangan untuk calon pengantin warga',
  'Santunan warga sakit',
  'Lomba 17-an anak-anak',
  'Kertas A4 dan tinta', // a digit inside a word, read both ways, matches nothing
  'Cetak laporan tahun 2026, 10 liter cat',
  'Honorer', // a contract worker, not a fee
  '',
];

describe('forbidden uses: the attacks', () => {
  it.each(ATTACKS)('%j → %s', (description, expected) => {
    expect(verdict(description)).toBe(expected);
  });
  it('has every phrase of the issue and at least thirty more tricks', () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(8 + 30);
  });
});

describe('forbidden uses: honest descriptions stay allowed', () => {
  it.each(LEGITIMATE)('%j → ok', (description) => {
    expect(verdict(description)).toBe('ok');
  });
  it('has at least twenty of them', () => {
    expect(LEGITIMATE.length).toBeGreaterThanOrEqual(20);
  });
});

/** Latin letters and what a trickster might type instead. */
const LOOK_ALIKE: Record<string, string[]> = {
  a: ['\u0430', '\u03B1'], b: ['\u0392', '\u0432'], c: ['\u0441', '\u03F2'], d: ['\u0501'], e: ['\u0435', '\u03B5'], h: ['\u04BB', '\u041D'],
  i: ['\u0456', '\u03B9', '\u0131'], j: ['\u0458'], k: ['\u03BA', '\u043A'], m: ['\u043C'], n: ['\u03B7', '\u0578'], o: ['\u043E', '\u03BF', '\u0585'],
  p: ['\u0440', '\u03C1'], s: ['\u0455'], t: ['\u03C4', '\u0442'], u: ['\u03C5', '\u057D'], v: ['\u03BD'], w: ['\u03C9'], x: ['\u0445'], y: ['\u0443'],
};
const DIGIT_FOR: Record<string, string> = { o: '0', i: '1', e: '3', a: '4', s: '5', t: '7' };
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u2009', '\u200A'];
const SEPARATORS = ['-', '.', '_', '/', '*', "'", '\u00B7', '~', '|', ',', ':', '+', ...INVISIBLES];

type Trick = 'case' | 'look-alike' | 'digit' | 'accent' | 'fullwidth' | 'invisible' | 'cut' | 'spaced';
const TRICKS: Trick[] = ['case', 'look-alike', 'digit', 'accent', 'fullwidth', 'invisible', 'cut', 'spaced'];

/** One character disguised; `next` and `prev` keep digits from gluing onto real numbers ("RT05"). */
function disguise(ch: string, trick: Trick, pick: number, prev: string, next: string): string {
  const lower = ch.toLowerCase();
  if (!/[a-z]/i.test(ch)) return ch;
  switch (trick) {
    case 'case': return pick % 2 ? ch.toUpperCase() : lower;
    case 'look-alike': { const l = LOOK_ALIKE[lower]; return l ? l[pick % l.length]! : ch; }
    case 'digit': return DIGIT_FOR[lower] && !/\d/.test(prev + next) ? DIGIT_FOR[lower] : ch;
    case 'accent': return `${ch}${['\u0301', '\u0300', '\u0308', '\u0302'][pick % 4]}`;
    case 'fullwidth': return String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
    case 'invisible': return `${ch}${INVISIBLES[pick % INVISIBLES.length]}`;
    case 'cut': return /[a-z]/i.test(next) ? `${ch}${SEPARATORS[pick % SEPARATORS.length]}` : ch;
    case 'spaced': return ch;
  }
}

/** A phrase with tricks applied at random letters; "spaced" puts a space between every letter of one word. */
function disguised(phrase: string, tricks: Array<{ trick: Trick; at: number; pick: number }>, spacedWord: number | null): string {
  const words = phrase.split(' ');
  const spaced = spacedWord === null ? -1 : spacedWord % words.length;
  const chosen = new Map(tricks.filter((t) => t.trick !== 'spaced').map((t) => [t.at % Math.max(phrase.length, 1), t]));
  let offset = 0;
  return words
    .map((word, w) => {
      const out = [...word].map((ch, i) => {
        const t = chosen.get(offset + i);
        return t ? disguise(ch, t.trick, t.pick, word[i - 1] ?? '', word[i + 1] ?? '') : ch;
      });
      offset += word.length + 1;
      return w === spaced && /^[a-z]+$/i.test(word) ? out.join(' ') : out.join('');
    })
    .join(' ');
}

const trickList = fc.array(fc.record({ trick: fc.constantFrom(...TRICKS), at: fc.nat(200), pick: fc.nat(20) }), { minLength: 1, maxLength: 12 });

describe('no spelling trick makes a verdict milder', () => {
  const refused = ATTACKS.filter(([, v]) => v.startsWith('refuse:'));
  const flagged = ATTACKS.filter(([, v]) => v.startsWith('flag:'));

  it('a refused phrase, however disguised, is still refused for the same reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...refused), trickList, fc.option(fc.nat(10)), ([phrase, expected], tricks, spacedWord) => {
        const text = disguised(phrase, tricks, spacedWord);
        expect(verdict(text), JSON.stringify(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a flagged phrase, however disguised, is never allowed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...flagged), trickList, fc.option(fc.nat(10)), ([phrase], tricks, spacedWord) => {
        const text = disguised(phrase, tricks, spacedWord);
        expect(verdict(text), JSON.stringify(text)).not.toBe('ok');
      }),
      { numRuns: 1000 },
    );
  });

  it('an honest description in other case, width, accents or look-alike letters stays allowed', () => {
    const harmless = fc.array(fc.record({ trick: fc.constantFrom<Trick>('case', 'look-alike', 'accent', 'fullwidth'), at: fc.nat(200), pick: fc.nat(20) }), { maxLength: 12 });
    fc.assert(
      fc.property(fc.constantFrom(...LEGITIMATE), harmless, (phrase, tricks) => {
        const text = disguised(phrase, tricks, null);
        expect(verdict(text), JSON.stringify(text)).toBe('ok');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the three answers where they are used', () => {
  const year = defaultProgrammeYear(2026);
  const facts: ReceiptFacts = { year, today: '2026-09-15', allocation: 25_000_000, cashAvailable: 2_000_000, adminUsed: 0, sameNota: null };
  const draft = (description: string): ReceiptDraft => ({
    date: '2026-09-10', category: 'SOS', description, vendor: 'Toko', notaNumber: 'A-1', amount: 100_000, items: [], evidenceKinds: ['nota', 'foto_kegiatan', 'daftar_hadir'],
  });
  const flagged = (description: string, mode: 'refuse' | 'flag' = 'refuse') => checkReceipt(draft(description), { ...facts, year: { ...year, forbiddenMode: mode } });

  it.each<[string, 'refuse' | 'flag', string]>([
    ['Honor Pak Ketua RT', 'refuse', 'forbidden_use'],
    ['Honor Pak Ketua RT', 'flag', '[forbidden_use]'],
    ['Transport', 'refuse', '[forbidden_check]'],
    ['Transport', 'flag', '[forbidden_check]'],
    ['Honor penceramah', 'refuse', '[]'],
  ])('a receipt for %j in %s mode → %s', (description, mode, expected) => {
    let codes = '';
    const outcome = codeOf(() => (codes = `[${flagged(description, mode).map((f) => f.code).join(',')}]`));
    expect(outcome === 'ok' ? codes : outcome).toBe(expected);
  });

  it('tells the treasurer in Indonesian what to check', () => {
    expect(flagged('Bensin')).toEqual([{ code: 'forbidden_check', message: 'Perlu diperiksa: "bensin" tanpa penerima atau mesin yang diizinkan; tidak boleh untuk pengurus RT/RW.' }]);
    expect(flagged('Honor ustadz di rumah Pak RT')).toEqual([{ code: 'forbidden_check', message: 'Perlu diperiksa: "honor" disebut bersama pengurus RT/RW; tidak boleh untuk pengurus RT/RW.' }]);
  });

  it('reads the item names with the description', () => {
    expect(failure(() => checkReceipt({ ...draft('Rapat RT'), items: [{ name: 'Uang saku sekretaris', quantity: 1, unitPrice: 100_000 }] }, facts)).fields).toEqual({ description: `Dilarang: ${SAKU}.` });
  });

  it('refuses a plan line that is refused, and lets a flagged one stand (its receipts are checked)', () => {
    const line = (description: string) => ({ category: 'SOS', description, amount: 100_000 });
    expect(failure(() => validatePlanLines(year, [line('Konsumsi'), line('T\u057Dnjangan ketua RT')])).fields).toEqual({ 'lines.1': `Dilarang: ${TUNJANGAN}.` });
    expect(() => validatePlanLines(year, [line('Honor'), line('Transport')])).not.toThrow();
  });

  it('words a flag by why it was raised', () => {
    const v = judgeUse(semarang, 'Pulsa') as Extract<UseVerdict, { outcome: 'flag' }>;
    expect([v.because, checkMessage(v)]).toEqual(['no_recipient', 'Perlu diperiksa: "pulsa" tanpa penerima atau mesin yang diizinkan; tidak boleh untuk pengurus RT/RW.']);
  });
});

describe('the word list is the year’s setting', () => {
  it.each<[string, ForbiddenKeyword[], string, string]>([
    ['an old-shape entry is refused wherever it appears', [{ keyword: 'gaji', reason: 'g' }], 'G a j i satpam', 'refuse:g'],
    ['a pay word needs officers in the list to be refused', [{ keyword: 'honor', reason: 'h', kind: 'pay' }], 'Honor ketua', 'flag:h'],
    ['a pay word with its officers', [{ keyword: 'honor', reason: 'h', kind: 'pay' }, { keyword: 'ketua', reason: '', kind: 'officer' }], 'H0nor k\u0435tua', 'refuse:h'],
    ['a pay word for an allowed recipient', [{ keyword: 'honor', reason: 'h', kind: 'pay', unless: ['juri lomba'] }], 'Honor juri lomba', 'ok'],
    ['an officer counted only right after the pay word', [{ keyword: 'honor', reason: 'h', kind: 'pay', unless: ['juri'] }, { keyword: 'rt', reason: '', kind: 'officer', rightAfterPay: true }], 'Honor juri lomba RT', 'ok'],
    ['a stem', [{ keyword: 'sewa', reason: 's', stem: true }], 'Sewanya tenda', 'refuse:s'],
    ['no stem: whole words only', [{ keyword: 'sewa', reason: 's' }], 'Sewanya tenda', 'ok'],
    ['an officer alone is nothing', [{ keyword: 'ketua', reason: '', kind: 'officer' }], 'Ketua', 'ok'],
  ])('%s', (_name, forbiddenKeywords, description, expected) => {
    expect(verdict(description, { forbiddenKeywords })).toBe(expected);
  });
});

describe('keyword lists stored by earlier versions', () => {
  const OFFICERS = ['pengurus', 'ketua', 'sekretaris', 'bendahara', 'rt'];
  const honor = (withHonorarium: boolean) => (withHonorarium ? ['honor', 'honorarium'] : ['honor']).flatMap((h) => OFFICERS.map((o) => ({ keyword: `${h} ${o}`, reason: HONOR })));
  const fuel = (unless?: string[]) => ['bbm', 'bensin', 'pertalite', 'pertamax'].map((keyword) => ({ keyword, reason: 'BBM', ...(unless ? { unless } : {}) }));
  const building = ['pembangunan', 'pembuatan gapura', 'pembuatan pos', 'gapura baru', 'pos ronda baru', 'bangun', 'membangun'].map((keyword) => ({ keyword, reason: BUILDING }));
  const politics = ['kampanye', 'partai', 'caleg', 'capres', 'pilkada'].map((keyword) => ({ keyword, reason: POLITICS }));
  const solar = { keyword: 'solar', reason: 'BBM', unless: ['solar cell', 'solar panel', 'panel solar'] };
  const personal = [{ keyword: 'keperluan pribadi', reason: 'keperluan pribadi' }, { keyword: 'pribadi', reason: 'keperluan pribadi' }];
  /** The list as commit 77fb65b (and every later one until now) stored it. */
  const latest = [
    ...honor(true), { keyword: 'gaji', reason: GAJI }, { keyword: 'insentif', reason: INCENTIVE }, { keyword: 'uang lelah', reason: INCENTIVE },
    { keyword: 'cor pos', reason: BUILDING }, { keyword: 'pengecoran pos', reason: BUILDING },
    { keyword: 'transport pengurus', reason: TRANSPORT }, { keyword: 'uang transport ketua', reason: TRANSPORT },
    ...fuel(['mesin', 'genset', 'pemotong', 'potong rumput', 'fogging', 'pompa']), solar, ...personal, ...building, ...politics,
  ];
  /** As commit dbc6fa5 stored it. */
  const middle = [
    ...honor(true), { keyword: 'gaji', reason: GAJI }, { keyword: 'insentif', reason: INCENTIVE },
    { keyword: 'transport pengurus', reason: TRANSPORT }, { keyword: 'uang transport ketua', reason: TRANSPORT },
    ...fuel(), solar, ...personal, ...building, ...politics,
  ];
  /** As commit a689c83, the first, stored it. */
  const first = [
    { keyword: 'honor pengurus', reason: HONOR }, { keyword: 'honor ketua rt', reason: HONOR }, { keyword: 'honor ketua', reason: HONOR },
    { keyword: 'honor sekretaris', reason: HONOR }, { keyword: 'honor bendahara', reason: HONOR }, { keyword: 'insentif', reason: INCENTIVE },
    ...fuel(), { keyword: 'solar', reason: 'BBM' }, { keyword: 'keperluan pribadi', reason: 'keperluan pribadi' },
    { keyword: 'pembangunan', reason: BUILDING }, { keyword: 'bangun baru', reason: BUILDING }, { keyword: 'membangun', reason: BUILDING },
    { keyword: 'kampanye', reason: POLITICS }, { keyword: 'partai', reason: POLITICS },
  ];

  it.each([['the latest', latest], ['the middle', middle], ['the first', first]])('reads %s earlier default list as today’s defaults', (_name, stored) => {
    const read = storedForbiddenKeywords(stored);
    expect(read).toEqual(DEFAULT_FORBIDDEN_KEYWORDS);
    expect(verdict('Tunjangan ketua RT', { forbiddenKeywords: read })).toBe(`refuse:${TUNJANGAN}`);
  });

  it('keeps a list someone chose, and gives a year without one the defaults', () => {
    const chosen = [...latest.slice(1)];
    expect(storedForbiddenKeywords(chosen)).toEqual(chosen);
    expect(storedForbiddenKeywords(undefined)).toEqual(DEFAULT_FORBIDDEN_KEYWORDS);
  });

  it('hands out a copy: changing it leaves the defaults alone', () => {
    const read = storedForbiddenKeywords(undefined);
    read[0]!.unless!.push('ketua');
    read[0]!.keyword = 'x';
    expect(DEFAULT_FORBIDDEN_KEYWORDS[0]).toMatchObject({ keyword: 'honor' });
    expect(DEFAULT_FORBIDDEN_KEYWORDS[0]!.unless).not.toContain('ketua');
  });
});
