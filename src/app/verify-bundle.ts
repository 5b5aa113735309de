/**
 * Checks an auditor's bundle (formats 2 and 3, src/reports/audit-bundle.ts) offline, trusting
 * nothing but its own contents and what the caller brings (public keys, anchors):
 * - the MANIFEST's format is one this checker reads (bundle-format.ts BUNDLE_FORMATS); a file a
 *   later format added may be absent from an older bundle, and the check it carries is then named
 *   in a note (report.notes), never a problem and never passed in silence;
 * - every file against the MANIFEST, no file unlisted, no listed file missing, the required files
 *   of its format present, no unknown file, no name twice;
 * - the chain: every line of journal.jsonl re-hashed (sha256(prev + "\n" + line)) and found in
 *   chain.csv; every link of chain.csv from the start checkpoint to the end one, no gap; the
 *   last hash and count equal to the end checkpoint (and to the MANIFEST's), the first prev to the
 *   start checkpoint's head (or genesis); each checkpoint's signature (with --public-key: only the
 *   keys given are trusted) and every anchor given;
 * - the copies (journal.csv, postings.csv, the hledger journal, balances.csv, rt-summary.csv,
 *   receipts.csv) against the exact entries, every evidence reference against the files present.
 * The ZIP is streamed (entries indexed by name, each file read once and hashed as it passes);
 * what is kept is per entry small (ids, amounts, receipt facts), never a file.
 * Every problem is reported, with its kind (see KINDS).
 */
import { entryFromCanonical } from '../domain/ledger/canonical-parse';
import { anchorMatches, checkpointChainProblems, checkpointProblems, keyIdOf, parseAnchor, type Anchor, type SignedCheckpoint } from '../domain/ledger/checkpoint';
import { canonical, GENESIS_HASH, type HashableEntry } from '../domain/ledger/hash-chain';
import { createHash } from 'node:crypto';
import { BUNDLE_FORMAT, BUNDLE_FORMATS, filesNotInFormat, isBundleFormat } from '../reports/bundle-format';
import { CsvReader, LineReader, mapReader, openZip, streamSha256, type BundleReader } from './bundle-reader';
import { checkCopies, EntryDigest } from './verify-bundle-copies';
import { checkAuditLog } from './verify-bundle-audit';
import { trailAuditOf, type TrailAudit } from '../domain/grants/dossier-trail';
import { submissionAuditOf, type SubmissionAudit } from '../domain/grants/dossier-exemptions';
import type { Problem, ProblemKind } from './bundle-problems';

export { mapReader, openZip, readZip } from './bundle-reader';

export { KINDS, type Problem, type ProblemKind } from './bundle-problems';

export interface VerifyOptions {
  /** PEM texts of the only public keys trusted (--public-key); null: the bundle's own kunci-publik.pem. */
  publicKeys?: string[] | null;
  /** Anchors as people hold them (--anchor; parseAnchor). */
  anchors?: string[];
}

export interface BundleReport {
  ok: boolean;
  /** In-scope entries (journal.jsonl lines) re-hashed. */
  entries: number;
  /** Links of chain.csv checked. */
  links: number;
  postings: number;
  files: number;
  evidence: number;
  /** Rows of audit-log.jsonl whose hash was recomputed (and links checked where the rows are consecutive). */
  auditRows: number;
  chainHead: string | null;
  entryCount: number | null;
  checkpoints: number;
  /** 'given': checked against --public-key; 'bundle': against the bundle's own kunci-publik.pem (proves nothing about the server's owner). */
  signaturesAgainst: 'given' | 'bundle';
  anchorsMatched: number;
  problems: Problem[];
  /**
   * What was not checked because the bundle's format does not carry it (a format-2 bundle without
   * pre-dossier-plans.csv): said beside OK, never a problem.
   */
  notes: string[];
}

