/**
 * audit-log.jsonl held against the audit log's own hash chain (src/domain/audit/audit-chain.ts)
 * and the signed checkpoint, offline. The file carries every row of the log in id order
 * (auditJsonlLine): rows in the bundle's scope with their canonical text, the others with their
 * links only. So in a kelurahan bundle as in a city bundle:
 * - every id is there, in order: a deleted, duplicated or inserted row is seen;
 * - every link holds (prev_hash = the hash of the row before), from the seal on;
 * - every row in scope gives its hash from its canonical text, which reads back as exactly one row;
 * - the chain's first row is the seal; where every row before it is in the file (a city bundle),
 *   they are held against the digest it sealed;
 * - the row the end checkpoint names (auditCount) carries the checkpoint's auditHead: rows cut off
 *   the end, or a rewritten chain, are caught against the signature.
 * What it cannot see: a row of the scope shipped as a bare link (its content withheld).
 */
import { createHash } from 'node:crypto';
import { AUDIT_CONTENT_CHANGED, AUDIT_GENESIS_HASH, auditContentOfCanonical, LegacyDigest, sealProblem, type AuditContent } from '../domain/audit/audit-chain';
import type { SignedCheckpoint } from '../domain/ledger/checkpoint';
import { LineReader, type BundleReader } from './bundle-reader';
import type { ProblemKind } from './bundle-problems';

type Report = (kind: ProblemKind, text: string) => void;

interface Line {
  id: number;
  prevHash: string | null;
  hash: string | null;
  canonical: string | null;
}

const HASH = /^[0-9a-f]{64}$/;

function lineOf(text: string): Line | string {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return 'bukan JSON';
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'bukan objek JSON';
  const { id, prev_hash: prevHash, hash, canonical } = o as Record<string, unknown>;
  if (!Number.isSafeInteger(id) || (id as number) < 1) return 'id tidak ada atau bukan bilangan bulat positif';
  const hashOrNull = (v: unknown) => v === null || (typeof v === 'string' && HASH.test(v));
  if (!hashOrNull(prevHash) || !hashOrNull(hash) || (prevHash === null) !== (hash === null)) return 'prev_hash/hash bukan 64 digit heksadesimal (atau keduanya null)';
  if (canonical !== undefined && typeof canonical !== 'string') return 'canonical bukan teks';
  return { id: id as number, prevHash: prevHash as string | null, hash: hash as string | null, canonical: (canonical as string | undefined) ?? null };
}

export async function checkAuditLog(reader: BundleReader, end: SignedCheckpoint | null, problem: Report, onRow?: (row: AuditContent) => void): Promise<{ rows: number; inScope: number; sha256: string | null }> {
  if (!reader.has('audit-log.jsonl')) return { rows: 0, inScope: 0, sha256: null };
  const lines = new LineReader(await reader.open('audit-log.jsonl'));
  const bad = (id: number, text: string) => problem('catatan', `audit-log.jsonl baris audit #${id}: ${text}`);
  let lastId = 0;
  let lastHash: string | null = null;
  let sealed = false;
  /** The rows before the seal, while every one of them is in scope. */
  let legacy: LegacyDigest | null = new LegacyDigest();
  let rows = 0;
  let inScope = 0;
  let anchorSeen = false;
  for (let text = await lines.next(); text !== null; text = await lines.next()) {
    if (text === '') continue;
    const l = lineOf(text);
    if (typeof l === 'string') {
      problem('catatan', `audit-log.jsonl baris ${lines.lineNo}: ${l}`);
      continue;
    }
    rows += 1;
    if (l.id <= lastId) {
      bad(l.id, `urutan tidak naik (sesudah #${lastId}): digandakan atau disisipkan`);
      continue;
    }
    if (l.id > lastId + 1) bad(l.id, `baris audit #${lastId + 1}${l.id - 1 > lastId + 1 ? `–#${l.id - 1}` : ''} hilang sebelum baris ini (dihapus)`);
    let row: AuditContent | null = null;
    if (l.canonical !== null) {
      inScope += 1;
      row = auditContentOfCanonical(l.canonical);
      if (!row || row.id !== l.id) bad(l.id, 'canonical tidak terbaca sebagai baris audit ini');
      else onRow?.(row);
    }
    if (l.hash === null) {
      // A row from before the chain began.
      if (sealed) bad(l.id, 'baris tanpa hash sesudah rantai audit dimulai (disisipkan atau diubah di luar aplikasi)');
      else if (row && legacy) legacy.add(row);
      else legacy = null;
    } else {
      if (!sealed) {
        sealed = true;
        const reason = row ? sealProblem({ ...row, prevHash: l.prevHash }, legacy) : 'baris pertama rantai audit (segel) tanpa isi';
        if (reason) bad(l.id, reason);
      } else if (l.prevHash !== lastHash) {
        bad(l.id, 'prev_hash tidak sama dengan hash baris sebelumnya (baris sebelumnya diubah, dihapus atau disisipkan)');
      }
      if (l.canonical !== null && createHash('sha256').update(`${l.prevHash}\n${l.canonical}`).digest('hex') !== l.hash) bad(l.id, AUDIT_CONTENT_CHANGED);
      lastHash = l.hash;
    }
    if (end && l.id === end.auditCount) {
      anchorSeen = true;
      if (l.hash !== end.auditHead) bad(l.id, `hash ${String(l.hash).slice(0, 16)}… tidak sama dengan kepala log audit di titik periksa bertanda tangan (${end.auditHead.slice(0, 16)}…)`);
    }
    lastId = l.id;
  }
  if (end && end.auditCount > 0 && !anchorSeen && end.auditCount > lastId) {
    bad(end.auditCount, `tidak ada, padahal titik periksa bertanda tangan mencakup log audit sampai baris itu (berkas berakhir di #${lastId}): baris dipotong dari akhir`);
  }
  if (end && end.auditCount === 0 && end.auditHead !== AUDIT_GENESIS_HASH) problem('titik-periksa', 'titik periksa akhir: kepala log audit tanpa baris audit');
  return { rows, inScope, sha256: await lines.drain() };
}
