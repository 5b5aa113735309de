/**
 * Signed checkpoints: the key file, signing and reuse, and what `verify` (with and without
 * `--anchor`) catches when someone who holds the SQLite file rewrites the chain or the
 * checkpoints themselves. Abuse first, as tables; each case works on its own copy of the file.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateYear } from '../../src/app/allocate-year';
import { bootstrap } from '../../src/app/bootstrap';
import { activeSigningKey, checkpointFor, checkpointsForExport, DAY_MS, ensureRecentCheckpoint, rotateSigningKey, signCheckpointNow, storedCheckpointProblems } from '../../src/app/checkpoints';
import { readSigningKey, SigningKeyError } from '../../src/app/signing-key';
import { verifyAnchors } from '../../src/app/verify-anchors';
import { verifyLedger } from '../../src/app/verify-ledger';
import { checkpointProblems, checkpointQr, keyIdOf, shortCheckpoint, signCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint';
import { entryHash } from '../../src/domain/ledger/hash-chain';
import { aProgrammeYear, aRt, SYSTEM } from '../builders';
import { freshServices, tempDbPath, type Services } from '../helpers/db';
import { runScript } from '../helpers/scripts';

/** A small ledger with two checkpoints: #1 after the first allocations, #2 after more. */
function ledgerWithCheckpoints(now?: () => Date): { s: Services; first: SignedCheckpoint; second: SignedCheckpoint } {
  const s = freshServices(now);
  aProgrammeYear(s, 2026);
  aRt(s);
  aRt(s);
  allocateYear(s, SYSTEM, { year: 2026 });
  const first = signCheckpointNow(s, 'dokumen');
  aRt(s);
  allocateYear(s, SYSTEM, { year: 2026 });
  const second = signCheckpointNow(s, 'ekspor');
  return { s, first, second };
}

interface Copy {
  file: string;
  evidenceDir: string;
}

let pristine: Copy;
let facts: { first: SignedCheckpoint; second: SignedCheckpoint; entries: number };

beforeAll(() => {
  const { s, first, second } = ledgerWithCheckpoints();
  facts = { first, second, entries: s.ledger.head()!.id };
  expect(first.entryCount).toBeLessThan(second.entryCount);
  pristine = { file: s.db.file, evidenceDir: s.evidence.dir };
  s.db.checkpoint();
  s.db.close();
});

function copyOf(c: Copy): Copy {
  const file = tempDbPath();
  fs.copyFileSync(c.file, file);
  return { file, evidenceDir: `${file}.evidence` };
}

/** Straight into the file (no application code): triggers dropped, the edit, the triggers put back by a careful intruder. */
function tamper(c: Copy, edit: (db: Database.Database) => void, restoreTriggers = true): void {
  const db = new Database(c.file);
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>;
  db.pragma('foreign_keys = OFF');
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  edit(db);
  if (restoreTriggers) for (const t of triggers) db.exec(t.sql);
  db.close();
}

function withServices<T>(c: Copy, fn: (s: Services) => T): T {
  const s = bootstrap({ databasePath: c.file, evidenceDir: c.evidenceDir });
  try {
    return fn(s);
  } finally {
    s.db.close();
  }
}

/**
 * The whole chain rewritten from entry `from` on, consistently: entry `from`'s description
 * changed and every later hash (and prev_hash) recomputed with the application's own formula,
 * so the chain by itself is intact.
 */
function rewriteChain(c: Copy, from = 2): void {
  const entries = withServices(c, (s) => [...s.ledger.iterateEntries()]);
  tamper(c, (db) => {
    let prev = entries[from - 2]?.hash ?? '0'.repeat(64);
    const update = db.prepare('UPDATE journal_entries SET description = ?, prev_hash = ?, hash = ? WHERE id = ?');
    for (const e of entries.slice(from - 1)) {
      const description = e.id === from ? `${e.description} (diubah)` : e.description;
      const hash = entryHash(prev, { ...e, description });
      update.run(description, prev, hash, e.id);
      prev = hash;
    }
  });
}

const otherKey = () => generateKeyPairSync('ed25519');

