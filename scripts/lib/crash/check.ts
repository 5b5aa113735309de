/**
 * What must hold after every crash, read from the database and the evidence folder while the
 * server is down:
 * - the ledger verifies (balanced, complete, chained, balances and business records agree);
 * - every acknowledged operation is there exactly once (lost = 0, duplicates = 0);
 * - a refused creation is not there; an unacknowledged one is there whole or not at all;
 * - nothing is half there anywhere: no receipt without its files, no stored file missing or
 *   changed, no tranche without its lines, and after the orphan sweep no file that no
 *   committed row points to.
 * And after a kill during the first start (seedCounts): the database is blank or the whole seed.
 *
 * Independent on purpose: apart from verifyLedger, everything here is read with the checker's
 * own SQL from the file the killed server left, not through src/db's repositories, so that a bug
 * in them cannot hide a lost or half-written acknowledgement (the check would share the bug).
 * That is why this file may hold a SQLite handle and SQL outside src/db; the architecture test
 * (test/architecture/layers.test.ts) names it in its short allow-list.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createServices } from '../../../src/app/services';
import { sweepEvidence } from '../../../src/app/upload-evidence';
import { verifyLedger } from '../../../src/app/verify-ledger';
import { openDatabase } from '../../../src/db/client';
import { sqliteStorage } from '../../../src/db/storage';
import { sha256 } from './http-client';
import type { Op } from './operations';

export interface CheckResult {
  verifyOk: boolean;
  entries: number;
  acked: number;
  found: number;
  lost: string[];
  duplicates: string[];
  halfThere: string[];
  orphansSwept: number;
  problems: string[];
}

type Row = Record<string, number | string | null>;

function checkOp(db: Database.Database, op: Op, r: CheckResult): void {
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as Row | undefined;
  const count = (sql: string, ...args: unknown[]) => Number((one(sql, ...args) as { n: number }).n);
  const label = `#${op.id} ${op.kind} (${op.marker ?? op.targetId}, ${op.history.join(' → ')})`;
  let present = false;
  let whole = false;
  if (op.kind === 'receipt.record') {
    const n = count('SELECT COUNT(*) AS n FROM receipts WHERE request_key = ? OR nota_number = ?', op.key, op.marker);
    if (n > 1) r.duplicates.push(`${label}: ${n} kuitansi`);
    const row = one('SELECT id, rt_id AS rtId, amount FROM receipts WHERE request_key = ?', op.key);
    present = !!row;
    if (row) {
      const shas = (db.prepare('SELECT sha256 FROM receipt_files WHERE receipt_id = ? ORDER BY sha256').all(row.id) as Array<{ sha256: string }>).map((f) => f.sha256);
      whole = row.rtId === op.rtId && row.amount === op.amount && JSON.stringify(shas) === JSON.stringify(op.fileShas);
    }
  } else if (op.kind === 'tranche.request') {
    const description = `Kerja bakti dan rapat warga ${op.marker}`;
    const n = count('SELECT COUNT(DISTINCT tranche_id) AS n FROM tranche_lines WHERE description = ?', description);
    if (n > 1) r.duplicates.push(`${label}: ${n} pencairan`);
    const row = one('SELECT id, rt_id AS rtId, amount FROM tranches WHERE request_key = ?', op.key);
    present = !!row;
    if (row) {
      const lines = one('SELECT COALESCE(SUM(amount), 0) AS total, COUNT(*) AS n, SUM(description = ?) AS mine FROM tranche_lines WHERE tranche_id = ?', description, row.id)!;
      whole = row.rtId === op.rtId && row.amount === op.amount && lines.total === op.amount && lines.n === lines.mine;
    }
  } else {
    const table = op.kind.startsWith('tranche') ? 'tranches' : 'receipts';
    const row = one(`SELECT status, entry_id AS entryId, reversal_entry_id AS reversalId FROM ${table} WHERE id = ?`, op.targetId);
    const event = table === 'tranches' ? 'tranche' : 'receipt';
    const posted = count('SELECT COUNT(*) AS n FROM journal_entries WHERE event_type = ? AND event_ref = ?', event, `${event}:${op.targetId}`);
    if (posted > 1) r.duplicates.push(`${label}: ${posted} jurnal`);
    if (op.kind === 'tranche.approve' || op.kind === 'receipt.verify') {
      present = !!row && ['approved', 'paid', 'verified', 'reversed'].includes(String(row.status)) && row.entryId !== null;
      whole = present && posted === 1;
    } else if (op.kind === 'tranche.reverse') {
      present = !!row && row.status === 'reversed' && row.reversalId !== null;
      whole = present && count('SELECT COUNT(*) AS n FROM journal_entries WHERE reverses_entry_id = ?', row!.entryId) === 1;
    } else {
      present = !!row && row.status === 'rejected';
      whole = present && posted === 0;
    }
    // A decision refused or unacknowledged is judged by the ledger-wide checks (status and entry agree).
    if (op.outcome !== 'acked') return;
  }
  if (op.outcome === 'acked') {
    r.acked += 1;
    if (present && whole) r.found += 1;
    else r.lost.push(`${label}: ${present ? 'tidak utuh' : 'tidak ada'}`);
  } else if (op.outcome === 'refused' && present) {
    r.problems.push(`${label}: ditolak tetapi tercatat (kiriman ulang formulir yang sudah tercatat harus melihat hasilnya)`);
  } else if (present && !whole) {
    r.halfThere.push(`${label}: tercatat tidak utuh`);
  }
}

/** Records anywhere in the database that are half there, whoever made them. */
function halfThere(db: Database.Database, evidenceDir: string): string[] {
  const out: string[] = [];
  const ids = (sql: string) => (db.prepare(sql).all() as Array<{ id: number }>).map((x) => x.id);
  const noFiles = ids('SELECT id FROM receipts r WHERE NOT EXISTS (SELECT 1 FROM receipt_files f WHERE f.receipt_id = r.id)');
  if (noFiles.length) out.push(`kuitansi tanpa berkas: ${noFiles.slice(0, 10).join(', ')}`);
  const badLines = ids(`SELECT t.id FROM tranches t WHERE t.mode = 'monthly' AND t.amount <> (SELECT COALESCE(SUM(l.amount), 0) FROM tranche_lines l WHERE l.tranche_id = t.id)`);
  if (badLines.length) out.push(`pencairan yang jumlahnya bukan jumlah barisnya: ${badLines.slice(0, 10).join(', ')}`);
  for (const f of db.prepare('SELECT sha256, size FROM evidence_files').iterate() as IterableIterator<{ sha256: string; size: number }>) {
    const file = path.join(evidenceDir, f.sha256.slice(0, 2), f.sha256);
    if (!fs.existsSync(file)) out.push(`berkas ${f.sha256} tercatat tetapi tidak ada di folder bukti`);
    else if (sha256(fs.readFileSync(file)) !== f.sha256) out.push(`berkas ${f.sha256} isinya berubah`);
  }
  return out;
}

