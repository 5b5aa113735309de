import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORBIDDEN_KEYWORDS, findForbiddenUse, judgeUse } from '../../src/domain/grants/forbidden-uses';

const semarang = { forbiddenKeywords: DEFAULT_FORBIDDEN_KEYWORDS };
const HONOR = 'honor pengurus RT';
const INCENTIVE = 'insentif pengurus RT';
const BUILDING = 'pembangunan baru';
const POLITICS = 'kegiatan politik';

describe('the Semarang forbidden uses, by keyword', () => {
  it.each([
    // Honoraria for the RT's own officers.
    ['Honor pengurus bulan Mei', HONOR],
    ['Honor ketua', HONOR],
    ['Honor sekretaris rapat', HONOR],
    ['Honor bendahara', HONOR],
    ['Honor RT 003', HONOR],
    ['Honorarium pengurus', HONOR],
    ['Honorarium ketua', HONOR],
    ['Honorarium sekretaris', HONOR],
    ['Honorarium bendahara', HONOR],
    ['Honorarium RT 003', HONOR],
    ['Gaji satpam', 'gaji pengurus RT'],
    ['Insentif kader', INCENTIVE],
    ['Uang lelah panitia', INCENTIVE],
    ['Uang transport ketua ke kelurahan', 'uang transport pengurus RT'],
    ['Transport pengurus rapat RW', 'uang transport pengurus RT'],
    // Fuel for the officers.
    ['BBM ronda', 'BBM'],
    ['Bensin motor', 'BBM'],
    ['Pertalite 5 liter', 'BBM'],
    ['Pertamax 2 liter', 'BBM'],
    ['Solar 10 liter', 'BBM'],
    // Personal use.
    ['Keperluan pribadi', 'keperluan pribadi'],
    ['Pulsa pribadi', 'keperluan pribadi'],
    // New construction.
    ['Cor pos ronda', BUILDING],
    ['Pengecoran pos kamling', BUILDING],
    ['Pembangunan talud', BUILDING],
    ['Pembuatan gapura', BUILDING],
    ['Pembuatan pos kamling', BUILDING],
    ['Gapura baru', BUILDING],
    ['Pos ronda baru', BUILDING],
    ['Bangun pos', BUILDING],
    ['Membangun pagar', BUILDING],
    // Politics.
    ['Kaos kampanye', POLITICS],
    ['Spanduk partai', POLITICS],
    ['Sosialisasi caleg', POLITICS],
    ['Nobar debat capres', POLITICS],
    ['Konsumsi saksi pilkada', POLITICS],
  ])('%j → %s', (description, reason) => {
    expect(findForbiddenUse(semarang, description)).toBe(reason);
  });

  it.each([
    'Konsumsi rapat warga',
    'Honor penceramah pengajian',
    'Honor petugas kebersihan',
    'Pengecatan pos kamling',
    'Perbaikan gapura',
    'Honorer',
    'Bangunan pos sudah ada, cat ulang',
    'Kabel solarium',
    '',
  ])('allows %j', (description) => {
    expect(findForbiddenUse(semarang, description)).toBeNull();
  });
});

describe('fuel for a machine the RT uses is allowed', () => {
  it.each([
    ['Bensin mesin potong rumput', null],
    ['Bensin genset 17-an', null],
    ['Pertalite pemotong rumput', null],
    ['BBM potong rumput lapangan', null],
    ['Pertamax fogging DBD', null],
    ['BBM pompa air', null],
    ['Bensin untuk mesin', null],
    ['Lampu solar cell', null],
    ['Solar panel pos kamling', null],
    ['Lampu jalan panel solar', null],
    // Diesel (solar) for a genset is fuel for a machine the RT uses: allowed, as bensin for a mesin.
    ['Solar genset', null],
    ['Bensin potong', 'BBM'],
    ['Bensin rumput', 'BBM'],
    ['Solar cellular', 'BBM'],
  ])('%j → %s', (description, reason) => {
    expect(findForbiddenUse(semarang, description)).toBe(reason);
  });
});

