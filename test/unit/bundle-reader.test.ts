/**
 * The ZIP reader of verify-bundle: small entries come whole from its cached blocks (stored or
 * deflated), larger ones stream from the disk; both give the bytes written, and a damaged entry is
 * an error (a finding for verify-bundle), never wrong bytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import archiver from 'archiver';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/app/bundle-reader';

async function zipOf(files: Array<{ name: string; body: Buffer; store?: boolean }>): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-reader-')), 'b.zip');
  const out = fs.createWriteStream(file);
  const zip = archiver('zip', { zlib: { level: 6 } });
  zip.pipe(out);
  for (const f of files) zip.append(f.body, { name: f.name, store: f.store ?? false });
  await zip.finalize();
  await new Promise<void>((r) => out.on('close', () => r()));
  return file;
}

async function bytesOf(reader: Awaited<ReturnType<typeof openZip>>, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of (await reader.open(name)) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

const text = (n: number) => Buffer.from('baris jurnal 1234567890\n'.repeat(Math.ceil(n / 24)).slice(0, n));

describe('openZip', () => {
  it('reads back every entry byte for byte: small and large, stored and deflated, empty, across block edges', async () => {
    const files = [
      { name: 'kosong.txt', body: Buffer.alloc(0) },
      { name: 'kecil.csv', body: text(300) },
      { name: 'foto.jpg', body: randomBytes(40_000), store: true },
      { name: 'besar.jsonl', body: text(3_000_000) },
      { name: 'besar-acak.bin', body: randomBytes(1_300_000), store: true },
      ...Array.from({ length: 400 }, (_, i) => ({ name: `evidence/${String(i).padStart(64, '0')}.jpg`, body: randomBytes(3_000 + i * 7), store: i % 2 === 0 })),
    ];
    const reader = await openZip(await zipOf(files));
    try {
      expect(reader.names).toEqual(files.map((f) => f.name));
      // Out of order and many at once, as verify-bundle reads evidence.
      const got = await Promise.all([...files].reverse().map(async (f) => [f.name, await bytesOf(reader, f.name)] as const));
      for (const [name, body] of got) expect(body.equals(files.find((f) => f.name === name)!.body), name).toBe(true);
      // The hash path (stored small files hashed in place, the others read) gives every file's SHA-256.
      const hashes = await Promise.all(files.map((f) => reader.sha256(f.name)));
      expect(hashes).toEqual(files.map((f) => createHash('sha256').update(f.body).digest('hex')));
    } finally {
      reader.close();
    }
  });

  it('refuses a small deflated entry whose compressed bytes were damaged, and one whose local header was overwritten', async () => {
    const body = text(20_000);
    const file = await zipOf([
      { name: 'a.csv', body },
      { name: 'b.csv', body: text(5_000) },
    ]);
    const bytes = fs.readFileSync(file);
    // The local header of a.csv is at 0: 30 bytes, then its name (5 bytes); its data follows.
    const damaged = Buffer.from(bytes);
    for (let i = 40; i < 60; i++) damaged[i] = 0xff;
    fs.writeFileSync(`${file}.1`, damaged);
    const r1 = await openZip(`${file}.1`);
    await expect(bytesOf(r1, 'a.csv')).rejects.toThrow();
    expect((await bytesOf(r1, 'b.csv')).equals(text(5_000))).toBe(true);
    r1.close();

    const header = Buffer.from(bytes);
    header.writeUInt32LE(0x12345678, 0);
    fs.writeFileSync(`${file}.2`, header);
    const r2 = await openZip(`${file}.2`);
    await expect(bytesOf(r2, 'a.csv')).rejects.toThrow(/kepala berkas lokal rusak/);
    await expect(r2.sha256('a.csv')).rejects.toThrow(/kepala berkas lokal rusak/);
    r2.close();
  });

  it('rejects a file that is no ZIP', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-reader-')), 'x.zip');
    fs.writeFileSync(file, randomBytes(5000));
    await expect(openZip(file)).rejects.toThrow();
  });
});
