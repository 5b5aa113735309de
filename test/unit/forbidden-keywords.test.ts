/**
 * src/domain/grants/forbidden-keywords.ts, word by word: each entry of the Semarang list and each
 * word the judgement reads around a pay word (recipients, machines, officers, places, honorifics,
 * connecting words), one row each, with the verdict and the keyword that gave it. The spelling
 * tricks are in forbidden-use-tricks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORBIDDEN_KEYWORDS } from '../../src/domain/grants/forbidden-keywords';
import { judgeUse } from '../../src/domain/grants/forbidden-uses';

const semarang = { forbiddenKeywords: DEFAULT_FORBIDDEN_KEYWORDS };
/** "refuse honor: honor pengurus RT", "flag bensin: BBM (no_recipient)" or "ok". */
const verdict = (description: string) => {
  const v = judgeUse(semarang, description);
  if (v.outcome === 'ok') return 'ok';
  return v.outcome === 'refuse' ? `refuse ${v.keyword}: ${v.reason}` : `flag ${v.keyword}: ${v.reason} (${v.because})`;
};

const HONOR = 'honor pengurus RT';
const BUILDING = 'pembangunan baru';
const POLITICS = 'kegiatan politik';

describe('pay words, with no recipient named, are flagged for the treasurer', () => {
  it.each([
    ['Honor', 'honor', HONOR],
    ['Honornya', 'honor', HONOR],
    ['Honorarium', 'honor', HONOR], // 'honor' reads the longer word first
    ['Honorariumnya', 'honor', HONOR],
    ['Uang duduk', 'uang duduk', HONOR],
    ['Uang rapat', 'uang rapat', HONOR],
    ['Uang kehormatan', 'uang kehormatan', HONOR],
    ['Gaji', 'gaji', 'gaji pengurus RT'],
    ['Gajinya', 'gaji', 'gaji pengurus RT'],
    ['Insentif', 'insentif', 'insentif pengurus RT'],
    ['Insentifnya', 'insentif', 'insentif pengurus RT'],
    ['Uang lelah', 'uang lelah', 'insentif pengurus RT'],
    ['Tunjangan', 'tunjangan', 'tunjangan pengurus RT'],
    ['Tunjangannya', 'tunjangan', 'tunjangan pengurus RT'],
    ['THR', 'thr', 'tunjangan pengurus RT'],
    ['Uang saku', 'uang saku', 'uang saku pengurus RT'],
    ['Transport', 'transport', 'uang transport pengurus RT'],
    ['Transportnya', 'transport', 'uang transport pengurus RT'],
    ['Transpor', 'transpor', 'uang transport pengurus RT'],
    ['Transpornya', 'transpor', 'uang transport pengurus RT'],
    ['Pulsa', 'pulsa', 'pulsa pengurus RT'],
    ['Pulsanya', 'pulsa', 'pulsa pengurus RT'],
    ['Paket data', 'paket data', 'pulsa pengurus RT'],
    ['Kuota internet', 'kuota internet', 'pulsa pengurus RT'],
    ['BBM', 'bbm', 'BBM'],
    ['BBMnya', 'bbm', 'BBM'],
    ['Bensin', 'bensin', 'BBM'],
    ['Pertalite', 'pertalite', 'BBM'],
    ['Pertamax', 'pertamax', 'BBM'],
    ['Dexlite', 'dexlite', 'BBM'],
    ['Biosolar', 'biosolar', 'BBM'],
    ['Solar', 'solar', 'BBM'],
  ])('%j → flag %s', (description, keyword, reason) => {
    expect(verdict(description)).toBe(`flag ${keyword}: ${reason} (no_recipient)`);
  });

  it.each(['Uang dudukan', 'Paket datanya', 'Solarnya'])('%j: a keyword without `stem` does not match a longer word', (description) => {
    expect(verdict(description)).toBe('ok');
  });
});

