/** Registry imports: all or nothing, every bad row with its line, re-import changes nothing. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importRts, importWilayah } from '../../src/app/import-registry';
import { SEED_DIR } from '../../src/app/seed';
import { SYSTEM } from '../builders';
import { freshServices, tempDbPath } from '../helpers/db';

const wilayah = fs.readFileSync(`${SEED_DIR}/semarang-wilayah.csv`, 'utf8');

describe('import:wilayah', () => {
  it('imports the 16 kecamatan and 172 kelurahan, and a second run changes nothing', () => {
    const s = freshServices();
    const first = importWilayah(s, SYSTEM, wilayah);
    expect(first).toMatchObject({ ok: true, rows: 172, inserted: 172 });
    expect(s.registry.counts()).toMatchObject({ kecamatan: 16, kelurahan: 172 });
    const audits = s.audit.count();
    const second = importWilayah(s, SYSTEM, wilayah);
    expect(second).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 172 });
    expect(s.audit.count()).toBe(audits);
  });

  it('reports every bad row and imports nothing', () => {
    const s = freshServices();
    const csv = [
      'kecamatan_code,kecamatan,kelurahan_code,kelurahan',
      '3374010,Mijen,3374010001,Cangkiran',
      '33740X0,Mijen,3374010002,Bubakan',
      '3374010,Mijen,3374020003,Salah',
      '3374010,Mijen,3374010001,Ganda',
      '3374010,Mijen,3374010004,',
    ].join('\n');
    const r = importWilayah(s, SYSTEM, csv);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(r.errors[2]!.message).toContain('ganda');
    expect(s.registry.counts().kelurahan).toBe(0);
  });
});

describe('import:rt', () => {
  const header = 'kelurahan_code,rw,rt,chair_name,bank_account';

  it('reports unknown kelurahan, bad bank account, duplicate RT and empty name by line; imports nothing', () => {
    const s = freshServices();
    importWilayah(s, SYSTEM, wilayah);
    const csv = [
      header,
      '3374050005,1,1,Budi Santoso,2012345678',
      '3374999999,1,2,Ani,2012345679',
      '3374050005,1,3,Siti,12345',
      '3374050005,1,1,Joko,2012345670',
      '3374050005,1,4,,2012345671',
    ].join('\n');
    const r = importRts(s, SYSTEM, csv);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      { line: 3, message: expect.stringContaining('tidak dikenal') },
      { line: 4, message: expect.stringContaining('tepat 10 angka') },
      { line: 5, message: expect.stringContaining('RT ganda') },
      { line: 6, message: expect.stringContaining('nama ketua RT kosong') },
    ]);
    expect(s.registry.counts().rt).toBe(0);
  });

  it('imports, re-imports without change, and audits a changed bank account with before/after', () => {
    const s = freshServices();
    importWilayah(s, SYSTEM, wilayah);
    const csv = `${header}\n3374050005,1,1,Budi Santoso,2012345678\n3374050005,2,1,Ani Lestari,2012345679\n`;
    expect(importRts(s, SYSTEM, csv)).toMatchObject({ ok: true, inserted: 2 });
    const audits = s.audit.count();
    expect(importRts(s, SYSTEM, csv)).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 2 });
    expect(s.audit.count()).toBe(audits);
    const changed = csv.replace('2012345679', '2099999999');
    expect(importRts(s, SYSTEM, changed)).toMatchObject({ ok: true, updated: 1, unchanged: 1 });
    const row = s.audit.list({ action: 'registry.rt.update', page: 1, pageSize: 5 }).rows[0]!;
    expect(JSON.parse(row.summary)).toMatchObject({ before: { bankAccount: '2012345679' }, after: { bankAccount: '2099999999' } });
  });

  it('the CLI prints every bad row with its line number and exits 1', () => {
    const db = tempDbPath();
    const env = { ...process.env, DATABASE_PATH: db };
    execFileSync('npx', ['tsx', 'scripts/import-wilayah.ts', `${SEED_DIR}/semarang-wilayah.csv`], { env });
    const bad = `${tempDbPath()}.csv`;
    fs.writeFileSync(bad, `${header}\n3374050005,1,1,Budi,20123\n3374050005,1,2,Ani,2012345678\n3374050005,1,2,Ani,2012345678\n`);
    const r = spawnSync('npx', ['tsx', 'scripts/import-rt.ts', bad], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('baris 2: nomor rekening harus tepat 10 angka');
    expect(r.stderr).toContain('baris 4: RT ganda');
  });
});
