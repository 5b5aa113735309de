/**
 * Every business record bound to the chain (issue 16, item 3): the insider with the database
 * file rewrites a verified receipt, its photos, a tranche's lines or a paid bank row, leaving the
 * ledger alone. Version-2 entries carry those facts under their hash, so `npm run verify` names
 * the record and the field. One row per way of cheating; each works on its own copy of the demo.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { readCopy, seededCopy, tamperFile, verifyCopy, type DbCopy } from '../helpers/tamper';

interface Targets {
  receipt: { id: number; entryId: number; rtId: number };
  other: { id: number };
  tranche: { id: number; entryId: number };
  bankRow: { id: number; trancheId: number; batchId: number };
}
let t: Targets;

beforeAll(async () => {
  const c = await seededCopy();
  expect(verifyCopy(c, { evidence: false }).problems).toEqual([]);
  const receipt = readCopy<Targets['receipt']>(
    c,
    `SELECT id, entry_id AS entryId, rt_id AS rtId FROM receipts r WHERE status = 'verified' AND (SELECT COUNT(*) FROM receipt_files f WHERE f.receipt_id = r.id) >= 2 ORDER BY id LIMIT 1`,
  );
  const other = readCopy<Targets['other']>(c, `SELECT id FROM receipts r WHERE status = 'verified' AND id <> ? AND (SELECT COUNT(*) FROM receipt_files f WHERE f.receipt_id = r.id) >= 1 ORDER BY id LIMIT 1`, receipt.id);
  const tranche = readCopy<Targets['tranche']>(c, `SELECT id, entry_id AS entryId FROM tranches WHERE entry_id IS NOT NULL ORDER BY id LIMIT 1`);
  const bankRow = readCopy<Targets['bankRow']>(c, `SELECT id, tranche_id AS trancheId, batch_id AS batchId FROM bank_batch_rows WHERE status = 'paid' AND entry_id IS NOT NULL ORDER BY id LIMIT 1`);
  t = { receipt, other, tranche, bankRow };
});

type Edit = (db: Database.Database) => void;
const receiptField = (column: string, value: unknown): Edit => (db) => db.prepare(`UPDATE receipts SET ${column} = ? WHERE id = ?`).run(value, t.receipt.id);

const CASES: Array<{ name: string; edit: () => Edit; says: () => RegExp }> = [
  { name: "a verified receipt's description rewritten", edit: () => receiptField('description', 'Konsumsi rapat warga'), says: () => new RegExp(`kuitansi #${t.receipt.id} tidak sama dengan yang dibukukan: uraian diubah`) },
  { name: "a verified receipt's vendor rewritten", edit: () => receiptField('vendor', 'Toko Saudara Ketua'), says: () => new RegExp(`kuitansi #${t.receipt.id} .*: toko/penyedia diubah`) },
  { name: "a verified receipt's nota number rewritten", edit: () => receiptField('nota_number', 'NT-0001'), says: () => new RegExp(`kuitansi #${t.receipt.id} .*: nomor nota diubah`) },
  {
    name: 'a verified receipt moved to another RT',
    edit: () => (db) => db.prepare(`UPDATE receipts SET rt_id = (SELECT MIN(id) FROM rt WHERE id <> ?) WHERE id = ?`).run(t.receipt.rtId, t.receipt.id),
    says: () => new RegExp(`kuitansi #${t.receipt.id} .*: RT diubah`),
  },
  { name: "a verified receipt's date moved", edit: () => receiptField('date', '2026-01-02'), says: () => new RegExp(`kuitansi #${t.receipt.id} .*: tanggal diubah`) },
  { name: "a verified receipt's category changed", edit: () => receiptField('category', 'ZZZ'), says: () => new RegExp(`kuitansi #${t.receipt.id} .*: kategori diubah`) },
  {
    name: 'photos swapped between two verified receipts',
    edit: () => (db) => {
      db.prepare(`UPDATE receipt_files SET receipt_id = -1 WHERE receipt_id = ?`).run(t.receipt.id);
      db.prepare(`UPDATE receipt_files SET receipt_id = ? WHERE receipt_id = ?`).run(t.receipt.id, t.other.id);
      db.prepare(`UPDATE receipt_files SET receipt_id = ? WHERE receipt_id = -1`).run(t.other.id);
    },
    says: () => new RegExp(`kuitansi #${Math.min(t.receipt.id, t.other.id)} .*: berkas bukti diubah`),
  },
  {
    name: "a photo removed from a verified receipt",
    edit: () => (db) => db.prepare(`DELETE FROM receipt_files WHERE id = (SELECT MAX(id) FROM receipt_files WHERE receipt_id = ?)`).run(t.receipt.id),
    says: () => new RegExp(`kuitansi #${t.receipt.id} .*: berkas bukti diubah`),
  },
  {
    name: "a photo moved from one verified receipt to another",
    edit: () => (db) => db.prepare(`UPDATE receipt_files SET receipt_id = ? WHERE id = (SELECT MAX(id) FROM receipt_files WHERE receipt_id = ?)`).run(t.other.id, t.receipt.id),
    says: () => new RegExp(`kuitansi #${t.receipt.id} .*: berkas bukti diubah`),
  },
  {
    name: "an approved tranche's RBB line rewritten (same total)",
    edit: () => (db) => db.prepare(`UPDATE tranche_lines SET description = 'Honor ketua RT' WHERE id = (SELECT MIN(id) FROM tranche_lines WHERE tranche_id = ?)`).run(t.tranche.id),
    says: () => new RegExp(`pencairan #${t.tranche.id} tidak sama dengan yang dibukukan: baris RBB diubah`),
  },
  {
    name: "a paid bank row's account redirected",
    edit: () => (db) => db.prepare(`UPDATE bank_batch_rows SET bank_account = '9999999999' WHERE id = ?`).run(t.bankRow.id),
    says: () => new RegExp(`baris batch bank pencairan #${t.bankRow.trancheId} tidak sama dengan yang dibukukan: rekening tujuan diubah`),
  },
  {
    name: 'a paid bank batch reset to unpaid, its rows and tranches with it',
    edit: () => (db) => {
      db.prepare(`UPDATE bank_batches SET status = 'open', paid_by = NULL, paid_at = NULL WHERE id = ?`).run(t.bankRow.batchId);
      db.prepare(`UPDATE tranches SET status = 'approved', paid_at = NULL WHERE id IN (SELECT tranche_id FROM bank_batch_rows WHERE batch_id = ?)`).run(t.bankRow.batchId);
      db.prepare(`UPDATE bank_batch_rows SET status = 'sent', entry_id = NULL, paid_on = NULL, bank_reference = NULL WHERE batch_id = ?`).run(t.bankRow.batchId);
    },
    says: () => /jurnal transfer bank yang tidak dirujuk oleh baris batch yang dibayar/,
  },
  // The dossier (issue 18): its rows against the audit trail of uploads (dossier-trail.ts).
  {
    name: "a submitted plan's dossier file swapped for another stored file",
    edit: () => (db) => db.prepare(`UPDATE plan_documents SET sha256 = (SELECT sha256 FROM receipt_files ORDER BY id LIMIT 1) WHERE id = (SELECT MIN(id) FROM plan_documents WHERE withdrawn_at IS NULL)`).run(),
    says: () => /RAP #\d+: berkas \w+ [0-9a-f]{12}… tidak pernah diunggah menurut log audit/,
  },
  {
    name: "a submitted plan's dossier file deleted",
    edit: () => (db) => db.prepare(`DELETE FROM plan_documents WHERE id = (SELECT MAX(id) FROM plan_documents WHERE withdrawn_at IS NULL)`).run(),
    says: () => /RAP #\d+: log audit #\d+ mencatat unggahan \w+ [0-9a-f]{12}…, tetapi berkas itu tidak ada di berkas RAP/,
  },
  // Plans exempt from the dossier (migration 0028's list): only the listed ones, and only if their audited submission had no dossier.
  {
    name: "a submitted plan's dossier requirement erased (as if it predated the dossier)",
    edit: () => (db) => db.prepare(`UPDATE plans SET dossier_required = NULL WHERE id = (SELECT MIN(id) FROM plans WHERE dossier_required IS NOT NULL AND status = 'approved')`).run(),
    says: () => /RAP #\d+ \(RT #\d+, approved\): diajukan tanpa syarat berkas yang tercatat, padahal bukan RAP yang diajukan sebelum berkas diminta \(migrasi 0028\)/,
  },
  {
    name: 'a plan submitted under the dossier rule marked exempt after the fact (listed and its requirement erased)',
    edit: () => (db) => {
      const id = (db.prepare(`SELECT MIN(id) AS id FROM plans WHERE dossier_required IS NOT NULL AND status = 'approved'`).get() as { id: number }).id;
      db.prepare(`INSERT INTO pre_dossier_plans (plan_id, status, submitted_at, recorded_at) SELECT id, status, submitted_at, '2026-01-01T00:00:00.000Z' FROM plans WHERE id = ?`).run(id);
      db.prepare(`UPDATE plans SET dossier_required = NULL WHERE id = ?`).run(id);
    },
    says: () => /RAP #\d+: tercatat sebagai RAP yang diajukan sebelum berkas diminta, padahal pengajuannya \(log audit #\d+\) mencatat syarat berkas/,
  },
  {
    name: "an office's issued number renumbered",
    edit: () => (db) => {
      db.prepare(`INSERT INTO document_numbers (kelurahan_code, kind, year, seq, doc_key, number, issued_at) VALUES ('3374050005', 'SPJ', 2026, 1, 'spj:tamper:1', '001/SPJ/RT001-RW001/PLB/XI/2026', '2026-11-02T01:00:00Z')`).run();
      db.prepare(`INSERT INTO document_numbers (kelurahan_code, kind, year, seq, doc_key, number, issued_at) VALUES ('3374050005', 'SPJ', 2026, 3, 'spj:tamper:2', '003/SPJ/RT001-RW001/PLB/XI/2026', '2026-11-03T01:00:00Z')`).run();
    },
    says: () => /nomor SPJ kelurahan 3374050005 tahun 2026: nomor urut 2 tidak ada/,
  },
  {
    name: "a verified SPJ's totals changed",
    edit: () => (db) => db.prepare(`UPDATE spj_reports SET spent = spent + 1 WHERE id = (SELECT MIN(id) FROM spj_reports WHERE status = 'verified')`).run(),
    says: () => /SPJ #\d+ .* terverifikasi tidak sama dengan buku besar/,
  },
];

describe('every business record bound to the chain: an edit in the file is named by verify', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const copy: DbCopy = await seededCopy();
    tamperFile(copy, c.edit());
    const report = verifyCopy(copy, { evidence: false });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(c.says());
  });
});

/** Random edits of verified receipts' fields and files: every one is named (RELIABILITY=full: more). */
describe('random edits of bound records', () => {
  const EDITS = process.env.RELIABILITY === 'full' ? 60 : 6;
  const FIELDS: Array<[string, (db: Database.Database, id: number, n: number) => void]> = [
    ['description', (db, id, n) => db.prepare(`UPDATE receipts SET description = description || ? WHERE id = ?`).run(` ${n}`, id)],
    ['vendor', (db, id, n) => db.prepare(`UPDATE receipts SET vendor = vendor || ? WHERE id = ?`).run(String(n), id)],
    ['nota_number', (db, id, n) => db.prepare(`UPDATE receipts SET nota_number = ? WHERE id = ?`).run(`X-${n}`, id)],
    ['date', (db, id) => db.prepare(`UPDATE receipts SET date = date(date, '-1 day') WHERE id = ?`).run(id)],
    ['category', (db, id) => db.prepare(`UPDATE receipts SET category = CASE category WHEN 'ADM' THEN 'SOS' ELSE 'ADM' END WHERE id = ?`).run(id)],
    ['file dropped', (db, id) => db.prepare(`DELETE FROM receipt_files WHERE id = (SELECT MIN(id) FROM receipt_files WHERE receipt_id = ?)`).run(id)],
    ['file renamed to another hash', (db, id) => db.prepare(`UPDATE receipt_files SET sha256 = (SELECT e.sha256 FROM evidence_files e WHERE e.sha256 <> receipt_files.sha256 ORDER BY e.sha256 DESC LIMIT 1) WHERE id = (SELECT MIN(id) FROM receipt_files WHERE receipt_id = ?)`).run(id)],
  ];
  it(`${EDITS} random edits, each named by verify`, async () => {
    // A fixed seed (replay: RECORD_TAMPER_SEED=n).
    let seed = Number(process.env.RECORD_TAMPER_SEED ?? 20261205);
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const base = await seededCopy();
    const ids = (readCopy<{ ids: string }>(base, `SELECT group_concat(id) AS ids FROM receipts r WHERE status = 'verified' AND EXISTS (SELECT 1 FROM receipt_files f WHERE f.receipt_id = r.id)`).ids).split(',').map(Number);
    for (let i = 0; i < EDITS; i++) {
      const id = ids[next() % ids.length]!;
      const [field, edit] = FIELDS[next() % FIELDS.length]!;
      const copy = await seededCopy();
      tamperFile(copy, (db) => edit(db, id, i));
      const report = verifyCopy(copy, { evidence: false });
      expect(report.problems.join('\n'), `${field} of receipt #${id} (seed ${seed})`).toMatch(new RegExp(`kuitansi #${id} tidak sama dengan yang dibukukan`));
    }
  });
});
