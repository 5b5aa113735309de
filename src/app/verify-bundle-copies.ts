/**
 * verify-bundle's cross-checks of the readable copies against the exact entries of journal.jsonl:
 * journal.csv and postings.csv field by field (exact, as csv-writer.ts writes them), the hledger
 * journal's transactions (ids, postings; its layout read loosely), balances.csv and
 * rt-summary.csv recomputed from the postings, receipts.csv against the receipt entries (amount,
 * RT, category, status, and with chain version 2 facts: date, texts, evidence hashes), and the
 * evidence, berita acara and bank batch files referenced against those present.
 */
import { createHash } from 'node:crypto';
import type { HashableEntry } from '../domain/ledger/hash-chain';
import { trancheFacts, type ReceiptFacts } from '../domain/ledger/entry-facts';
import { RECEIPT_STATUSES } from '../domain/grants/receipt';
import { DOSSIER_CHECKLIST, dossierCounts, dossierLabel, judgeDossier, parseRequirements } from '../domain/grants/dossier';
import { dossierTrailProblems, type TrailAudit, type TrailDocument, type TrailPlan } from '../domain/grants/dossier-trail';
import { dossierExemptionProblems, type ExemptionPlan, type SubmissionAudit } from '../domain/grants/dossier-exemptions';
import { documentNumberProblems, type IssuedNumberFacts } from '../domain/documents/document-number';
import { todayWib } from '../domain/calendar';
import { csvField, restoreText } from '../reports/csv-writer';
import { JOURNAL_COLUMNS, perRt, POSTING_COLUMNS, RECEIPT_COLUMNS, RT_SUMMARY_COLUMNS } from '../reports/bundle-format';
import { CsvReader, LineReader, type BundleReader } from './bundle-reader';
import { statementProblems } from './verify-bundle-statement';
import type { ProblemKind } from './bundle-problems';

type Report = (kind: ProblemKind, text: string) => void;
type Checked = (name: string, sha256: string | null) => void;

/** What verify keeps per receipt entry (small: a city has ~600k). */
interface ReceiptEntry {
  entryId: number;
  amount: number;
  /** The spending account's category (lower case) and the RT prefix of the account. */
  category: string;
  account: string;
  facts: ReceiptFacts | null;
}

/** A short digest of an entry's postings (sorted), to hold the hledger journal against. */
const postingsDigest = (ps: ReadonlyArray<{ account: string; amount: number }>) =>
  createHash('sha256')
    .update(
      ps
        .map((p) => `${p.account}=${p.amount}`)
        .sort()
        .join(';'),
    )
    .digest('base64')
    .slice(0, 16);

export class EntryDigest {
  readonly byId = new Map<number, string>();
}

