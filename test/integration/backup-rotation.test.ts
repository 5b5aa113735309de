/**
 * The daily backup's retention (`npm run backup -- --into PARENT --keep N`): dated folders, the
 * newest N complete ones kept, failed runs cleared once a newer backup exists, nothing else
 * under PARENT touched, and nothing deleted when the run itself failed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../src/app/backup-manifest';
import { backupFolderName, pruneBackups } from '../../src/app/backup-rotation';
import { seededServices } from '../helpers/db';
import { runScript } from '../helpers/scripts';

const parentWith = (folders: Array<[string, 'complete' | 'unfinished']>, others: string[] = []) => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-rotation-'));
  for (const [name, state] of folders) {
    fs.mkdirSync(path.join(parent, name));
    fs.writeFileSync(path.join(parent, name, 'dana-rt.sqlite'), 'x');
    if (state === 'complete') fs.writeFileSync(path.join(parent, name, MANIFEST), '# ok\n');
  }
  for (const o of others) fs.mkdirSync(path.join(parent, o));
  return parent;
};

describe('backup retention', () => {
  it('names a folder by the UTC time of the run', () => {
    expect(backupFolderName(new Date('2026-12-05T19:30:07.123Z'))).toBe('dana-rt-20261205-193007');
  });

  const D = (day: number) => `dana-rt-202612${String(day).padStart(2, '0')}-190000`;
  const cases: Array<{ what: string; folders: Array<[string, 'complete' | 'unfinished']>; keep: number; removed: string[] }> = [
    { what: 'the newest N complete kept, older ones deleted', folders: [[D(1), 'complete'], [D(2), 'complete'], [D(3), 'complete'], [D(4), 'complete']], keep: 2, removed: [D(1), D(2)] },
    { what: 'fewer than N: nothing deleted', folders: [[D(1), 'complete'], [D(2), 'complete']], keep: 14, removed: [] },
    { what: 'an unfinished run older than a complete one is cleared', folders: [[D(1), 'complete'], [D(2), 'unfinished'], [D(3), 'complete']], keep: 5, removed: [D(2)] },
    { what: 'an unfinished run newer than every complete one may be running: kept', folders: [[D(1), 'complete'], [D(2), 'unfinished']], keep: 5, removed: [] },
    { what: 'unfinished runs do not count towards N', folders: [[D(1), 'complete'], [D(2), 'unfinished'], [D(3), 'complete']], keep: 1, removed: [D(1), D(2)] },
  ];
  it.each(cases)('$what', ({ folders, keep, removed }) => {
    const parent = parentWith(folders, ['dana-rt-manual', 'lain-lain', 'dana-rt-2026120-1']);
    expect(pruneBackups(parent, keep)).toEqual(removed);
    const left = fs.readdirSync(parent).sort();
    expect(left).toEqual([...folders.map(([n]) => n).filter((n) => !removed.includes(n)), 'dana-rt-manual', 'lain-lain', 'dana-rt-2026120-1'].sort());
  });

  it('npm run backup -- --into PARENT --keep 2, three runs: two dated, complete backups left', async () => {
    const s = await seededServices();
    const file = s.db.sqlite.name;
    s.db.close();
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-daily-'));
    const env = { DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence` };
    const runs = [];
    for (let i = 0; i < 3; i++) {
      runs.push(await runScript('backup', ['--into', parent, '--keep', '2'], env));
      await new Promise((r) => setTimeout(r, 1100)); // a new second, a new folder name
    }
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs[2]!.stdout).toMatch(/Cadangan lama dihapus \(disimpan 2 terbaru\): dana-rt-\d{8}-\d{6}/);
    const left = fs.readdirSync(parent).sort();
    expect(left).toHaveLength(2);
    for (const name of left) {
      expect(name).toMatch(/^dana-rt-\d{8}-\d{6}$/);
      expect(fs.existsSync(path.join(parent, name, MANIFEST))).toBe(true);
    }
    expect((await runScript('backup', ['--into', parent, '--keep', '0'], env)).code).toBe(2);
  });
});
