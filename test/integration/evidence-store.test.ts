/** The content-addressed evidence store's file handling. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EvidenceStore } from '../../src/app/evidence-store';
import { sweepEvidence } from '../../src/app/upload-evidence';
import { freshServices } from '../helpers/db';

const HOUR = 60 * 60_000;
const age = (file: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(file, then, then);
};

/** A store in a new empty directory of its own. */
const aStore = () => new EvidenceStore(fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-ev-')));

describe('EvidenceStore', () => {
  it('stores a file again after its directory was removed (it remembers directories it made)', async () => {
    const store = aStore();
    const first = await store.put(Buffer.from('%PDF-1.4 satu'), 'application/pdf', 'a.pdf');
    fs.rmSync(store.dir, { recursive: true, force: true });
    const again = await store.put(Buffer.from('%PDF-1.4 satu'), 'application/pdf', 'a.pdf');
    expect(again.sha256).toBe(first.sha256);
    expect(fs.readFileSync(store.pathOf(again.sha256), 'utf8')).toBe('%PDF-1.4 satu');
  });

  it('answers existsInOrder like exists, listing each directory once', async () => {
    const store = aStore();
    const stored = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => store.put(Buffer.from(`isi ${t}`), 'application/pdf', `${t}.pdf`)));
    const absent = ['0'.repeat(64), 'f'.repeat(64), stored[0]!.sha256.replace(/.$/, (c) => (c === '0' ? '1' : '0'))];
    const hashes = [...stored.map((f) => f.sha256), ...absent, 'bukan-hash'].sort();
    const present = store.existsInOrder();
    expect(hashes.map((h) => present(h))).toEqual(hashes.map((h) => store.exists(h)));
    expect(hashes.filter((h) => present(h))).toHaveLength(5);
  });

  it('writes the file anew when the sweep removed it just before the refresh', async () => {
    const store = aStore();
    const first = await store.put(Buffer.from('%PDF-1.4 dua'), 'application/pdf', 'a.pdf');
    const utimes = vi.spyOn(fs, 'utimesSync').mockImplementationOnce((file) => {
      fs.rmSync(file as string);
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    });
    await store.put(Buffer.from('%PDF-1.4 dua'), 'application/pdf', 'a.pdf');
    expect(utimes).toHaveBeenCalledOnce();
    utimes.mockRestore();
    expect(fs.readFileSync(store.pathOf(first.sha256), 'utf8')).toBe('%PDF-1.4 dua');
  });
});

describe('the orphan sweep', () => {
  it('removes old orphans and stale temp files, keeps referenced and young files, and leaves what is not a store file', async () => {
    const s = freshServices();
    const put = (text: string) => s.evidence.put(Buffer.from(`%PDF-1.4 ${text}`), 'application/pdf', `${text}.pdf`);
    const [kept, orphan, young] = [await put('dipakai'), await put('yatim'), await put('baru')];
    s.db.transaction(() => s.evidenceFiles.ensure(kept, new Date().toISOString()));
    for (const f of [kept, orphan]) age(s.evidence.pathOf(f.sha256), 2 * HOUR);
    const tmp = path.join(path.dirname(s.evidence.pathOf(kept.sha256)), '.tmp-0123456789abcdef');
    fs.writeFileSync(tmp, 'setengah');
    age(tmp, 2 * HOUR);
    const stranger = path.join(s.evidence.dir, 'README.txt');
    fs.writeFileSync(stranger, 'bukan berkas bukti');
    age(stranger, 2 * HOUR);

    expect(await sweepEvidence(s)).toBe(2);
    expect([kept, orphan, young].map((f) => s.evidence.exists(f.sha256))).toEqual([true, false, true]);
    expect([fs.existsSync(tmp), fs.existsSync(stranger)]).toEqual([false, true]);
    expect(await sweepEvidence(s)).toBe(0);
  });

  it('reads the referenced hashes of a prefix as one range, the last prefix included', () => {
    const s = freshServices();
    const now = new Date().toISOString();
    const hashes = ['00', '0f', 'fe', 'ff', 'ff'].map((p, i) => p + String(i).repeat(62));
    s.db.transaction(() => hashes.forEach((sha256) => s.evidenceFiles.ensure({ sha256, size: 1, mime: 'application/pdf' }, now)));
    expect([...s.evidenceFiles.hashesUnder('ff')].sort()).toEqual([hashes[3], hashes[4]]);
    expect([...s.evidenceFiles.hashesUnder('fe')]).toEqual([hashes[2]]);
    expect([...s.evidenceFiles.hashesUnder('00')]).toEqual([hashes[0]]);
    expect(s.evidenceFiles.hashesUnder('01').size).toBe(0);
  });
});