/** Files every bundle of the current format holds (besides jurnal-<year>.journal and the evidence); an older format may lack those of filesNotInFormat. */
export const REQUIRED_FILES = [
  'MANIFEST.txt',
  'journal.jsonl',
  'chain.csv',
  'checkpoints.jsonl',
  'kunci-publik.pem',
  'journal.csv',
  'postings.csv',
  'balances.csv',
  'rt-summary.csv',
  'receipts.csv',
  'plans.csv',
  'plan-lines.csv',
  'plan-documents.csv',
  'pre-dossier-plans.csv',
  'tranches.csv',
  'tranche-lines.csv',
  'bank-batches.csv',
  'bank-batch-rows.csv',
  'spj.csv',
  'document-numbers.csv',
  'audit-log.jsonl',
  'statement.pdf',
  'BACA-SAYA.txt',
];
/** Files a bundle may hold beyond the required ones. */
const OPTIONAL_FILES = new Set<string>([]);
const EVIDENCE_NAME = /^evidence\/([0-9a-f]{64})\.[a-z0-9.+-]+$/;
const BATCH_NAME = /^bank-batches\/batch-(\d+)\.csv$/;
const JOURNAL_NAME = /^jurnal-(\d{4})\.journal$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a bundle's ZIP file and checks it; a file that is not a whole ZIP is one problem. */
export async function verifyBundleFile(file: string, options: VerifyOptions = {}): Promise<BundleReport> {
  let reader: BundleReader;
  try {
    reader = await openZip(file);
  } catch (e) {
    const report = emptyReport(options);
    report.problems.push({ kind: 'berkas', text: `${file}: bukan ZIP yang utuh (terpotong atau rusak): ${e instanceof Error ? e.message : String(e)}` });
    return report;
  }
  try {
    return await verifyBundle(reader, options);
  } catch (e) {
    // A stream that breaks midway (a truncated or corrupted entry) is a finding, not a crash.
    const report = emptyReport(options);
    report.problems.push({ kind: 'berkas', text: `bundel tidak dapat dibaca sampai habis (terpotong atau rusak): ${e instanceof Error ? e.message : String(e)}` });
    return report;
  } finally {
    reader.close();
  }
}

/** The same checks on files held in memory (tests that edit a bundle). */
export function verifyBundleFiles(files: ReadonlyMap<string, Buffer>, options: VerifyOptions = {}): Promise<BundleReport> {
  return verifyBundle(mapReader(files), options);
}

function emptyReport(options: VerifyOptions): BundleReport {
  return { ok: false, entries: 0, links: 0, postings: 0, files: 0, evidence: 0, auditRows: 0, chainHead: null, entryCount: null, checkpoints: 0, signaturesAgainst: options.publicKeys ? 'given' : 'bundle', anchorsMatched: 0, problems: [], notes: [] };
}

interface Manifest {
  format: string | null;
  head: string | null;
  count: number | null;
  listed: Map<string, string>;
}

function parseManifest(text: string, problem: (k: ProblemKind, t: string) => void): Manifest {
  const m: Manifest = { format: null, head: null, count: null, listed: new Map() };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const f = /^# format: (\S+)$/.exec(line);
      if (f) m.format = f[1]!;
      const h = /^# kepala rantai hash buku besar saat ekspor: (\S+)$/.exec(line);
      if (h) m.head = h[1]!;
      const c = /^# jumlah jurnal \(rantai\): (\d+)$/.exec(line);
      if (c) m.count = Number(c[1]);
      continue;
    }
    const l = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!l) {
      problem('berkas', `MANIFEST.txt: baris tidak dikenal: ${line.slice(0, 80)}`);
      continue;
    }
    if (m.listed.has(l[2]!)) problem('duplikat', `MANIFEST.txt: ${l[2]} tercantum lebih dari sekali`);
    m.listed.set(l[2]!, l[1]!);
  }
  return m;
}

const readText = async (reader: BundleReader, name: string): Promise<{ text: string; sha256: string }> => {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  for await (const c of (await reader.open(name)) as AsyncIterable<Buffer>) {
    chunks.push(c);
    hash.update(c);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), sha256: hash.digest('hex') };
};

