/**
 * BACA-SAYA.txt: the commands it gives are run here, as printed, on bundle files built from the
 * demo's ledger in the bundle format 3 layout (journal.jsonl, chain.csv, checkpoints.jsonl,
 * kunci-publik.pem, MANIFEST.txt): the worked example's one-liner prints the entry's real hash,
 * the link and hash checks are silent on a true bundle and speak on a tampered one, and the
 * openssl recipe verifies the signed checkpoint with the right key and refuses another key.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonical } from '../../src/domain/ledger/hash-chain';
import { keyIdOf, shortCheckpoint, signCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint';
import type { PostedEntry } from '../../src/domain/ledger/entry';
import { bundleReadme } from '../../src/reports/bundle-readme';
import type { Services } from '../helpers/db';
import { tempDbPath } from '../helpers/db';
import { seededApp } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;
let dir: string;
let readme: string;
let inScope: PostedEntry[];
let end: SignedCheckpoint;

const bash = (script: string, cwd = dir) => spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

/** The lines of the readme from the one starting with `first` to the one starting with `last`, unindented. */
function block(first: string, last: string): string {
  const lines = readme.split('\n').map((l) => l.trim());
  const from = lines.findIndex((l) => l.startsWith(first));
  const to = lines.findIndex((l, i) => i >= from && l.startsWith(last));
  expect(from, first).toBeGreaterThanOrEqual(0);
  expect(to, last).toBeGreaterThanOrEqual(from);
  return lines.slice(from, to + 1).join('\n');
}

