/** Registry imports: all or nothing, every bad row with its line, re-import changes nothing. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importRts, importWilayah } from '../../src/app/import-registry';
import { SEED_DIR } from '../../src/app/seed';
import type { Services } from '../helpers/db';
import { SYSTEM } from '../builders';
import { freshServices, tempDbPath } from '../helpers/db';
import { runScript } from '../helpers/scripts';

const wilayah = fs.readFileSync(`${SEED_DIR}/semarang-wilayah.csv`, 'utf8');
const WILAYAH_HEADER = 'kecamatan_code,kecamatan,kelurahan_code,kelurahan';
const RT_HEADER = 'kelurahan_code,rw,rt,chair_name,bank_account';

/** Each import on a database that already holds what it needs: nothing for wilayah, the city's wilayah for RTs. */
const IMPORTS = {
  wilayah: { run: importWilayah, prepare: (_s: Services) => undefined },
  rt: { run: importRts, prepare: (s: Services) => void importWilayah(s, SYSTEM, wilayah) },
};

describe('a file with bad rows', () => {
  it.each<[string, keyof typeof IMPORTS, string[], Array<[number, string]>]>([
    [
      'wilayah: a bad kecamatan code, a kelurahan outside its kecamatan, a duplicate kelurahan, an empty name',
      'wilayah',
      [
        WILAYAH_HEADER,
        '3374010,Mijen,3374010001,Cangkiran',
        '33740X0,Mijen,3374010002,Bubakan',
        '3374010,Mijen,3374020003,Salah',
        '3374010,Mijen,3374010001,Ganda',
        '3374010,Mijen,3374010004,',
      ],
      [
        [3, 'kode kecamatan harus 7 angka'],
        [4, 'harus diawali kode kecamatannya'],
        [5, 'ganda'],
        [6, 'nama kelurahan kosong'],
      ],
    ],
    [
      'rt: an unknown kelurahan, a bad bank account, a duplicate RT, an empty name',
      'rt',
      [
        RT_HEADER,
        '3374050005,1,1,Budi Santoso,2012345678',
        '3374999999,1,2,Ani,2012345679',
        '3374050005,1,3,Siti,12345',
        '3374050005,1,1,Joko,2012345670',
        '3374050005,1,4,,2012345671',
      ],
      [
        [3, 'tidak dikenal'],
        [4, 'tepat 10 angka'],
        [5, 'RT ganda'],
        [6, 'nama ketua RT kosong'],
      ],
    ],
  ])('%s: every bad row reported by its line, nothing imported', (_what, kind, lines, expected) => {
    const s = freshServices();
    IMPORTS[kind].prepare(s);
    const before = s.registry.counts();
    const r = IMPORTS[kind].run(s, SYSTEM, lines.join('\n'));
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(expected.map(([line, message]) => ({ line, message: expect.stringContaining(message) })));
    expect(s.registry.counts()).toEqual(before);
  });
});

describe('a good file', () => {
  it.each<[string, keyof typeof IMPORTS, string, Record<string, number>, Record<string, number>]>([
    ['wilayah: the 16 kecamatan and 172 kelurahan', 'wilayah', wilayah, { rows: 172, inserted: 172 }, { kecamatan: 16, kelurahan: 172 }],
    ['rt: two RTs', 'rt', `${RT_HEADER}\n3374050005,1,1,Budi Santoso,2012345678\n3374050005,2,1,Ani Lestari,2012345679\n`, { rows: 2, inserted: 2 }, { rt: 2 }],
  ])('%s: imported, and a second run changes nothing', (_what, kind, csv, first, counts) => {
    const s = freshServices();
    IMPORTS[kind].prepare(s);
    expect(IMPORTS[kind].run(s, SYSTEM, csv)).toMatchObject({ ok: true, ...first });
    expect(s.registry.counts()).toMatchObject(counts);
    const audits = s.audit.count();
    expect(IMPORTS[kind].run(s, SYSTEM, csv)).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: first.rows });
    expect(s.audit.count()).toBe(audits);
    expect(s.registry.counts()).toMatchObject(counts);
  });

  it('rt: a changed bank account is an update, audited with before and after', () => {
    const s = freshServices();
    importWilayah(s, SYSTEM, wilayah);
    const csv = `${RT_HEADER}\n3374050005,1,1,Budi Santoso,2012345678\n3374050005,2,1,Ani Lestari,2012345679\n`;
    expect(importRts(s, SYSTEM, csv)).toMatchObject({ ok: true, inserted: 2 });
    const changed = csv.replace('2012345679', '2099999999');
    expect(importRts(s, SYSTEM, changed)).toMatchObject({ ok: true, updated: 1, unchanged: 1 });
    const row = s.audit.list({ action: 'registry.rt.update', page: 1, pageSize: 5 }).rows[0]!;
    expect(JSON.parse(row.summary)).toMatchObject({ before: { bankAccount: '2012345679' }, after: { bankAccount: '2099999999' } });
  });
});

describe('npm run import:rt', () => {
  it('prints every bad row with its line number and exits 1', async () => {
    const env = { DATABASE_PATH: tempDbPath() };
    const loaded = await runScript('import:wilayah', [`${SEED_DIR}/semarang-wilayah.csv`], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    const bad = `${tempDbPath()}.csv`;
    fs.writeFileSync(bad, `${RT_HEADER}\n3374050005,1,1,Budi,20123\n3374050005,1,2,Ani,2012345678\n3374050005,1,2,Ani,2012345678\n`);
    const r = await runScript('import:rt', [bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('baris 2: nomor rekening harus tepat 10 angka');
    expect(r.stderr).toContain('baris 4: RT ganda');
  });
});