/** Files left in the evidence folder that no committed row points to (after the sweep, there must be none). */
function orphanFiles(db: Database.Database, evidenceDir: string): string[] {
  if (!fs.existsSync(evidenceDir)) return [];
  const known = db.prepare('SELECT 1 FROM evidence_files WHERE sha256 = ?');
  const out: string[] = [];
  for (const sub of fs.readdirSync(evidenceDir)) {
    const dir = path.join(evidenceDir, sub);
    if (!fs.statSync(dir).isDirectory()) {
      out.push(sub);
      continue;
    }
    for (const name of fs.readdirSync(dir)) if (!known.get(name)) out.push(`${sub}/${name}`);
  }
  return out;
}

/** Opens the database of a dead server, checks everything, sweeps orphan files, closes. */
export async function checkAfterCrash(databasePath: string, evidenceDir: string, ops: readonly Op[]): Promise<CheckResult> {
  const s = createServices(sqliteStorage(openDatabase(databasePath)), undefined, evidenceDir);
  try {
    const v = verifyLedger(s);
    const r: CheckResult = { verifyOk: v.ok, entries: v.entries, acked: 0, found: 0, lost: [], duplicates: [], halfThere: [], orphansSwept: 0, problems: v.ok ? [] : v.problems.map((p) => `verify: ${p}`) };
    for (const op of ops) checkOp(s.db.sqlite, op, r);
    r.halfThere.push(...halfThere(s.db.sqlite, evidenceDir));
    // No upload can be in flight: the server is down, so no grace period is needed.
    r.orphansSwept = await sweepEvidence(s, 0);
    const left = orphanFiles(s.db.sqlite, evidenceDir);
    if (left.length) r.halfThere.push(`berkas yatim sesudah penyapuan: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ` (+${left.length - 5})` : ''}`);
    return r;
  } finally {
    s.db.close();
  }
}

export interface SeedCounts {
  rts: number;
  users: number;
  entries: number;
  receipts: number;
}

/** What a database file holds of the demo seed: null without a file, zeros before the schema exists; throws if the ledger does not verify. */
export function seedCounts(databasePath: string): SeedCounts | null {
  if (!fs.existsSync(databasePath)) return null;
  const s = createServices(sqliteStorage(openDatabase(databasePath)));
  try {
    const n = (sql: string) => (s.db.sqlite.prepare(sql).get() as { n: number } | undefined)?.n ?? 0;
    const hasTables = n(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'receipts'`) === 1;
    if (!hasTables) return { rts: 0, users: 0, entries: 0, receipts: 0 };
    if (!verifyLedger(s).ok) throw new Error(`verify fails after a kill during the seed: ${verifyLedger(s).problems.join('; ')}`);
    return { rts: n('SELECT COUNT(*) AS n FROM rt'), users: n('SELECT COUNT(*) AS n FROM users'), entries: n('SELECT COUNT(*) AS n FROM journal_entries'), receipts: n('SELECT COUNT(*) AS n FROM receipts') };
  } finally {
    s.db.close();
  }
}