describe('spelling does not hide a forbidden use', () => {
  it.each([
    ['HONOR KETUA', HONOR],
    ['Honor-ketua', HONOR],
    ['honor   ketua', HONOR],
    ['(Honor) ketua!', HONOR],
    ['H0nor ketua', HONOR],
    ['Ins3ntif', INCENTIVE],
    ['1nsentif', INCENTIVE],
    ['G4ji', 'gaji pengurus RT'],
    ['Gaj1 satpam', 'gaji pengurus RT'],
    ['Keperluan pr1bad1', 'keperluan pribadi'],
    ['Bens1n', 'BBM'],
    ['Pertali7e', 'BBM'],
    ['50lar 10 liter', 'BBM'],
    ['Kampanye 2024', POLITICS],
    ['Bénsín', 'BBM'],
    ['Ｂｅｎｓｉｎ', 'BBM'],
    ['Pa\u0301rtai', POLITICS],
  ])('%j → %s', (description, reason) => {
    expect(findForbiddenUse(semarang, description)).toBe(reason);
  });

  it('matches whole words only: a keyword inside another word is not a match', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEFAULT_FORBIDDEN_KEYWORDS.map((k) => k.keyword)), fc.constantFrom('x', 'ku', 'nya'), (keyword, suffix) => {
        expect(findForbiddenUse({ forbiddenKeywords: [{ keyword, reason: 'r' }] }, `beli ${keyword}${suffix} dua`)).toBeNull();
        expect(findForbiddenUse({ forbiddenKeywords: [{ keyword, reason: 'r' }] }, `beli ${keyword} dua`)).toBe('r');
      }),
    );
  });
});

describe('the keywords are a setting of the year', () => {
  it.each<[string, Array<{ keyword: string; reason: string; unless?: string[] }>, string, string | null]>([
    ['no keywords', [], 'Honor ketua', null],
    ['a keyword typed with spaces and dots', [{ keyword: ' Sewa tenda. ', reason: 'sewa' }], 'sewa tenda hajatan', 'sewa'],
    ['the first match gives the reason', [{ keyword: 'tenda', reason: 'a' }, { keyword: 'sewa', reason: 'b' }], 'sewa tenda', 'a'],
    ['an exception of one keyword does not hide the next', [{ keyword: 'tenda', reason: 'a', unless: ['sewa'] }, { keyword: 'sewa', reason: 'b' }], 'sewa tenda', 'b'],
    ['digits inside a word are read as letters', [{ keyword: 'tas', reason: 'tas' }], 'beli 7as', 'tas'],
    ['a number alone stays a number', [{ keyword: 'tas', reason: 'tas' }], 'fotokopi 745 lembar', null],
    ['other digits stay digits', [{ keyword: 'a2b', reason: 'x' }], 'kode a2b', 'x'],
  ])('%s', (_name, forbiddenKeywords, description, reason) => {
    expect(findForbiddenUse({ forbiddenKeywords }, description)).toBe(reason);
  });
});

describe('how the recipient of a pay word is read', () => {
  const verdict = (description: string) => {
    const v = judgeUse(semarang, description);
    return v.outcome === 'ok' ? 'ok' : v.outcome === 'refuse' ? 'refuse' : `flag (${v.because})`;
  };
  it.each([
    // A spelling trick in a connecting word does not hide the officer after it.
    ['Honor un7uk RT', 'refuse'],
    ['Honor u7k RT', 'refuse'],
    // Any pay word of the kind counts, not only the first.
    ['Honor penceramah dan honor RT', 'refuse'],
    // A place softens an officer through at most two honorifics, and through nothing else.
    ['Honor penceramah rumah bapak ibu ketua', 'flag (officer_as_place)'],
    ['Honor penceramah rumah pak bu pak ketua', 'refuse'],
    ['Honor penceramah rumah baru ketua', 'refuse'],
    // A piece cut out of a word is no place ("bu-di" is a name), and no reduplication of the next word.
    ['Honor penceramah bu-di ketua', 'refuse'],
    ['Honor penceramah rumah-ketua ketua', 'refuse'],
    ['Honor penceramah ibu-ibu RT', 'ok'],
  ])('%j → %s', (description, expected) => {
    expect(verdict(description)).toBe(expected);
  });
});
