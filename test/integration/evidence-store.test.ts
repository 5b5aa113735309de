/** The content-addressed evidence store's file handling. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../src/app/evidence-store';

describe('EvidenceStore', () => {
  it('stores a file again after its directory was removed (it remembers directories it made)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-ev-'));
    const store = new EvidenceStore(dir);
    const first = await store.put(Buffer.from('%PDF-1.4 satu'), 'application/pdf', 'a.pdf');
    fs.rmSync(dir, { recursive: true, force: true });
    const again = await store.put(Buffer.from('%PDF-1.4 satu'), 'application/pdf', 'a.pdf');
    expect(again.sha256).toBe(first.sha256);
    expect(fs.readFileSync(store.pathOf(again.sha256), 'utf8')).toBe('%PDF-1.4 satu');
  });

  it('answers existsInOrder like exists, listing each directory once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-ev-'));
    const store = new EvidenceStore(dir);
    const stored = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => store.put(Buffer.from(`isi ${t}`), 'application/pdf', `${t}.pdf`)));
    const absent = ['0'.repeat(64), 'f'.repeat(64), stored[0]!.sha256.replace(/.$/, (c) => (c === '0' ? '1' : '0'))];
    const hashes = [...stored.map((f) => f.sha256), ...absent, 'bukan-hash'].sort();
    const present = store.existsInOrder();
    expect(hashes.map((h) => present(h))).toEqual(hashes.map((h) => store.exists(h)));
    expect(hashes.filter((h) => present(h))).toHaveLength(5);
  });
});