export async function verifyBundle(reader: BundleReader, options: VerifyOptions = {}): Promise<BundleReport> {
  const report = emptyReport(options);
  const problems = report.problems;
  const problem = (kind: ProblemKind, text: string) => problems.push({ kind, text });
  report.files = reader.names.length;
  for (const d of reader.duplicates) problem('duplikat', `${d}: ada lebih dari sekali di ZIP`);

  // --- MANIFEST and the list of files ---
  let manifest: Manifest = { format: null, head: null, count: null, listed: new Map() };
  if (!reader.has('MANIFEST.txt')) problem('berkas', 'MANIFEST.txt tidak ada');
  else manifest = parseManifest((await readText(reader, 'MANIFEST.txt')).text, problem);
  if (reader.has('MANIFEST.txt') && !isBundleFormat(manifest.format)) problem('berkas', `MANIFEST.txt: format ${manifest.format ?? '(tidak ada)'} tidak dikenal (yang dapat diperiksa: ${BUNDLE_FORMATS.join(', ')})`);
  // A file a later format added, absent from an older bundle: not required, and its check named in a note.
  const notInFormat = isBundleFormat(manifest.format) ? filesNotInFormat(manifest.format).filter((f) => !reader.has(f.file)) : [];
  const absentByFormat = new Set(notInFormat.map((f) => f.file));
  for (const name of manifest.listed.keys()) if (!reader.has(name)) problem('berkas', `${name}: tercantum di MANIFEST tetapi tidak ada di bundel`);
  for (const name of reader.names) if (name !== 'MANIFEST.txt' && !manifest.listed.has(name)) problem('berkas', `${name}: ada di bundel tetapi tidak tercantum di MANIFEST`);
  const journals = reader.names.filter((n) => JOURNAL_NAME.test(n));
  if (journals.length !== 1) problem('berkas', journals.length === 0 ? 'jurnal hledger (jurnal-TAHUN.journal) tidak ada' : `lebih dari satu jurnal hledger: ${journals.join(', ')}`);
  for (const name of REQUIRED_FILES) if (!reader.has(name) && !absentByFormat.has(name)) problem('berkas', `${name}: berkas wajib tidak ada di bundel`);
  const evidenceNames = new Map<string, string>();
  for (const name of reader.names) {
    const ev = EVIDENCE_NAME.exec(name);
    if (ev) {
      if (evidenceNames.has(ev[1]!)) problem('duplikat', `berkas bukti ${ev[1]!.slice(0, 16)}… ada lebih dari sekali (${evidenceNames.get(ev[1]!)}, ${name})`);
      evidenceNames.set(ev[1]!, name);
    } else if (!REQUIRED_FILES.includes(name) && !OPTIONAL_FILES.has(name) && !JOURNAL_NAME.test(name) && !BATCH_NAME.test(name)) {
      problem('berkas', `${name}: berkas yang tidak dikenal dalam bundel format ${manifest.format ?? '?'}`);
    }
  }
  const hashed = new Set<string>();
  /** A file read to its end: its hash against the MANIFEST. */
  const checked = (name: string, sha256: string | null) => {
    hashed.add(name);
    const expected = manifest.listed.get(name);
    if (sha256 !== null && expected !== undefined && expected !== sha256) problem('berkas', `${name}: isi berubah (SHA-256 tidak sama dengan MANIFEST)`);
  };
  const has = (name: string) => reader.has(name);

  // --- checkpoints and keys ---
  const keysInBundle = has('kunci-publik.pem') ? await readText(reader, 'kunci-publik.pem') : null;
  if (keysInBundle) checked('kunci-publik.pem', keysInBundle.sha256);
  const bundleKeys = pemBlocks(keysInBundle?.text ?? '');
  const trusted = options.publicKeys ? options.publicKeys.flatMap(pemBlocks) : bundleKeys;
  for (const k of trusted) {
    try {
      keyIdOf(k);
    } catch {
      problem('titik-periksa', 'kunci publik tidak dapat dibaca (bukan PEM Ed25519)');
    }
  }
  const checkpoints: SignedCheckpoint[] = [];
  if (has('checkpoints.jsonl')) {
    const cp = await readText(reader, 'checkpoints.jsonl');
    checked('checkpoints.jsonl', cp.sha256);
    for (const line of cp.text.split('\n').filter(Boolean)) {
      try {
        checkpoints.push(JSON.parse(line) as SignedCheckpoint);
      } catch {
        problem('titik-periksa', `checkpoints.jsonl: baris bukan JSON: ${line.slice(0, 60)}`);
      }
    }
  }
  report.checkpoints = checkpoints.length;
  for (const c of checkpoints) for (const p of checkpointProblems(c, safeKeys(trusted))) problem('titik-periksa', p);
  for (const p of checkpointChainProblems(checkpoints)) problem('titik-periksa', p);
  const end = checkpoints.at(-1) ?? null;
  // The MANIFEST's format line is not signed: the note gives the signed export time, so a bundle relabelled as older can be told apart.
  for (const f of notInFormat) {
    report.notes.push(
      `format ${manifest.format}: ${f.file} belum ada pada versi format ini (baru sejak ${f.since}), jadi ${f.check} tidak termasuk dalam pemeriksaan bundel ini. ` +
        `Bukan kesalahan bundel lama; titik periksa ekspornya ditandatangani ${end?.signedAt ?? '(tidak ada)'}. Bundel yang diunduh sekarang berformat ${BUNDLE_FORMAT} dan memuatnya: minta yang baru bila pemeriksaan itu diperlukan.`,
    );
  }
  if (!end) problem('titik-periksa', 'tidak ada titik periksa bertanda tangan (checkpoints.jsonl kosong atau tidak ada)');
  else {
    report.chainHead = end.head;
    report.entryCount = end.entryCount;
    if (manifest.head !== end.head) problem('rantai', `MANIFEST.txt: kepala rantai ${manifest.head ?? '(tidak ada)'} tidak sama dengan titik periksa akhir (${end.head})`);
    if (manifest.count !== end.entryCount) problem('rantai', `MANIFEST.txt: jumlah jurnal ${manifest.count ?? '(tidak ada)'} tidak sama dengan titik periksa akhir (${end.entryCount})`);
  }
  /** Heads the chain must have at given counts: every checkpoint, and every anchor with a count. */
  const mustHave = new Map<number, Array<{ head: string; what: string; anchor?: Anchor }>>();
  const want = (count: number, head: string, what: string, anchor?: Anchor) => mustHave.set(count, [...(mustHave.get(count) ?? []), { head, what, anchor }]);
  for (const c of checkpoints) want(c.entryCount, c.head, `titik periksa #${c.seq}`);
  const anchorsWithoutCount: Array<{ anchor: Anchor; text: string; found: boolean }> = [];
  const matched = new Set<Anchor>();
  for (const text of options.anchors ?? []) {
    const a = parseAnchor(text);
    if (!a) {
      problem('jangkar', `jangkar "${text.slice(0, 40)}" tidak dapat dibaca`);
      continue;
    }
    if (a.checkpoint) for (const p of checkpointProblems(a.checkpoint, safeKeys(trusted))) problem('jangkar', `jangkar: ${p}`);
    if (a.entryCount === null) anchorsWithoutCount.push({ anchor: a, text, found: false });
    else want(a.entryCount, a.head, `jangkar ${a.head.slice(0, 16)}…#${a.entryCount}`, a);
  }

  // --- the chain, the exact entries and their copies, in one pass ---
  const digest = new EntryDigest();
  const copies = checkCopies(reader, digest, problem, checked, journals.length === 1 ? journals[0]! : null);
  await copies.start();
  const chainOk = has('chain.csv') && has('journal.jsonl');
  if (chainOk) {
    const chain = await CsvReader.open(await reader.open('chain.csv'));
    const jsonl = new LineReader(await reader.open('journal.jsonl'));
    if (chain.header?.join(',') !== 'id,prev_hash,hash,in_scope') problem('rantai', `chain.csv: kepala kolom ${chain.header?.join(',') ?? '(kosong)'} tidak dikenal`);
    let expectedId: number | null = null;
    let prevHash = '';
    let firstId: number | null = null;
    let lastId: number | null = null;
    let pending: { line: string; id: number } | null | undefined;
    let lastJsonlId = 0;
    const nextLine = async () => {
      if (pending === undefined) {
        const line = await jsonl.next();
        pending = line === null ? null : { line, id: idOfLine(line) };
      }
      return pending;
    };
    const seenIds = new Set<number>();
    for (let rec = await chain.next(); rec !== null; rec = await chain.next()) {
      const [idText, prev, hash, inScope] = rec.fields;
      const id = Number(idText);
      if (!Number.isSafeInteger(id) || id < 1 || !HEX64.test(prev ?? '') || !HEX64.test(hash ?? '') || (inScope !== '0' && inScope !== '1') || rec.fields.length !== 4) {
        problem('rantai', `chain.csv baris ${chain.lines.lineNo}: tidak sah (${rec.raw.slice(0, 80)})`);
        continue;
      }
      report.links += 1;
      if (firstId === null) {
        firstId = id;
        // The range starts after a checkpoint (its head is this row's prev), or at entry 1 (genesis).
        prevHash = id === 1 ? GENESIS_HASH : (checkpoints.find((c) => c.entryCount === id - 1)?.head ?? '');
        if (id !== 1 && prevHash === '') problem('rantai', `chain.csv mulai di jurnal #${id}, tetapi tidak ada titik periksa di jurnal #${id - 1} (awal rentang tidak terjangkar)`);
        expectedId = id;
      }
      if (seenIds.has(id) || id < expectedId!) problem('duplikat', `chain.csv: jurnal #${id} muncul lagi atau tidak berurutan`);
      else if (id > expectedId!) problem('rantai', `chain.csv bolong: jurnal #${expectedId}${id - 1 > expectedId! ? `–#${id - 1}` : ''} tidak ada (rantai tidak boleh berlubang)`);
      seenIds.add(id);
      if (prevHash !== '' && prev !== prevHash) problem('rantai', `jurnal #${id}: prev_hash tidak sama dengan hash jurnal sebelumnya di chain.csv (ada jurnal dihapus, disisipkan atau diubah)`);
      for (const w of mustHave.get(id - 1) ?? []) if (id - 1 === firstId - 1 && !prev!.startsWith(w.head)) problem(w.anchor ? 'jangkar' : 'rantai', `${w.what} tidak cocok dengan awal rantai di bundel (prev_hash jurnal #${id})`);
      else if (id - 1 === firstId - 1 && w.anchor) matched.add(w.anchor);
      for (const w of mustHave.get(id) ?? []) {
        if (w.anchor ? !anchorMatches(w.anchor, hash!) : hash !== w.head) problem(w.anchor ? 'jangkar' : 'rantai', `${w.what} tidak cocok dengan rantai di bundel (hash jurnal #${id} ${hash!.slice(0, 16)}…)`);
        else if (w.anchor) matched.add(w.anchor);
      }
      for (const a of anchorsWithoutCount) if (hash!.startsWith(a.anchor.head)) a.found = true;
      prevHash = hash!;
      expectedId = Math.max(expectedId!, id + 1);
      lastId = id;
      // The journal.jsonl lines below this id have no link in chain.csv.
      for (let p = await nextLine(); p !== null && p.id < id; p = await nextLine()) {
        problem(p.id === lastJsonlId ? 'duplikat' : 'rantai', p.id === lastJsonlId ? `journal.jsonl: jurnal #${p.id} tertulis lebih dari sekali` : `journal.jsonl: jurnal #${p.id} tidak ada di chain.csv sebagai jurnal dalam cakupan`);
        lastJsonlId = p.id;
        pending = undefined;
      }
      const p = await nextLine();
      if (inScope === '0') {
        if (p && p.id === id) {
          problem('rantai', `journal.jsonl memuat jurnal #${id}, padahal chain.csv menandainya di luar cakupan`);
          pending = undefined;
        }
        continue;
      }
      if (!p || p.id !== id) {
        problem('rantai', `jurnal #${id}: dalam cakupan menurut chain.csv tetapi tidak ada di journal.jsonl`);
        continue;
      }
      pending = undefined;
      lastJsonlId = id;
      report.entries += 1;
      const recomputed = createHash('sha256').update(prev!).update('\n').update(p.line).digest('hex');
      if (recomputed !== hash) problem('rantai', `jurnal #${id}: hash baris journal.jsonl (${recomputed.slice(0, 16)}…) tidak sama dengan chain.csv (${hash!.slice(0, 16)}…): isinya diubah`);
      const parsed = entryFromCanonical(p.line);
      if ('problem' in parsed) {
        problem('jurnal', `journal.jsonl jurnal #${id}: ${parsed.problem}`);
        continue;
      }
      const e = parsed.entry;
      if (canonical(e) !== p.line) problem('jurnal', `journal.jsonl jurnal #${id}: bukan teks kanonik (spasi, urutan atau bentuk berbeda)`);
      balanceProblems(e).forEach((t) => problem('jurnal', `jurnal #${id}: ${t}`));
      report.postings += e.postings.length;
      await copies.entry(e, prev!, hash!);
    }
    for (let p = await nextLine(); p !== null; pending = undefined, p = await nextLine()) {
      problem(p.id === lastJsonlId ? 'duplikat' : 'rantai', p.id === lastJsonlId ? `journal.jsonl: jurnal #${p.id} tertulis lebih dari sekali` : `journal.jsonl: jurnal #${p.id} di luar rentang chain.csv`);
      lastJsonlId = p.id;
    }
    if (jsonl.unterminated) problem('jurnal', 'journal.jsonl: baris terakhir tidak diakhiri baris baru (berkas terpotong?)');
    checked('journal.jsonl', jsonl.sha256);
    checked('chain.csv', chain.lines.sha256);
    if (firstId === null && (end?.entryCount ?? 0) > 0) problem('rantai', 'chain.csv kosong');
    if (end && lastId !== end.entryCount) problem('rantai', `chain.csv berakhir di jurnal #${lastId ?? 0}, titik periksa akhir di jurnal #${end.entryCount} (jurnal terakhir dibuang atau ditambah)`);
    if (end && lastId !== null && prevHash !== end.head) problem('rantai', `hash terakhir chain.csv ${prevHash.slice(0, 16)}… tidak sama dengan kepala rantai bertanda tangan ${end.head.slice(0, 16)}…`);
    for (const [count, list] of mustHave) {
      for (const w of list) {
        const inRange = firstId !== null && lastId !== null && count >= firstId - 1 && count <= lastId;
        if (!inRange && w.anchor) problem('jangkar', `${w.what}: di luar rentang rantai bundel (jurnal #${(firstId ?? 1) - 1}–#${lastId ?? 0}), tidak dapat dicocokkan`);
      }
    }
  }
  for (const a of anchorsWithoutCount) {
    if (a.found) matched.add(a.anchor);
    else problem('jangkar', `jangkar ${a.anchor.head.slice(0, 16)}… tidak ditemukan di rantai bundel`);
  }
  report.anchorsMatched = matched.size;
  await copies.finish();
  const trail: TrailAudit[] = [];
  const submissions: SubmissionAudit[] = [];
  const audit = await checkAuditLog(reader, end, problem, (row) => {
    const t = trailAuditOf(row);
    if (t) trail.push(t);
    const a = submissionAuditOf(row);
    if (a) submissions.push(a);
  });
  copies.dossierTrail(trail, submissions, !absentByFormat.has('pre-dossier-plans.csv'));
  if (audit.sha256) checked('audit-log.jsonl', audit.sha256);
  report.auditRows = audit.rows;

  // --- evidence and the other files: hashed as they stream ---
  const referenced = copies.referencedEvidence();
  // Several files in flight: small files come whole from the reader's cached blocks, larger ones stream from the disk.
  const queue = [...evidenceNames];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const [sha, name] = next;
        const sha256 = await reader.sha256(name);
        checked(name, sha256);
        report.evidence += 1;
        if (sha256 !== sha) problem('bukti', `${name}: isinya bukan berkas ${sha.slice(0, 16)}… (SHA-256 isi ${sha256.slice(0, 16)}…): foto atau nota diganti`);
        if (!referenced.has(sha)) problem('bukti', `${name}: tidak dirujuk kuitansi atau rencana mana pun`);
      }
    }),
  );
  for (const sha of referenced) if (!evidenceNames.has(sha)) problem('bukti', `berkas bukti ${sha.slice(0, 16)}… dirujuk (${copies.referenceOf(sha)}) tetapi tidak ada di bundel`);
  for (const name of reader.names) if (!hashed.has(name) && name !== 'MANIFEST.txt') checked(name, (await streamSha256(await reader.open(name))).sha256);
  report.ok = problems.length === 0;
  return report;
}

/** The id a journal.jsonl line names (its second element), read without parsing the whole line. */
function idOfLine(line: string): number {
  const m = /^\[[12],(\d+),/.exec(line);
  return m ? Number(m[1]) : -1;
}

function balanceProblems(e: HashableEntry): string[] {
  if (e.postings.length < 2) return ['kurang dari dua baris posting'];
  if (e.postings.some((p) => !Number.isSafeInteger(p.amount) || p.amount === 0)) return ['ada posting bernilai nol atau bukan bilangan bulat'];
  const sum = e.postings.reduce((a, p) => a + p.amount, 0);
  return sum === 0 ? [] : [`tidak seimbang (selisih ${sum})`];
}

/** The PEM blocks of a text (every public key ever used, concatenated). */
export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g)?.map((b) => `${b}\n`) ?? [];
}

/** Keys that parse (a broken one is reported once, above). */
function safeKeys(keys: string[]): string[] {
  return keys.filter((k) => {
    try {
      keyIdOf(k);
      return true;
    } catch {
      return false;
    }
  });
}