export function checkCopies(reader: BundleReader, digest: EntryDigest, problem: Report, checked: Checked, journalName: string | null) {
  let journalCsv: CsvReader | null = null;
  let postingsCsv: CsvReader | null = null;
  const sums = new Map<string, number>();
  const receipts = new Map<number, ReceiptEntry>();
  /** entry id → the id of the entry that reverses it. */
  const reversedBy = new Map<number, number>();
  const evidenceRefs = new Map<string, string>();
  const ref = (sha: string, what: string) => {
    if (!evidenceRefs.has(sha)) evidenceRefs.set(sha, what);
  };
  let journalRows = 0;
  /** Chain version 2 facts of tranche and bank payment entries, held against tranche-lines.csv and bank-batch-rows.csv. */
  const trancheLines = new Map<number, { entryId: number; lines: string }>();
  const payments = new Map<string, { entryId: number; bankAccount: string }>();

  const openCsv = async (name: string, header: readonly string[]) => {
    if (!reader.has(name)) return null;
    const r = await CsvReader.open(await reader.open(name));
    if (r.header?.join(',') !== header.join(',')) problem('salinan', `${name}: kepala kolom tidak sesuai (${r.header?.join(',') ?? 'kosong'})`);
    return r;
  };

  /** The dossier as plans.csv and plan-documents.csv hold it, for the audit trail check after audit-log.jsonl is read. */
  const dossier: { plans: TrailPlan[]; docs: TrailDocument[]; exemption: ExemptionPlan[]; listed: Set<number> } = { plans: [], docs: [], exemption: [], listed: new Set() };

  return {
    /**
     * plan-documents.csv and plans.csv against the dossier's audit rows of audit-log.jsonl (dossier-trail.ts);
     * plans.csv and pre-dossier-plans.csv against the audited submissions (dossier-exemptions.ts).
     */
    dossierTrail(audits: TrailAudit[], submissions: SubmissionAudit[], exemptions: boolean) {
      for (const t of dossierTrailProblems(dossier.plans, dossier.docs, audits)) problem('catatan', t);
      // Without pre-dossier-plans.csv (a format-2 bundle from before it) the list cannot be checked, so every plan without its
      // requirement is taken as claimed exempt: the audit half still holds (a submission the signed log records with its
      // dossier cannot have lost it), so a bundle relabelled as older does not hide an erased requirement. The note says the rest.
      const listed = exemptions ? dossier.listed : new Set(dossier.exemption.filter((p) => !p.hasRequirement).map((p) => p.id));
      for (const t of dossierExemptionProblems(dossier.exemption, listed, submissions)) problem('catatan', t);
    },

    async start() {
      journalCsv = await openCsv('journal.csv', JOURNAL_COLUMNS);
      postingsCsv = await openCsv('postings.csv', POSTING_COLUMNS);
    },

    async entry(e: HashableEntry, prevHash: string, hash: string) {
      digest.byId.set(e.id, postingsDigest(e.postings));
      for (const p of e.postings) sums.set(p.account, (sums.get(p.account) ?? 0) + p.amount);
      if (e.eventType === 'reversal' && e.reversesEntryId !== null) reversedBy.set(e.reversesEntryId, e.id);
      if (e.facts?.kind === 'tranche') trancheLines.set(e.facts.tranche, { entryId: e.id, lines: JSON.stringify(e.facts.lines) });
      if (e.facts?.kind === 'bank_transfer') payments.set(`${e.facts.batch}:${e.facts.tranche}`, { entryId: e.id, bankAccount: e.facts.bankAccount });
      const rid = /^receipt:(\d+)$/.exec(e.eventRef);
      if (e.eventType === 'receipt' && rid) {
        const spending = e.postings.find((p) => p.amount > 0 && p.account.startsWith('beban:'));
        const facts = e.facts && e.facts.kind === 'receipt' ? e.facts : null;
        if (receipts.has(Number(rid[1]))) problem('duplikat', `kuitansi ${rid[1]}: dibukukan lebih dari sekali (jurnal #${receipts.get(Number(rid[1]))!.entryId} dan #${e.id})`);
        receipts.set(Number(rid[1]), { entryId: e.id, amount: spending?.amount ?? 0, category: spending?.account.split(':').at(-1) ?? '', account: spending?.account ?? '', facts });
      }
      if (journalCsv) {
        // Rows of journal.csv that come before this entry have no entry in journal.jsonl.
        for (let r = await journalCsv.peek(); r && Number(r.fields[0]) < e.id; r = await journalCsv.peek()) {
          problem(Number(r.fields[0]) === journalRows ? 'duplikat' : 'salinan', `journal.csv: baris jurnal #${r.fields[0]} ${Number(r.fields[0]) === journalRows ? 'tertulis lebih dari sekali' : 'tidak ada di journal.jsonl'}`);
          await journalCsv.next();
        }
        const r = await journalCsv.peek();
        if (!r || Number(r.fields[0]) !== e.id) problem('salinan', `journal.csv: jurnal #${e.id} tidak ada`);
        else {
          await journalCsv.next();
          journalRows = e.id;
          const expected = [e.id, e.year, e.occurredOn, e.eventType, e.eventRef, e.description, e.actor, e.recordedAt, e.idempotencyKey, e.reversesEntryId, e.reason, prevHash, hash, e.version, e.facts === null ? '' : JSON.stringify(e.facts)].map(
            (v) => unquoted(csvField(v)),
          );
          const differ = JOURNAL_COLUMNS.filter((_, i) => r.fields[i] !== expected[i]);
          if (differ.length > 0 || r.fields.length !== JOURNAL_COLUMNS.length) problem('salinan', `journal.csv jurnal #${e.id}: berbeda dari journal.jsonl (kolom ${differ.join(', ') || 'jumlah kolom'})`);
        }
      }
      if (postingsCsv) {
        for (let r = await postingsCsv.peek(); r && Number(r.fields[0]) < e.id; r = await postingsCsv.peek()) {
          problem('salinan', `postings.csv: posting jurnal #${r.fields[0]} tidak ada di journal.jsonl`);
          await postingsCsv.next();
        }
        let line = 0;
        for (let r = await postingsCsv.peek(); r && Number(r.fields[0]) === e.id; r = await postingsCsv.peek()) {
          await postingsCsv.next();
          const p = e.postings[line];
          line += 1;
          const expected = p ? [e.id, line, p.account, p.amount].map((v) => unquoted(csvField(v))) : null;
          if (!expected || r.fields.join('\u0000') !== expected.join('\u0000')) problem('salinan', `postings.csv jurnal #${e.id} baris ${line}: berbeda dari journal.jsonl`);
        }
        if (line < e.postings.length) problem('salinan', `postings.csv jurnal #${e.id}: ${e.postings.length - line} baris posting tidak ada`);
      }
    },

    async finish() {
      for (const [name, r] of [['journal.csv', journalCsv], ['postings.csv', postingsCsv]] as const) {
        if (!r) continue;
        for (let rec = await r.next(); rec !== null; rec = await r.next()) problem('salinan', `${name}: baris jurnal #${rec.fields[0]} tidak ada di journal.jsonl`);
        checked(name, r.lines.sha256);
      }
      await this.hledger();
      await this.balances();
      await this.receipts();
      await this.records();
      await this.links();
    },

    async hledger() {
      if (!journalName) return;
      const lines = new LineReader(await reader.open(journalName));
      const seen = new Set<number>();
      let tx: { id: number | null; postings: Array<{ account: string; amount: number | null }>; line: number } | null = null;
      let count = 0;
      const close = () => {
        if (!tx) return;
        count += 1;
        if (tx.id === null) problem('salinan', `${journalName} baris ${tx.line}: transaksi tanpa tag id:`);
        else {
          if (seen.has(tx.id)) problem('duplikat', `${journalName}: transaksi jurnal #${tx.id} lebih dari sekali`);
          seen.add(tx.id);
          const expected = digest.byId.get(tx.id);
          // One posting may leave its amount out (hledger balances it).
          const missing = tx.postings.filter((p) => p.amount === null);
          if (missing.length === 1) missing[0]!.amount = -tx.postings.reduce((a, p) => a + (p.amount ?? 0), 0);
          const got = postingsDigest(tx.postings.map((p) => ({ account: p.account, amount: p.amount ?? 0 })));
          if (expected === undefined) problem('salinan', `${journalName}: transaksi jurnal #${tx.id} tidak ada di journal.jsonl`);
          else if (got !== expected) problem('salinan', `${journalName}: transaksi jurnal #${tx.id} berbeda dari journal.jsonl (akun atau jumlah)`);
        }
        tx = null;
      };
      for (let line = await lines.next(); line !== null; line = await lines.next()) {
        if (/^\d{4}[-/.]\d{2}[-/.]\d{2}/.test(line)) {
          close();
          tx = { id: null, postings: [], line: lines.lineNo };
        } else if (!/^[ \t]/.test(line)) {
          close();
        }
        if (!tx) continue;
        const idTag = /(?:^|[;,\s])id:\s*(\d+)/.exec(line.includes(';') ? line.slice(line.indexOf(';')) : '');
        if (idTag && tx.id === null) tx.id = Number(idTag[1]);
        const body = line.split(';')[0]!;
        if (/^[ \t]+\S/.test(body)) {
          const m = /^[ \t]+(\S+(?: \S+)*?)(?:\s{2,}|\t)\s*(.*)$/.exec(body.trimEnd()) ?? /^[ \t]+(\S+)$/.exec(body.trimEnd());
          if (m) {
            const amountText = (m[2] ?? '').replace(/IDR|Rp/g, '').replace(/[\s.]/g, '').replace(/,00$/, '');
            tx.postings.push({ account: m[1]!, amount: amountText === '' ? null : Number(amountText) });
          }
        }
      }
      close();
      checked(journalName, lines.sha256);
      for (const id of digest.byId.keys()) if (!seen.has(id)) problem('salinan', `${journalName}: jurnal #${id} tidak ada`);
      if (count !== digest.byId.size && count === seen.size) problem('salinan', `${journalName}: ${count} transaksi, journal.jsonl ${digest.byId.size}`);
    },

    async balances() {
      const b = await openCsv('balances.csv', ['account', 'balance']);
      const stated = new Map<string, number>();
      if (b) {
        for (let r = await b.next(); r !== null; r = await b.next()) {
          const account = restoreText(r.fields[0] ?? '');
          if (stated.has(account)) problem('duplikat', `balances.csv: akun ${account} lebih dari sekali`);
          stated.set(account, Number(r.fields[1]));
        }
        checked('balances.csv', b.lines.sha256);
        for (const [account, balance] of sums) if (stated.get(account) !== balance) problem('saldo', `balances.csv: saldo ${account} tertulis ${stated.get(account) ?? '(tidak ada)'}, dari posting ${balance}`);
        for (const [account, balance] of stated) if (!sums.has(account)) problem('saldo', `balances.csv: akun ${account} tidak punya posting tetapi tertulis ${balance}`);
      }
      const s = await openCsv('rt-summary.csv', RT_SUMMARY_COLUMNS);
      if (s) {
        const expected = new Map(perRt([...sums].map(([name, balance]) => ({ name, balance }))).map((row) => [row[0], row.slice(1).join(',')]));
        const seen = new Set<string>();
        for (let r = await s.next(); r !== null; r = await s.next()) {
          const key = restoreText(r.fields[0] ?? '');
          if (seen.has(key)) problem('duplikat', `rt-summary.csv: ${key} lebih dari sekali`);
          seen.add(key);
          const want = expected.get(key);
          if (want === undefined) problem('saldo', `rt-summary.csv: ${key} tidak ada di posting`);
          else if (r.fields.slice(1).join(',') !== want) problem('saldo', `rt-summary.csv: angka ${key} (${r.fields.slice(1).join(', ')}) tidak sama dengan hitungan dari posting (${want.split(',').join(', ')})`);
        }
        checked('rt-summary.csv', s.lines.sha256);
        for (const key of expected.keys()) if (!seen.has(key)) problem('saldo', `rt-summary.csv: ${key} tidak ada`);
      }
      if (reader.has('statement.pdf')) {
        const chunks: Buffer[] = [];
        for await (const c of (await reader.open('statement.pdf')) as AsyncIterable<Buffer>) chunks.push(c);
        for (const text of await statementProblems(Buffer.concat(chunks), sums)) problem('saldo', text);
      }
      sums.clear();
    },

    async receipts() {
      const r = await openCsv('receipts.csv', RECEIPT_COLUMNS);
      if (!r) return;
      const seen = new Set<number>();
      for (let rec = await r.next(); rec !== null; rec = await r.next()) {
        const row = CsvReader.row(RECEIPT_COLUMNS, rec.fields.map(restoreText));
        const id = Number(row.id);
        if (seen.has(id)) problem('duplikat', `receipts.csv: kuitansi ${row.id} lebih dari sekali`);
        seen.add(id);
        const files = (row.files ?? '').split(' ').filter(Boolean).map((f) => f.split(':')[0]!);
        for (const sha of files) ref(sha, `kuitansi ${id}`);
        const posted = receipts.get(id);
        const bad = (what: string) => problem('kuitansi', `kuitansi ${id}: ${what}`);
        if (!(RECEIPT_STATUSES as readonly string[]).includes(row.status!)) bad(`status ${row.status} tidak dikenal`);
        const booked = row.status === 'verified' || row.status === 'reversed';
        if (!booked) {
          if (row.entry_id) bad(`berstatus ${row.status} tetapi menunjuk jurnal #${row.entry_id}`);
          if (posted) bad(`berstatus ${row.status} tetapi dibukukan di jurnal #${posted.entryId}`);
          continue;
        }
        if (!posted) {
          bad(`berstatus ${row.status} tetapi jurnalnya ${row.entry_id ? `#${row.entry_id} ` : ''}tidak ada di journal.jsonl`);
          continue;
        }
        receipts.delete(id);
        if (Number(row.entry_id) !== posted.entryId) bad(`entry_id ${row.entry_id}, jurnalnya #${posted.entryId}`);
        if (Number(row.amount) !== posted.amount) bad(`jumlah ${row.amount}, di jurnal #${posted.entryId} ${posted.amount}`);
        if ((row.category ?? '').toLowerCase() !== posted.category) bad(`kategori ${row.category}, di jurnal #${posted.entryId} ${posted.category.toUpperCase()}`);
        if (!posted.account.includes(`:${row.kelurahan}:`)) bad(`kelurahan ${row.kelurahan}, di jurnal #${posted.entryId} akun ${posted.account}`);
        const reversal = reversedBy.get(posted.entryId);
        if (row.status === 'reversed' && (reversal === undefined || Number(row.reversal_entry_id) !== reversal)) bad(`berstatus dibatalkan tetapi jurnal pembalikannya ${row.reversal_entry_id || '(kosong)'} tidak cocok`);
        if (row.status === 'verified' && reversal !== undefined) bad(`berstatus terverifikasi, padahal jurnal #${reversal} membalikkannya`);
        const f = posted.facts;
        if (f) {
          const differ: string[] = [];
          if (f.receipt !== id) differ.push('nomor kuitansi');
          if (String(f.rt) !== row.rt_id) differ.push('RT');
          if (f.date !== row.date) differ.push('tanggal');
          if (f.category !== row.category) differ.push('kategori');
          if (f.description !== row.description) differ.push('uraian');
          if (f.vendor !== row.vendor) differ.push('toko/penyedia');
          if ((f.nota ?? '') !== row.nota_number) differ.push('nomor nota');
          if (f.amount !== Number(row.amount)) differ.push('jumlah');
          if ([...files].sort().join(' ') !== f.evidence.join(' ')) differ.push('berkas bukti');
          if (differ.length > 0) bad(`berbeda dari fakta yang diikat hash jurnal #${posted.entryId}: ${differ.join(', ')}`);
        }
      }
      checked('receipts.csv', r.lines.sha256);
      for (const [id, p] of receipts) problem('kuitansi', `jurnal #${p.entryId} membukukan kuitansi ${id}, tetapi kuitansi itu tidak ada di receipts.csv`);
      receipts.clear();
    },

    /**
     * plans.csv names berita acara files and plan-documents.csv the dossier files; each submitted
     * plan's dossier is complete by the rule the submission used (dossier.ts); the offices'
     * numbers hold together (document-number.ts); bank-batches.csv names the stored batch files.
     */
    async records() {
      const plans = await openCsv('plans.csv', (await peekHeader(reader, 'plans.csv')) ?? []);
      const planFacts: Array<{ id: number; rtId: number; status: string; required: string | null; beritaAcaraSha256: string | null }> = [];
      if (plans?.header) {
        for (let rec = await plans.next(); rec !== null; rec = await plans.next()) {
          const row = CsvReader.row(plans.header, rec.fields.map(restoreText));
          if (row.berita_acara_sha256) ref(row.berita_acara_sha256, `rencana ${row.id} (berita acara)`);
          planFacts.push({ id: Number(row.id), rtId: Number(row.rt_id), status: row.status ?? '', required: row.dossier_required || null, beritaAcaraSha256: row.berita_acara_sha256 || null });
        }
        checked('plans.csv', plans.lines.sha256);
      }
      const planLines = new Set<number>();
      const lineCsv = await openCsv('plan-lines.csv', (await peekHeader(reader, 'plan-lines.csv')) ?? []);
      if (lineCsv?.header) {
        const at = lineCsv.header.indexOf('plan_id');
        for (let rec = await lineCsv.next(); rec !== null; rec = await lineCsv.next()) planLines.add(Number(rec.fields[at]));
        checked('plan-lines.csv', lineCsv.lines.sha256);
      }
      const docCsv = await openCsv('plan-documents.csv', (await peekHeader(reader, 'plan-documents.csv')) ?? []);
      if (docCsv?.header) {
        for (let rec = await docCsv.next(); rec !== null; rec = await docCsv.next()) {
          const row = CsvReader.row(docCsv.header, rec.fields.map(restoreText));
          const doc = { planId: Number(row.plan_id), kind: row.kind ?? '', sha256: row.sha256 ?? '', withdrawn: !!row.withdrawn_at };
          dossier.docs.push(doc);
          ref(doc.sha256, `rencana ${doc.planId} (berkas ${doc.kind})`);
        }
        checked('plan-documents.csv', docCsv.lines.sha256);
      }
      dossier.plans = planFacts.map((p) => ({ id: p.id, rtId: p.rtId, beritaAcaraSha256: p.beritaAcaraSha256 }));
      // The plans exempt from the dossier (migration 0028's list), held against plans.csv and, after audit-log.jsonl is read, its submissions.
      dossier.exemption = planFacts.map((p) => ({ id: p.id, rtId: p.rtId, status: p.status, hasRequirement: p.required !== null }));
      const exempt = await openCsv('pre-dossier-plans.csv', (await peekHeader(reader, 'pre-dossier-plans.csv')) ?? []);
      if (exempt?.header) {
        const known = new Set(planFacts.map((p) => p.id));
        for (let rec = await exempt.next(); rec !== null; rec = await exempt.next()) {
          const row = CsvReader.row(exempt.header, rec.fields.map(restoreText));
          const id = Number(row.plan_id);
          dossier.listed.add(id);
          if (!known.has(id)) problem('catatan', `pre-dossier-plans.csv: RAP #${row.plan_id} tercatat sebagai RAP yang diajukan sebelum berkas diminta, tetapi tidak ada di plans.csv`);
        }
        checked('pre-dossier-plans.csv', exempt.lines.sha256);
      }
      const kindsOf = new Map<number, string[]>();
      for (const d of dossier.docs) if (!d.withdrawn) kindsOf.set(d.planId, [...(kindsOf.get(d.planId) ?? []), d.kind]);
      for (const p of planFacts) {
        if (!p.required || !['submitted', 'approved', 'superseded'].includes(p.status)) continue;
        const counts = dossierCounts(kindsOf.get(p.id) ?? [], !!p.beritaAcaraSha256, planLines.has(p.id));
        const { missing } = judgeDossier(parseRequirements(p.required), counts);
        if (missing.length) problem('catatan', `rencana ${p.id} (${p.status}): berkas tidak lengkap, tidak ada ${missing.map((k) => dossierLabel(DOSSIER_CHECKLIST, k)).join('; ')}`);
      }
      const numbers = await openCsv('document-numbers.csv', (await peekHeader(reader, 'document-numbers.csv')) ?? []);
      if (numbers?.header) {
        const rows: IssuedNumberFacts[] = [];
        for (let rec = await numbers.next(); rec !== null; rec = await numbers.next()) {
          const r = CsvReader.row(numbers.header, rec.fields.map(restoreText));
          rows.push({ kelurahanCode: r.kelurahan_code ?? '', kind: r.kind ?? '', year: Number(r.year), seq: Number(r.seq), docKey: r.doc_key ?? '', number: r.number ?? '', issuedAt: r.issued_at ?? '' });
        }
        for (const t of documentNumberProblems(rows, (iso) => todayWib(new Date(iso)))) problem('catatan', `document-numbers.csv: ${t}`);
        checked('document-numbers.csv', numbers.lines.sha256);
      }
      const batches = await openCsv('bank-batches.csv', (await peekHeader(reader, 'bank-batches.csv')) ?? []);
      if (batches?.header) {
        const at = batches.header.indexOf('csv_sha256');
        const named = new Set<string>();
        for (let rec = await batches.next(); rec !== null; rec = await batches.next()) {
          const name = `bank-batches/batch-${rec.fields[0]}.csv`;
          named.add(name);
          const sha = at >= 0 ? rec.fields[at] : '';
          if (!sha) continue;
          if (!reader.has(name)) problem('catatan', `berkas bank ${rec.fields[0]}: ${name} tidak ada di bundel`);
          else {
            const lines = new LineReader(await reader.open(name));
            const got = await lines.drain();
            checked(name, got);
            if (got !== sha) problem('catatan', `${name}: isinya bukan berkas yang dikirim ke bank (SHA-256 ${got.slice(0, 16)}…, tercatat ${sha.slice(0, 16)}…)`);
          }
        }
        checked('bank-batches.csv', batches.lines.sha256);
        for (const name of reader.names) if (name.startsWith('bank-batches/') && !named.has(name)) problem('catatan', `${name}: tidak ada di bank-batches.csv`);
      }
    },

    /**
     * tranches.csv: each booked tranche's entries are in the bundle; tranche-lines.csv against the
     * lines a version 2 tranche entry carries; bank-batch-rows.csv against the account a version 2
     * payment entry says was paid.
     */
    async links() {
      const inBundle = digest.byId;
      const tranches = await openCsv('tranches.csv', (await peekHeader(reader, 'tranches.csv')) ?? []);
      if (tranches?.header) {
        const h = tranches.header;
        for (let rec = await tranches.next(); rec !== null; rec = await tranches.next()) {
          const row = CsvReader.row(h, rec.fields);
          for (const col of ['entry_id', 'reversal_entry_id']) {
            if (row[col] && !inBundle.has(Number(row[col]))) problem('catatan', `pencairan ${row.id}: ${col} #${row[col]} tidak ada di journal.jsonl`);
          }
        }
        checked('tranches.csv', tranches.lines.sha256);
      }
      const lines = await openCsv('tranche-lines.csv', (await peekHeader(reader, 'tranche-lines.csv')) ?? []);
      if (lines?.header) {
        const got = new Map<number, Array<{ category: string; description: string; amount: number }>>();
        for (let rec = await lines.next(); rec !== null; rec = await lines.next()) {
          const row = CsvReader.row(lines.header, rec.fields.map(restoreText));
          const list = got.get(Number(row.tranche_id)) ?? [];
          list.push({ category: row.category!, description: row.description ?? '', amount: Number(row.amount) });
          got.set(Number(row.tranche_id), list);
        }
        checked('tranche-lines.csv', lines.lines.sha256);
        for (const [id, f] of trancheLines) {
          // The lines as the entry's facts hold them, built by the same function the approval posts with.
          const list = trancheFacts({ id, rtId: 0, lines: got.get(id) ?? [] }).lines;
          if (JSON.stringify(list) !== f.lines) problem('catatan', `pencairan ${id}: baris RBB di tranche-lines.csv berbeda dari yang diikat hash jurnal #${f.entryId}`);
        }
      }
      const rows = await openCsv('bank-batch-rows.csv', (await peekHeader(reader, 'bank-batch-rows.csv')) ?? []);
      if (rows?.header) {
        for (let rec = await rows.next(); rec !== null; rec = await rows.next()) {
          const row = CsvReader.row(rows.header, rec.fields.map(restoreText));
          const paid = payments.get(`${row.batch_id}:${row.tranche_id}`);
          if (paid && paid.bankAccount !== row.bank_account) problem('catatan', `berkas bank ${row.batch_id} baris pencairan ${row.tranche_id}: rekening ${row.bank_account}, jurnal #${paid.entryId} membayar ke ${paid.bankAccount}`);
        }
        checked('bank-batch-rows.csv', rows.lines.sha256);
      }
    },

    referencedEvidence: () => new Set(evidenceRefs.keys()),
    referenceOf: (sha: string) => evidenceRefs.get(sha) ?? '',
  };
}

/** csvField's text without its quotes: what a CSV reader gives back. */
function unquoted(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

async function peekHeader(reader: BundleReader, name: string): Promise<string[] | null> {
  if (!reader.has(name)) return null;
  const r = await CsvReader.open(await reader.open(name));
  return r.header;
}