describe('the recipients and machines a pay word may be for', () => {
  it.each([
    'pemuka agama', 'penceramah', 'ustadz', 'ustad', 'ustaz', 'ustadzah', 'ustazah', 'kyai', 'kiai', 'pendeta', 'pastor', 'romo',
    'pandita', 'pinandita', 'biksu', 'bhikkhu', 'khatib', 'mubaligh', 'imam', 'qori', 'qoriah', 'modin',
    'instruktur', 'pelatih', 'pemandu senam', 'narasumber', 'pemateri', 'fasilitator',
    'petugas kebersihan', 'petugas sampah', 'pengangkut sampah', 'tukang sapu',
  ])('a fee for the %s is allowed, whatever it is called', (recipient) => {
    for (const pay of ['Honor', 'Honorarium', 'Uang duduk', 'Uang rapat', 'Uang kehormatan', 'Gaji', 'Insentif', 'Uang lelah', 'Tunjangan', 'THR', 'Uang saku', 'Transport', 'Transpor']) {
      expect(verdict(`${pay} ${recipient}`), pay).toBe('ok');
    }
  });

  it('a contract worker (honorer) is a person, not a fee', () => {
    expect(verdict('Honor tenaga honorer')).toBe('ok');
    expect(verdict('Gaji tenaga honorer')).toBe('flag gaji: gaji pengurus RT (no_recipient)');
  });

  it.each(['mesin', 'genset', 'generator', 'pemotong', 'potong rumput', 'fogging', 'pompa', 'alkon'])('fuel for the %s is allowed', (machine) => {
    for (const fuel of ['BBM', 'Bensin', 'Pertalite', 'Pertamax', 'Dexlite', 'Biosolar', 'Solar']) {
      expect(verdict(`${fuel} ${machine}`), fuel).toBe('ok');
    }
  });

  it.each([
    ['Lampu solar cell', 'ok'],
    ['Solar panel pos kamling', 'ok'],
    ['Lampu jalan panel solar', 'ok'],
    ['Pulsa listrik pos kamling', 'ok'],
    ['Token listrik pos kamling', 'ok'],
    ['Pulsa token listrik pos kamling', 'ok'],
    ['Pulsa penceramah', 'flag pulsa: pulsa pengurus RT (no_recipient)'],
    ['Paket data narasumber', 'flag paket data: pulsa pengurus RT (no_recipient)'],
    ['Kuota internet narasumber', 'flag kuota internet: pulsa pengurus RT (no_recipient)'],
    ['Bensin potong', 'flag bensin: BBM (no_recipient)'],
  ])('%j → %s', (description, expected) => {
    expect(verdict(description)).toBe(expected);
  });
});

describe('an RT/RW officer as the recipient is refused', () => {
  it.each(['ketua', 'sekretaris', 'bendahara', 'pengurus', 'Pak RT', 'Bu RT', 'Bapak RT', 'Ibu RT', 'Pak RW', 'Bu RW', 'Bapak RW', 'Ibu RW'])(
    'an officer named anywhere: %s',
    (officer) => {
      expect(verdict(`Honor pengajian ${officer}`)).toBe(`refuse honor: ${HONOR}`);
    },
  );

  it.each([
    ['Honor RT', `refuse honor: ${HONOR}`],
    ['Honor RW', `refuse honor: ${HONOR}`],
    ['Honor pengajian RT 05', `flag honor: ${HONOR} (no_recipient)`],
    ['Honor pengajian RW 05', `flag honor: ${HONOR} (no_recipient)`],
    ['Honor penceramah pengajian RT 05', 'ok'],
  ])('"RT" and "RW" name the officers only right after the pay word: %j → %s', (description, expected) => {
    expect(verdict(description)).toBe(expected);
  });

  it.each(['untuk', 'bagi', 'buat', 'kepada', 'kpd', 'utk', 'para'])('or after a connecting word: honor %s RT', (connector) => {
    expect(verdict(`Honor ${connector} RT`)).toBe(`refuse honor: ${HONOR}`);
  });

  it('reads at most two connecting words', () => {
    expect(verdict('Honor untuk para RT')).toBe(`refuse honor: ${HONOR}`);
    expect(verdict('Honor untuk bagi para RT')).toBe(`flag honor: ${HONOR} (no_recipient)`);
  });

  it('refuses an officer even beside an allowed recipient', () => {
    expect(verdict('Honor penceramah dan ketua')).toBe(`refuse honor: ${HONOR}`);
  });
});