/** A checkpoint row replaced by `c` (same seq), straight in the file. */
const replaceCheckpoint = (db: Database.Database, c: SignedCheckpoint) =>
  db.prepare('UPDATE checkpoints SET signed_at = ?, entry_count = ?, head = ?, prev = ?, key_id = ?, reason = ?, hash = ?, signature = ? WHERE seq = ?').run(c.signedAt, c.entryCount, c.head, c.prev, c.keyId, c.reason, c.hash, c.signature, c.seq);

describe('verify catches edits of the chain and of the checkpoints made in the SQLite file', () => {
  it.each<[string, (c: Copy) => void, RegExp]>([
    ['the whole chain rewritten from entry 2 (every later hash recomputed)', (c) => rewriteChain(c), /titik periksa #1: jurnal #\d+ kini ber-hash .*rantai ditulis ulang/],
    ['only the entries after the first checkpoint rewritten', (c) => rewriteChain(c, facts.first.entryCount + 1), /titik periksa #2: jurnal #\d+ kini ber-hash/],
    ['the last entries cut off (and their postings)', (c) => tamper(c, (db) => db.exec(`DELETE FROM postings WHERE entry_id > ${facts.first.entryCount}; DELETE FROM journal_entries WHERE id > ${facts.first.entryCount}`)), /titik periksa #2: jurnal #\d+ tidak ada lagi/],
    ['a checkpoint’s head edited', (c) => tamper(c, (db) => db.prepare('UPDATE checkpoints SET head = ? WHERE seq = 1').run('ab'.repeat(32))), /titik periksa #1: hash tidak cocok dengan isinya/],
    [
      'a checkpoint’s head and hash edited to match (the signature cannot follow)',
      (c) => tamper(c, (db) => replaceCheckpoint(db, { ...facts.first, head: 'ab'.repeat(32), hash: signCheckpoint({ ...facts.first, head: 'ab'.repeat(32) }, otherKey().privateKey).hash })),
      /titik periksa #1: tanda tangan tidak sah/,
    ],
    ['a middle checkpoint deleted (#1 of 2: the first is missing)', (c) => tamper(c, (db) => db.exec('DELETE FROM checkpoints WHERE seq = 1')), /titik periksa #1 hilang/],
    [
      'a checkpoint re-signed by another key (not among the server’s keys)',
      (c) => {
        const k = otherKey();
        tamper(c, (db) => replaceCheckpoint(db, signCheckpoint({ ...facts.second, keyId: keyIdOf(k.publicKey) }, k.privateKey)));
      },
      /titik periksa #2: kunci [0-9a-f]{16}… tidak dikenal/,
    ],
    ['a checkpoint row inserted out of the chain', (c) => tamper(c, (db) => replaceCheckpoint(db, signCheckpoint({ ...facts.second, prev: 'cd'.repeat(32) }, otherKey().privateKey))), /titik periksa #2: tidak menyambung/],
    [
      'an append-only trigger of the checkpoints replaced by a no-op of the same name',
      (c) => {
        const db = new Database(c.file);
        db.exec(`DROP TRIGGER checkpoints_no_update; CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT 1; END;`);
        db.close();
      },
      /pemicu checkpoints_no_update diganti: isi SQL-nya bukan yang dibuat migrasi/,
    ],
    ['a trigger of the checkpoints dropped', (c) => tamper(c, () => undefined, false), /pemicu append-only hilang: .*checkpoints_no_delete/],
    [
      'the newest audit rows cut off (the audit chain that is left is intact)',
      (c) => tamper(c, (db) => db.prepare('DELETE FROM audit_log WHERE id >= ?').run(facts.second.auditCount)),
      /titik periksa #\d+: baris audit #\d+ tidak ada lagi atau tanpa hash \(log audit dipotong\)/,
    ],
    [
      'a signed audit row given another hash',
      (c) => tamper(c, (db) => db.prepare('UPDATE audit_log SET hash = ? WHERE id = ?').run('ef'.repeat(32), facts.second.auditCount)),
      /titik periksa #\d+: baris audit #\d+ kini ber-hash efefefefefefefef…, bukan .*log audit ditulis ulang/,
    ],
  ])('%s', (_what, edit, problem) => {
    const c = copyOf(pristine);
    expect(withServices(c, (s) => verifyLedger(s, [], { evidence: false }).problems)).toEqual([]);
    edit(c);
    const report = withServices(c, (s) => verifyLedger(s, [], { evidence: false }));
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(problem);
  });

  it('a rewritten chain passes the chain walk by itself: only the checkpoints catch it', () => {
    const c = copyOf(pristine);
    rewriteChain(c);
    const problems = withServices(c, (s) => verifyLedger(s, [], { evidence: false }).problems);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('titik periksa'))).toBe(true);
  });
});

describe('verify --anchor takes every form a person holds', () => {
  const forms: Array<[string, (c: SignedCheckpoint) => string]> = [
    ['the full head', (c) => c.head],
    ['the printed short head with its count', (c) => shortCheckpoint(c)],
    ['the short head with an ellipsis and a colon', (c) => `${c.head.slice(0, 20)}…:${c.entryCount}`],
    ['the short head without a count', (c) => c.head.slice(0, 16)],
    ['the QR code’s text', (c) => checkpointQr(c)],
    ['the checkpoint’s JSON', (c) => JSON.stringify(c)],
  ];

  it.each(forms)('%s: holds on the ledger it was taken from, is refused on a rewritten one', (_what, form) => {
    const anchor = form(facts.first);
    expect(withServices(pristine, (s) => verifyAnchors(s, [anchor]))).toEqual([]);
    const c = copyOf(pristine);
    rewriteChain(c);
    expect(withServices(c, (s) => verifyAnchors(s, [anchor])).join('\n')).toMatch(/rantai ditulis ulang/);
  });

  it.each<[string, () => string, RegExp]>([
    ['a head that is no entry’s', () => 'ff'.repeat(32), /tidak ada jurnal yang hash-nya ff/],
    ['a short head of no entry', () => 'ffffffffffffffff', /tidak ada jurnal yang hash-nya diawali ffffffffffffffff/],
    ['the right short head with the wrong count', () => `${facts.first.head.slice(0, 16)}#${facts.first.entryCount - 1}`, /jurnal #\d+ kini ber-hash/],
    ['a count past the end of the ledger', () => `${facts.second.head.slice(0, 16)}#${facts.entries + 5}`, /tidak ada lagi di buku besar/],
    ['too short to mean anything (15 hex)', () => facts.first.head.slice(0, 15), /tidak dikenali/],
    ['garbage', () => 'bukan-jangkar', /tidak dikenali/],
    ['a QR text whose signature was altered', () => checkpointQr({ ...facts.first, signature: Buffer.alloc(64, 7).toString('base64') }), /tanda tangan tidak sah/],
    [
      'a checkpoint signed by another key (a forger’s)',
      () => {
        const k = otherKey();
        return JSON.stringify(signCheckpoint({ ...facts.first, keyId: keyIdOf(k.publicKey) }, k.privateKey));
      },
      /tidak dikenal \(ditandatangani kunci lain\)/,
    ],
    ['a checkpoint the database no longer holds', () => JSON.stringify(facts.second), /titik periksa #2 tidak ada di basis data/],
  ])('refuses %s', (_what, anchor, problem) => {
    const c = copyOf(pristine);
    if (problem.source.includes('tidak ada di basis data')) tamper(c, (db) => db.exec('DELETE FROM checkpoints WHERE seq = 2'));
    expect(withServices(c, (s) => verifyAnchors(s, [anchor()])).join('\n')).toMatch(problem);
  });

  it('a forger who adds their own key and re-signs every checkpoint over a rewritten chain passes verify alone, never a printed anchor', () => {
    const c = copyOf(pristine);
    rewriteChain(c);
    const k = otherKey();
    const forgedKeyId = keyIdOf(k.publicKey);
    const rewritten = withServices(c, (s) => [...s.ledger.iterateEntries()].map((e) => e.hash));
    tamper(c, (db) => {
      db.prepare('INSERT INTO signing_keys (key_id, public_key_pem, created_at, retired_at) VALUES (?, ?, ?, NULL)').run(forgedKeyId, k.publicKey.export({ type: 'spki', format: 'pem' }).toString(), new Date().toISOString());
      let prev = '0'.repeat(64);
      for (const cp of [facts.first, facts.second]) {
        const forged = signCheckpoint({ ...cp, head: rewritten[cp.entryCount - 1]!, prev, keyId: forgedKeyId }, k.privateKey);
        replaceCheckpoint(db, forged);
        prev = forged.hash;
      }
    });
    // The database alone cannot tell (the forger holds a key it lists): the paper copy can.
    expect(withServices(c, (s) => verifyLedger(s, [], { evidence: false }).problems)).toEqual([]);
    expect(withServices(c, (s) => verifyAnchors(s, [shortCheckpoint(facts.first)])).join('\n')).toMatch(/rantai ditulis ulang/);
    expect(withServices(c, (s) => verifyAnchors(s, [checkpointQr(facts.first)])).join('\n')).toMatch(/titik periksa #1 di basis data berbeda/);
  });

  it('npm run verify: a checkpoint file and a printed short head hold on the real ledger; a QR text is refused on a rewritten copy', async () => {
    const file = `${tempDbPath()}.checkpoint.json`;
    fs.writeFileSync(file, `${JSON.stringify(facts.first)}\n${JSON.stringify(facts.second)}\n`);
    const ok = await runScript('verify', ['--skip-evidence', '--anchor', file, '--anchor', shortCheckpoint(facts.first)], { DATABASE_PATH: pristine.file, EVIDENCE_DIR: pristine.evidenceDir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: .* 2 titik periksa bertanda tangan sah, 3 jangkar cocok/);
    const c = copyOf(pristine);
    rewriteChain(c);
    const bad = await runScript('verify', ['--skip-evidence', '--anchor', checkpointQr(facts.first)], { DATABASE_PATH: c.file, EVIDENCE_DIR: c.evidenceDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/RUSAK/);
    expect(bad.stderr).toMatch(/jangkar DANA-RT-CP1\|1\|.*rantai ditulis ulang/);
  });
});

describe('the signing key file', () => {
  it.each<[string, number, boolean]>([
    ['0600 (owner only)', 0o600, true],
    ['0400 (owner, read only)', 0o400, true],
    ['0644 (everyone reads it)', 0o644, false],
    ['0640 (the group reads it)', 0o640, false],
    ['0602 (others may write it)', 0o602, false],
  ])('mode %s: %s', (_what, mode, usable) => {
    const s = freshServices();
    activeSigningKey(s);
    fs.chmodSync(s.signing.keyPath, mode);
    s.signing.key = null;
    if (usable) expect(activeSigningKey(s).keyId).toBe(s.checkpoints.keys()[0]!.keyId);
    else {
      expect(() => activeSigningKey(s)).toThrow(SigningKeyError);
      expect(() => ensureRecentCheckpoint(s)).toThrow(new RegExp(`terbuka untuk pengguna lain \\(mode 0${mode.toString(8)}\\).*chmod 600`));
      expect(s.checkpoints.count()).toBe(0);
    }
  });

  it.each<[string, string, RegExp]>([
    ['not a key at all', 'bukan kunci\n', /bukan kunci privat Ed25519 yang sah/],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /bukan kunci Ed25519 \(rsa\)/],
  ])('refuses a key file holding %s, with a clear message', (_what, content, message) => {
    const file = `${tempDbPath()}.key.pem`;
    fs.writeFileSync(file, content, { mode: 0o600 });
    expect(() => readSigningKey(file)).toThrow(message);
  });

  it('is created at first use with mode 0600 beside the database, its public key kept and the creation audited', () => {
    const s = freshServices();
    expect(fs.existsSync(s.signing.keyPath)).toBe(false);
    expect(s.signing.keyPath).toBe(s.db.file.replace(/\.sqlite$/, '.signing-key.pem'));
    const key = activeSigningKey(s);
    expect(fs.statSync(s.signing.keyPath).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(s.signing.keyPath, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(s.checkpoints.keys()).toEqual([expect.objectContaining({ keyId: key.keyId, retiredAt: null })]);
    expect(s.checkpoints.keys()[0]!.publicKeyPem).not.toMatch(/PRIVATE/);
    expect(s.audit.count('checkpoint.key_created')).toBe(1);
  });

  it('npm run key:rotate: a new key in the file, the old public key kept (retired), an audit row, old checkpoints still verify', async () => {
    const { s, first } = ledgerWithCheckpoints();
    const oldKey = activeSigningKey(s);
    const file = s.db.file;
    s.db.checkpoint();
    s.db.close();
    const r = await runScript('key:rotate', [], { DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Kunci lama [0-9a-f]{64} dipensiunkan/);
    withServices({ file, evidenceDir: `${file}.evidence` }, (t) => {
      const keys = t.checkpoints.keys();
      expect(keys).toHaveLength(2);
      expect(keys.find((k) => k.keyId === oldKey.keyId)!.retiredAt).not.toBeNull();
      const current = keys.find((k) => k.retiredAt === null)!;
      expect(current.keyId).not.toBe(oldKey.keyId);
      expect(readSigningKey(t.signing.keyPath).keyId).toBe(current.keyId);
      expect(fs.statSync(t.signing.keyPath).mode & 0o777).toBe(0o600);
      expect(t.audit.count('checkpoint.key_rotated')).toBe(1);
      expect(t.checkpoints.latest()).toMatchObject({ keyId: current.keyId, reason: 'manual', seq: 3 });
      expect(storedCheckpointProblems(t).problems).toEqual([]);
      // Both keys travel with an export, so a checker holds the old one too.
      const exported = checkpointsForExport(t);
      expect(exported.all.map((c) => c.seq)).toEqual([1, 2, 3]);
      expect(checkpointProblems(first, exported.publicKeysPem.split(/(?<=-----END PUBLIC KEY-----\n)/))).toEqual([]);
    });
  });

  it('a retired key put back in the file is refused', () => {
    const s = freshServices();
    const old = fs.readFileSync((activeSigningKey(s), s.signing.keyPath));
    rotateSigningKey(s, SYSTEM);
    fs.writeFileSync(s.signing.keyPath, old, { mode: 0o600 });
    s.signing.key = null;
    expect(() => activeSigningKey(s)).toThrow(/sudah dipensiunkan/);
  });
});

describe('when checkpoints are signed', () => {
  it('a document reuses the latest checkpoint while the head has not moved; a new entry makes a new one chained to it', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    aRt(s);
    allocateYear(s, SYSTEM, { year: 2026 });
    const a = checkpointFor(s, 'dokumen');
    expect(checkpointFor(s, 'dokumen')).toEqual(a);
    expect(checkpointFor(s, 'ekspor')).toEqual(a);
    expect(s.checkpoints.count()).toBe(1);
    aRt(s);
    allocateYear(s, SYSTEM, { year: 2026 });
    const b = checkpointFor(s, 'dokumen');
    expect(b).toMatchObject({ seq: 2, prev: a.hash, entryCount: s.ledger.head()!.id, head: s.ledger.head()!.hash });
  });

  it('at start: the first one when there is none, nothing within a day, a daily one after a day', () => {
    let now = new Date('2026-11-01T00:00:00Z');
    const s = freshServices(() => now);
    expect(ensureRecentCheckpoint(s)).toMatchObject({ seq: 1, reason: 'mulai', entryCount: 0 });
    now = new Date(now.getTime() + DAY_MS - 1000);
    expect(ensureRecentCheckpoint(s)).toBeNull();
    now = new Date(now.getTime() + 1000);
    expect(ensureRecentCheckpoint(s)).toMatchObject({ seq: 2, reason: 'harian' });
    expect(storedCheckpointProblems(s)).toEqual({ checked: 2, problems: [] });
  });

  it('checkpoints cannot be changed or deleted through SQL, nor inserted out of sequence; keys only retired once', () => {
    const s = freshServices();
    const c = signCheckpointNow(s, 'manual');
    const sql = s.db.sqlite;
    expect(() => sql.prepare(`UPDATE checkpoints SET head = 'x'`).run()).toThrow(/append-only/);
    expect(() => sql.prepare(`DELETE FROM checkpoints`).run()).toThrow(/append-only/);
    expect(() => sql.prepare(`INSERT INTO checkpoints (seq, signed_at, entry_count, head, prev, key_id, reason, hash, signature) VALUES (5, 'x', 0, 'x', 'x', ?, 'manual', 'h5', 's')`).run(c.keyId)).toThrow(/out_of_sequence/);
    expect(() => sql.prepare(`DELETE FROM signing_keys`).run()).toThrow(/kept for ever/);
    expect(() => sql.prepare(`UPDATE signing_keys SET public_key_pem = 'x'`).run()).toThrow(/only retired_at/);
    sql.prepare(`UPDATE signing_keys SET retired_at = 'now'`).run();
    expect(() => sql.prepare(`UPDATE signing_keys SET retired_at = 'later'`).run()).toThrow(/only retired_at/);
  });
});