beforeAll(async () => {
  s = (await seededApp({}, () => new Date('2026-11-28T03:00:00Z'))).s;
  inScope = [...s.ledger.entriesInScope(2026, PLEBURAN)];
  const inScopeIds = new Set(inScope.map((e) => e.id));
  const all = [...s.ledger.iterateEntries()];
  // The range starts after an earlier checkpoint: just before the first in-scope entry.
  const first = inScope[0]!.id;
  const startHead = all.find((e) => e.id === first - 1)?.hash ?? GENESIS_HASH;
  const last = all[all.length - 1]!;
  const key = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const pem = (k: typeof key) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const start = signCheckpoint({ seq: 1, signedAt: '2026-01-01T00:00:00.000Z', entryCount: first - 1, head: startHead, prev: GENESIS_HASH, keyId: keyIdOf(pem(key)), reason: 'harian', auditCount: 7, auditHead: 'ab'.repeat(32) }, key.privateKey);
  end = signCheckpoint({ seq: 2, signedAt: '2026-11-28T03:00:00.000Z', entryCount: last.id, head: last.hash, prev: start.hash, keyId: keyIdOf(pem(key)), reason: 'ekspor', auditCount: 9, auditHead: 'cd'.repeat(32) }, key.privateKey);

  dir = `${tempDbPath()}-bundle`;
  fs.mkdirSync(dir);
  const files: Record<string, string> = {
    'journal.jsonl': inScope.map((e) => `${canonical(e)}\n`).join(''),
    'chain.csv': ['id,prev_hash,hash,in_scope', ...all.filter((e) => e.id >= first).map((e) => `${e.id},${e.prevHash},${e.hash},${inScopeIds.has(e.id) ? 1 : 0}`)].join('\n') + '\n',
    'checkpoints.jsonl': [start, end].map((c) => `${JSON.stringify(c)}\n`).join(''),
    // A rotated key first: the recipe must pick the key by its id, not take the first block.
    'kunci-publik.pem': pem(other) + pem(key),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(
    path.join(dir, 'MANIFEST.txt'),
    ['# format: dana-rt-bundle/3', '# cakupan: tahun 2026, Kelurahan Pleburan', `# kepala rantai hash buku besar saat ekspor: ${end.head}`, `# jumlah jurnal (rantai): ${end.entryCount}`, ...Object.entries(files).map(([n, t]) => `${sha(t)}  ${n}`), ''].join('\n'),
  );
  const x = inScope[0]!;
  readme = bundleReadme({
    year: 2026,
    scope: 'Kelurahan Pleburan (3374050005)',
    chainHead: end.head,
    entryCount: end.entryCount,
    inScopeCount: inScope.length,
    checkpointShort: shortCheckpoint(end),
    example: { lineNumber: 1, id: x.id, prevHash: x.prevHash, line: canonical(x) },
  });
  fs.writeFileSync(path.join(dir, 'BACA-SAYA.txt'), readme);
});

describe('BACA-SAYA.txt', () => {
  it('names the bundle: year, scope, chain head, entry count and the printed checkpoint', () => {
    expect(readme).toContain('Tahun program 2026, cakupan: Kelurahan Pleburan (3374050005)');
    expect(readme).toContain(`Kepala rantai hash saat ekspor: ${end.head}`);
    expect(readme).toContain(`Jumlah jurnal dalam rantai: ${end.entryCount}; jurnal dalam cakupan (baris journal.jsonl): ${inScope.length}`);
    expect(readme).toContain(`${end.head.slice(0, 16)}#${end.entryCount}`);
    expect(readme).toContain('hledger -f jurnal-2026.journal check -s');
  });

  it('sha256sum -c MANIFEST.txt, as written, passes over the comment header lines', () => {
    const r = bash(block('sha256sum -c MANIFEST.txt', 'sha256sum -c MANIFEST.txt'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('journal.jsonl: OK');
  });

  it("the worked example is the first entry's real hash, and its one-liner prints it", () => {
    const x = inScope[0]!;
    expect(readme).toContain(`    ${canonical(x)}\n`);
    expect(readme).toContain(`Hasilnya harus ${x.hash}`);
    const r = bash(block('PREV=', "printf '%s\\n%s'"));
    expect(r.stdout.trim()).toBe(`${x.hash}  -`);
  });

  it('the link check and the per-line hash check are silent on the true files and name what was changed', () => {
    const links = block("awk -F, 'NR>2", "awk -F, 'NR>2");
    const hashes = block("awk -F, 'NR>1 && $4==1", 'done');
    expect(bash(links)).toMatchObject({ status: 0, stdout: '' });
    expect(bash(hashes)).toMatchObject({ status: 0, stdout: '' });

    const tampered = `${dir}-tampered`;
    fs.cpSync(dir, tampered, { recursive: true });
    const lines = fs.readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').split('\n');
    const victim = lines.findIndex((l) => l.includes('"receipt"'));
    lines[victim] = lines[victim]!.replace(/,(-?\d+)\]\]/, (_m, n: string) => `,${Number(n) + 1}]]`);
    fs.writeFileSync(path.join(tampered, 'journal.jsonl'), lines.join('\n'));
    expect(bash(hashes, tampered).stdout).toMatch(/^SALAH: \[2?/);
    // A dropped link (an entry deleted from the chain's skeleton) breaks the link check.
    const chain = fs.readFileSync(path.join(dir, 'chain.csv'), 'utf8').split('\n');
    chain.splice(5, 1);
    fs.writeFileSync(path.join(tampered, 'chain.csv'), chain.join('\n'));
    expect(bash(links, tampered).stdout).toMatch(/^putus di id \d+/);
  });

  it('the openssl recipe verifies the signed checkpoint with the key its keyId names, and refuses the other key', () => {
    const recipe = block('tail -n 1 checkpoints.jsonl | jq -j', 'openssl pkeyutl -verify');
    const keys = bash(block('tail -n 1 checkpoints.jsonl | jq -j', 'tail -n 1 checkpoints.jsonl | jq -r .keyId'));
    expect(keys.status, keys.stderr).toBe(0);
    // The text the recipe rebuilds is the exact text signed (its SHA-256 is the checkpoint's hash).
    expect(keys.stdout).toContain(`${end.hash}  titik.txt`);
    const listed = [...keys.stdout.matchAll(/^(kunci-ke-\d+\.pem) ([0-9a-f]{64})$/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(listed).toHaveLength(2);
    const right = listed.find(([, id]) => id === end.keyId)![0];
    const wrong = listed.find(([, id]) => id !== end.keyId)![0];
    expect(right).toBe('kunci-ke-2.pem');
    const ok = bash(recipe.replaceAll('kunci-ke-N.pem', right));
    expect(ok.stdout + ok.stderr).toContain('Signature Verified Successfully');
    expect(ok.status).toBe(0);
    const bad = bash(recipe.replaceAll('kunci-ke-N.pem', wrong));
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).not.toContain('Signature Verified Successfully');
  });

  it('says the Python script and the hash formula of the code (v1 and v2 canonical text)', () => {
    expect(readme).toContain('scripts/independent/verify_chain.py');
    expect(readme).toContain('hash = SHA-256(prev_hash + "\\n" + baris)');
    expect(readme).toMatch(/versi 1: \[1,id,/);
    expect(readme).toMatch(/versi 2: \[2,/);
    expect(execFileSync('file', ['-b', '--mime-encoding', path.join(dir, 'BACA-SAYA.txt')], { encoding: 'utf8' }).trim()).toMatch(/utf-8|us-ascii/);
  });
});