describe('an officer named as a place is flagged, not refused', () => {
  it.each(['rumah', 'kediaman', 'tempat', 'halaman', 'teras', 'di'])('honor for the preacher, at the %s of the ketua', (place) => {
    expect(verdict(`Honor penceramah ${place} ketua`)).toBe(`flag honor: ${HONOR} (officer_as_place)`);
  });

  it.each(['pak', 'bu', 'bapak', 'ibu', 'bpk', 'sdr', 'saudara', 'saudari'])('an honorific between the place and the officer: rumah %s ketua', (honorific) => {
    expect(verdict(`Honor penceramah rumah ${honorific} ketua`)).toBe(`flag honor: ${HONOR} (officer_as_place)`);
  });

  it('two honorifics in a row still read as a place', () => {
    expect(verdict('Honor penceramah rumah bapak ibu ketua')).toBe(`flag honor: ${HONOR} (officer_as_place)`);
  });
});

describe('words refused wherever they appear', () => {
  it.each([
    ['Keperluan pribadi ketua', 'keperluan pribadi', 'keperluan pribadi'],
    ['Pulsa pribadi', 'pribadi', 'keperluan pribadi'],
    ['Pembangunan talud', 'pembangunan', BUILDING],
    ['Pembangunannya', 'pembangunan', BUILDING],
    ['Pengecoran jalan', 'pengecoran', BUILDING],
    ['Pengecorannya', 'pengecoran', BUILDING],
    ['Ngecor lantai', 'ngecor', BUILDING],
    ['Cor pos kamling', 'cor pos', BUILDING],
    ['Bangun baru pos', 'bangun baru', BUILDING],
    ['Bangunan baru', 'bangunan baru', BUILDING],
    ['Bangun pagar', 'bangun', BUILDING],
    ['Membangun pagar', 'membangun', BUILDING],
    ['Pos yang dibangun', 'dibangun', BUILDING],
    ['Pembuatan gapura', 'pembuatan gapura', BUILDING],
    ['Pembuatan pos', 'pembuatan pos', BUILDING],
    ['Gapura baru', 'gapura baru', BUILDING],
    ['Pos ronda baru', 'pos ronda baru', BUILDING],
    ['Pos kamling baru', 'pos kamling baru', BUILDING],
    ['Kaos kampanye', 'kampanye', POLITICS],
    ['Kampanyenya', 'kampanye', POLITICS],
    ['Ikut berkampanye', 'berkampanye', POLITICS],
    ['Bendera partai', 'partai', POLITICS],
    ['Partainya', 'partai', POLITICS],
    ['Atribut parpol', 'parpol', POLITICS],
    ['Parpolnya', 'parpol', POLITICS],
    ...['caleg', 'capres', 'cawapres', 'cagub', 'cawagub', 'cawalkot', 'pilkada', 'pilpres', 'pileg', 'pilwakot', 'paslon', 'timses'].flatMap((k): Array<[string, string, string]> => [
      [`Konsumsi ${k}`, k, POLITICS],
      [`Konsumsi ${k}nya`, k, POLITICS],
    ]),
    ...['calon legislatif', 'calon anggota legislatif', 'calon anggota dewan', 'calon anggota dprd', 'calon presiden', 'calon wakil presiden', 'calon kepala daerah', 'calon walikota', 'calon wali kota', 'calon bupati', 'calon gubernur', 'tim sukses'].map(
      (k): [string, string, string] => [`Spanduk ${k}`, k, POLITICS],
    ),
    ['Sumbangan untuk calon', 'sumbangan untuk calon', POLITICS],
    ['Sumbangan calon', 'sumbangan calon', POLITICS],
  ])('%j → refuse %s', (description, keyword, reason) => {
    expect(verdict(description)).toBe(`refuse ${keyword}: ${reason}`);
  });

  it.each([
    'Perencanaan pembangunan RT',
    'Konsumsi bangun sahur',
    'Senam bangun pagi',
    'Bangun tidur siaga',
    'Kampanye kesehatan',
    'Kampanye kebersihan',
    'Kampanye PHBS',
    'Sumbangan calon pengantin',
    'Sumbangan untuk calon jemaah haji',
    'Sumbangan untuk calon jamaah umroh',
  ])('unless it means something else here: %j', (description) => {
    expect(verdict(description)).toBe('ok');
  });
});
