/**
 * Verifies the whole ledger from its rows: each entry complete and balanced, the hash chain
 * intact from the genesis, entry ids without gaps (ids are the previous id + 1, so a gap is a
 * deleted entry), no orphan postings, every cached balance equal to its postings, each entry
 * the one its business record points to, every verified SPJ equal to its month in the ledger,
 * no category's verified spending above its approved plan line, and every evidence file still
 * the bytes its SHA-256 names. Streams entries and files, so memory stays flat however large the city.
 */
import { verifyDocumentNumbers, verifyDossierExemptions, verifyDossiers, verifyDossierTrail } from './verify-dossier';
import { debitTotal } from '../domain/ledger/entry';
import { ChainWalker } from '../domain/ledger/hash-chain';
import type { Services } from './services';
import { verifyClose } from './verify-close';
import { verifyEvidenceUsage } from './evidence-quota';
import { verifyEvidence } from './verify-evidence';
import { verifyFacts } from './verify-facts';
import { triggerMessages, verifyAudit } from './verify-audit';
import { spjFiguresDiffer } from '../domain/grants/spj';
import { monthCashBook } from './spj';
import { planLineProblems } from './plan-line-facts';
import { storedCheckpointProblems } from './checkpoints';
import { verifyPasswordConflicts } from './verify-password-conflicts';

export interface VerifyReport {
  ok: boolean;
  entries: number;
  postings: number;
  /** Evidence files whose bytes were hashed (0 when skipped). */
  evidenceFiles: number;
  head: string;
  /** Audit log rows walked, and the audit chain's head. */
  auditRows: number;
  auditHead: string;
  /** The first broken entry, if any. */
  firstBrokenEntryId: number | null;
  problems: string[];
}

/**
 * `anchors`: chain heads the verifier was given earlier (for example from an auditor's
 * bundle). Each must still be in the chain: this is what catches entries cut off the end.
 */
export function verifyLedger(s: Services, anchors: string[] = [], opts: { evidence?: boolean } = {}): VerifyReport {
  const walker = new ChainWalker();
  const problems: string[] = [];
  let firstBrokenEntryId: number | null = null;
  let postings = 0;
  let entries = 0;
  let lastId = 0;
  const broken = (id: number, why: string) => {
    if (firstBrokenEntryId === null) firstBrokenEntryId = id;
    if (problems.length < 20) problems.push(`jurnal #${id}: ${why}`);
  };
  for (const e of s.ledger.iterateEntries()) {
    entries += 1;
    postings += e.postings.length;
    if (firstBrokenEntryId !== null) continue; // after a break the chain cannot be followed further
    const expectedId = lastId + 1;
    lastId = e.id;
    if (e.id > expectedId) {
      broken(e.id, `jurnal #${expectedId}${e.id - 1 > expectedId ? `–#${e.id - 1}` : ''} hilang sebelum jurnal ini (dihapus)`);
      continue;
    }
    if (e.postings.length !== e.postingCount) {
      broken(e.id, `punya ${e.postings.length} baris posting, seharusnya ${e.postingCount}`);
      continue;
    }
    const sum = e.postings.reduce((a, p) => a + p.amount, 0);
    if (sum !== 0) {
      broken(e.id, `tidak seimbang (selisih ${sum})`);
      continue;
    }
    if (debitTotal(e.postings) !== e.debitTotal) {
      broken(e.id, `total debit ${debitTotal(e.postings)} tidak sama dengan yang tercatat ${e.debitTotal}`);
      continue;
    }
    const chainBreak = walker.step(e);
    if (chainBreak) broken(chainBreak.entryId, chainBreak.reason);
  }
  problems.push(...triggerMessages(s.ledger.triggerProblems()));
  // The audit log's chain, and users, bank accounts and rules held against its history.
  const audit = verifyAudit(s);
  problems.push(...audit.problems);
  // Nobody decided an RT's items within 30 days of giving one of its accounts a temporary password.
  problems.push(...verifyPasswordConflicts(s));
  for (const a of anchors) {
    if (!s.ledger.hasHash(a)) problems.push(`jangkar rantai ${a} tidak ada lagi: jurnal sesudahnya atau jurnal itu sendiri dihapus`);
  }
  // Signed checkpoints: each signature under its key, their chain, and each head still at its count.
  problems.push(...storedCheckpointProblems(s).problems);
  for (const d of s.consistency.disagreements()) {
    problems.push(`${d.count} × ${d.what} (misalnya ${d.example})`);
  }
  problems.push(...verifyClose(s));
  // Every business record the same as the facts its entry carries (chain version 2).
  problems.push(...verifyFacts(s));
  // Spending held to the plan: no category's verified spending above its approved plan line.
  problems.push(...planLineProblems(s).problems);
  // Every submitted or decided plan with the dossier its submission required.
  problems.push(...verifyDossiers(s), ...verifyDossierExemptions(s), ...verifyDossierTrail(s), ...verifyDocumentNumbers(s));
  const orphans = s.ledger.orphanPostings();
  if (orphans > 0) problems.push(`${orphans} baris posting tanpa jurnal induk`);
  for (const m of s.ledger.balanceMismatches()) {
    problems.push(`saldo tersimpan akun ${m.name} (${m.year}) = ${m.cached}, dari posting = ${m.derived}`);
  }
  // A verified SPJ is a report already signed: its month as the ledger has it now must be what
  // was verified (reported months are closed; corrections land in later months).
  let spjBad = 0;
  for (const spj of s.receipts.iterateVerifiedSpj()) {
    const differ = spjFiguresDiffer(spj, monthCashBook(s, spj.rtId, spj.year, spj.month).book);
    if (differ.length === 0) continue;
    spjBad += 1;
    if (spjBad <= 5) problems.push(`SPJ #${spj.id} (RT #${spj.rtId}, ${spj.month}) terverifikasi tidak sama dengan buku besar: ${differ.join('; ')}`);
  }
  if (spjBad > 5) problems.push(`… dan ${spjBad - 5} SPJ terverifikasi lain tidak sama dengan buku besar`);
  let evidenceFiles = 0;
  if (opts.evidence !== false) {
    const ev = verifyEvidence(s);
    evidenceFiles = ev.files;
    problems.push(...ev.problems);
  }
  // The quota's kept use (db/0032's triggers) against the records that hold the files.
  problems.push(...verifyEvidenceUsage(s));
  return { ok: problems.length === 0, entries, postings, evidenceFiles, head: walker.head, auditRows: audit.rows, auditHead: audit.head, firstBrokenEntryId, problems };
}
