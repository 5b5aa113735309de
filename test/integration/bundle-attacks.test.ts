/**
 * The attack table of issue 16 for bundles: each way a dishonest insider reworks a bundle (on a
 * copy of a real one, the MANIFEST put back in line every time), the command that must catch it
 * and the message it prints. None passes. The CLI itself runs on two of them (its exit code, its
 * counts per kind and the full list written beside the bundle).
 *
 * One receipt of the bundle is bound by chain version 2 facts (its RT, date, texts and evidence
 * hashes in the hash), as decide-receipt will post it once the facts are wired into the use cases:
 * the fixture posts it that way, so the swapped-evidence row has facts to hold receipts.csv against.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportAuditBundle } from '../../src/app/export-bundle';
import { checkpointsForExport } from '../../src/app/checkpoints';
import { postEntry } from '../../src/app/post-entry';
import { statementPdf } from '../../src/reports/statement-pdf';
import { readZip, verifyBundleFile, verifyBundleFiles, type BundleReport, type VerifyOptions } from '../../src/app/verify-bundle';
import { shortCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint';
import { receiptFacts } from '../../src/domain/ledger/entry-facts';
import { rtCashAccount, rtSpendingAccount } from '../../src/domain/ledger/accounts';
import { entryHash, type HashableEntry } from '../../src/domain/ledger/hash-chain';
import { seededServices, tempDbPath, type Services } from '../helpers/db';
import { chainRows, entriesOf, fixManifest, rehash, resignWithOtherKey, text, writeChain, writeZip, type Bundle } from '../helpers/bundle';
import { runScript } from '../helpers/scripts';
import { parseCsvRecord } from '../../src/app/bundle-reader';
import { csvRow } from '../../src/reports/csv-writer';
import { issueDocumentNumber } from '../../src/app/document-numbers';

const PLEBURAN = '3374050005';
let s: Services;
let zipFile: string;
let fresh: Bundle;
let publicKeyPem: string;
let end: SignedCheckpoint;
/** The receipt bound by facts, and another receipt with evidence. */
let bound: { id: number; entryId: number };
let other: number;

/** Verifies a receipt the way chain version 2 posts it: its facts in the entry (see the file's comment). */
function verifyWithFacts(s: Services, receiptId: number): number {
  const r = s.db.sqlite
    .prepare(
      `SELECT r.id, r.rt_id AS rtId, r.year, r.date, r.category, r.description, r.vendor, r.nota_number AS notaNumber, r.amount,
              rt.kelurahan_code AS kelurahanCode, rt.number AS rtNumber, rw.number AS rwNumber
       FROM receipts r JOIN rt ON rt.id = r.rt_id JOIN rw ON rw.id = rt.rw_id WHERE r.id = ?`,
    )
    .get(receiptId) as { id: number; rtId: number; year: number; date: string; category: string; description: string; vendor: string; notaNumber: string | null; amount: number; kelurahanCode: string; rtNumber: number; rwNumber: number };
  const evidence = (s.db.sqlite.prepare(`SELECT sha256 FROM receipt_files WHERE receipt_id = ?`).pluck().all(receiptId) as string[]).sort();
  const ref = { kelurahanCode: r.kelurahanCode, rwNumber: r.rwNumber, rtNumber: r.rtNumber };
  return s.db.transaction(() => {
    const { entry } = postEntry(s, {
      year: r.year,
      eventType: 'receipt',
      eventRef: `receipt:${r.id}`,
      description: `${r.description} (${r.vendor})`,
      actor: 'user:test',
      occurredOn: r.date,
      idempotencyKey: `receipt:${r.id}:verify`,
      postings: [
        { account: rtSpendingAccount(ref, r.category), amount: r.amount },
        { account: rtCashAccount(ref), amount: -r.amount },
      ],
      facts: receiptFacts({ ...r, evidence }),
    });
    s.receipts.update(r.id, { status: 'verified', decidedAt: s.now().toISOString(), entryId: entry.id });
    return entry.id;
  });
}

beforeAll(async () => {
  s = await seededServices(() => new Date('2026-11-28T03:00:00Z'));
  const pending = s.db.sqlite
    .prepare(
      `SELECT r.id FROM receipts r JOIN rt ON rt.id = r.rt_id WHERE rt.kelurahan_code = ? AND rt.kind = 'rt' AND r.year = 2026 AND r.status = 'pending'
       AND EXISTS (SELECT 1 FROM receipt_files f WHERE f.receipt_id = r.id) ORDER BY r.id LIMIT 1`,
    )
    .pluck()
    .get(PLEBURAN) as number;
  bound = { id: pending, entryId: verifyWithFacts(s, pending) };
  other = s.db.sqlite
    .prepare(
      `SELECT r.id FROM receipts r JOIN rt ON rt.id = r.rt_id WHERE rt.kelurahan_code = ? AND rt.kind = 'rt' AND r.year = 2026 AND r.status = 'verified' AND r.id <> ?
       AND EXISTS (SELECT 1 FROM receipt_files f WHERE f.receipt_id = r.id) ORDER BY r.id LIMIT 1`,
    )
    .pluck()
    .get(PLEBURAN, pending) as number;
  // Three SPJ numbers issued by Pleburan's office, as three downloads would (the bundle carries them).
  s.db.transaction(() => {
    for (const month of ['2026-08', '2026-09', '2026-10']) issueDocumentNumber(s, null, { kelurahanCode: PLEBURAN, kind: 'SPJ', year: 2026, unit: 'RT001-RW001', docKey: `spj:attack:${month}` });
  });
  zipFile = `${tempDbPath()}.zip`;
  const out = fs.createWriteStream(zipFile);
  const closed = new Promise<void>((r) => out.on('close', () => r()));
  await exportAuditBundle(s, { year: 2026, kelurahanCode: PLEBURAN }, out);
  await closed;
  const cps = checkpointsForExport(s, 'ekspor');
  publicKeyPem = cps.publicKeysPem;
  end = cps.end;
  fresh = await readZip(zipFile);
  // The statement as a forger would print it: one RT's allocation lowered by Rp1.000.000 (its cash raised to match).
  const balances = text(fresh, 'balances.csv').trim().split('\n').slice(1).map((l) => {
    const [name, balance] = l.split(',');
    return { name: name!, balance: Number(balance) };
  });
  const undrawn = balances.find((b) => b.name.endsWith(':alokasi') && b.balance > 1_000_000)!;
  forgedStatement = await statementPdf({ year: 2026 }, {
    label: 'Kelurahan Pleburan', chainHead: end.head, entries: 0, journal: [], receiptCount: 0, receipts: [],
    balances: balances.map((b) => (b === undrawn ? { ...b, balance: b.balance - 1_000_000 } : b)).filter((b) => b.balance !== 0),
  });
});
let forgedStatement: Buffer;

const copy = () => new Map(fresh);
const outOfScope = (id: number): HashableEntry => s.ledger.findById(id)!;
const problemsOf = (r: BundleReport) => r.problems.map((p) => p.text).join('\n');

/** An entry of the bundle in scope whose id is neither first nor last, and a receipt row of receipts.csv as fields. */
const middleEntry = (files: Bundle) => {
  const rows = chainRows(files);
  const inScope = rows.filter((r) => r.inScope);
  return inScope[Math.floor(inScope.length / 2)]!;
};
const dropEntries = (files: Bundle, ids: number[]) => {
  const drop = new Set(ids);
  const rows = chainRows(files).filter((r) => !drop.has(r.id));
  const entries = new Map(entriesOf(files).filter((e) => !drop.has(e.id)).map((e) => [e.id, e]));
  return writeChain(files, rows, entries);
};
const csvEdit = (files: Bundle, name: string, edit: (t: string) => string) => {
  const before = text(files, name);
  const after = edit(before);
  expect(after, `${name} unchanged by the edit`).not.toBe(before);
  files.set(name, Buffer.from(after));
  return fixManifest(files);
};

const editAuditLines = (files: Bundle, edit: (lines: string[]) => string[]) => {
  files.set('audit-log.jsonl', Buffer.from(`${edit(text(files, 'audit-log.jsonl').split('\n').filter(Boolean)).join('\n')}\n`));
  return fixManifest(files);
};

/** The SHA-256 of a dossier file the bundle carries (plan-documents.csv's first row). */
const dossierSha = (files: Bundle) => /,([0-9a-f]{64}),/.exec(text(files, 'plan-documents.csv').split('\n')[1]!)![1]!;
const DOSSIER_MISSING = /berkas bukti [0-9a-f]{16}… dirujuk \(rencana \d+ \(berkas \w+\)\) tetapi tidak ada di bundel/;
const DOSSIER_SWAPPED = /evidence\/[0-9a-f]{64}\.pdf: isinya bukan berkas [0-9a-f]{16}… \(SHA-256 isi [0-9a-f]{16}…\)/;

interface Attack {
  what: string;
  command: 'verify-bundle' | 'verify-bundle --public-key' | 'verify-bundle --anchor';
  tamper: () => Bundle | { files: Bundle; options: VerifyOptions };
  message: RegExp;
}

const ATTACKS: Attack[] = [
  {
    what: 'a consistent rewrite: an allocation amount changed, every later hash, the copies, balances.csv, rt-summary.csv and the MANIFEST recomputed',
    command: 'verify-bundle',
    tamper: () => {
      const target = entriesOf(fresh).find((e) => e.eventType === 'allocation' && e.postings.some((p) => p.amount === 25_000_000))!.id;
      return rehash(copy(), outOfScope, (e) => (e.id === target ? { ...e, postings: e.postings.map((p) => ({ ...p, amount: Math.sign(p.amount) * 26_000_000 })) } : e));
    },
    message: /hash terakhir chain\.csv [0-9a-f]{16}… tidak sama dengan kepala rantai bertanda tangan/,
  },
  { what: 'the last entry dropped (chain, journal, copies, MANIFEST)', command: 'verify-bundle', tamper: () => dropEntries(copy(), chainRows(fresh).slice(-1).map((r) => r.id)), message: /chain\.csv berakhir di jurnal #\d+, titik periksa akhir di jurnal #\d+/ },
  { what: 'the last 5 entries dropped', command: 'verify-bundle', tamper: () => dropEntries(copy(), chainRows(fresh).slice(-5).map((r) => r.id)), message: /chain\.csv berakhir di jurnal #\d+, titik periksa akhir/ },
  { what: 'a middle entry dropped, nothing re-hashed', command: 'verify-bundle', tamper: () => dropEntries(copy(), [middleEntry(fresh).id]), message: /chain\.csv bolong: jurnal #\d+ tidak ada/ },
  {
    what: 'a middle entry dropped from journal.jsonl and its copies only, its link kept',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const id = middleEntry(fresh).id;
      const entries = new Map(entriesOf(files).filter((e) => e.id !== id).map((e) => [e.id, e]));
      const rows = chainRows(files);
      writeChain(files, rows, new Map([...entries, [id, entriesOf(fresh).find((e) => e.id === id)!]]));
      files.set('journal.jsonl', Buffer.from(text(files, 'journal.jsonl').split('\n').filter((l) => !l.startsWith(`[2,${id},`) && !l.startsWith(`[1,${id},`)).join('\n')));
      return fixManifest(files);
    },
    message: /dalam cakupan menurut chain\.csv tetapi tidak ada di journal\.jsonl/,
  },
  {
    what: "a receipt's entry hidden by marking its link out of scope (chain intact, journal.jsonl and copies without it)",
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const entryId = Number(/^\d+,(?:[^,]*,){9}(\d+)/m.exec(text(files, 'receipts.csv').split('\n').find((l) => l.startsWith(`${other},`))!)?.[1] ?? NaN);
      const rows = chainRows(files).map((r) => (r.id === entryId ? { ...r, inScope: false } : r));
      expect(rows.some((r) => r.id === entryId)).toBe(true);
      return writeChain(files, rows, new Map(entriesOf(files).map((e) => [e.id, e])));
    },
    message: /kuitansi \d+: berstatus verified tetapi jurnalnya #\d+ tidak ada di journal\.jsonl/,
  },
  {
    what: "a tranche's entry hidden the same way",
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const tranche = text(files, 'tranches.csv').split('\n')[1]!.split(',');
      const entryId = Number(tranche[12]);
      const rows = chainRows(files).map((r) => (r.id === entryId ? { ...r, inScope: false } : r));
      return writeChain(files, rows, new Map(entriesOf(files).map((e) => [e.id, e])));
    },
    message: /pencairan \d+: entry_id #\d+ tidak ada di journal\.jsonl/,
  },
  {
    what: 'a fabricated receipt entry, properly chained, appended',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const rows = chainRows(files);
      const entries = new Map(entriesOf(files).map((e) => [e.id, e]));
      const model = [...entries.values()].find((e) => e.eventType === 'receipt')!;
      const last = rows.at(-1)!;
      const fake: HashableEntry = { ...model, id: last.id + 1, eventRef: 'receipt:999999', idempotencyKey: 'receipt:999999:verify', description: 'Belanja fiktif' };
      entries.set(fake.id, fake);
      rows.push({ id: fake.id, prev: last.hash, hash: entryHash(last.hash, fake), inScope: true });
      return writeChain(files, rows, entries);
    },
    message: /chain\.csv berakhir di jurnal #\d+, titik periksa akhir di jurnal #\d+ \(jurnal terakhir dibuang atau ditambah\)/,
  },
  { what: "the MANIFEST's chain head replaced with ffff…", command: 'verify-bundle', tamper: () => fixManifest(copy(), { head: 'f'.repeat(64) }), message: /MANIFEST\.txt: kepala rantai f{64} tidak sama dengan titik periksa akhir/ },
  {
    what: "two receipts' evidence references swapped in receipts.csv",
    command: 'verify-bundle',
    tamper: () =>
      csvEdit(copy(), 'receipts.csv', (t) => {
        const lines = t.split('\n');
        const a = lines.findIndex((l) => l.startsWith(`${bound.id},`));
        const b = lines.findIndex((l) => l.startsWith(`${other},`));
        const files = (l: string) => /([0-9a-f]{64}:[a-z_]+(?: [0-9a-f]{64}:[a-z_]+)*)/.exec(l)![1]!;
        const fa = files(lines[a]!);
        const fb = files(lines[b]!);
        lines[a] = lines[a]!.replace(fa, fb);
        lines[b] = lines[b]!.replace(fb, fa);
        return lines.join('\n');
      }),
    message: /kuitansi \d+: berbeda dari fakta yang diikat hash jurnal #\d+: berkas bukti/,
  },
  {
    what: 'a nota photo replaced (same name, other bytes)',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const name = [...files.keys()].find((n) => n.startsWith('evidence/'))!;
      files.set(name, Buffer.concat([files.get(name)!, Buffer.from('x')]));
      return fixManifest(files);
    },
    message: /evidence\/[0-9a-f]{64}\.\w+: isinya bukan berkas [0-9a-f]{16}… .*foto atau nota diganti/,
  },
  {
    what: "a receipt's amount edited in receipts.csv",
    command: 'verify-bundle',
    tamper: () =>
      csvEdit(copy(), 'receipts.csv', (t) =>
        t
          .split('\n')
          .map((l) => {
            if (!l.startsWith(`${other},`)) return l;
            const f = parseCsvRecord(l);
            f[8] = String(Number(f[8]) + 1000);
            return csvRow(f).trimEnd();
          })
          .join('\n'),
      ),
    message: /kuitansi \d+: jumlah \d+, di jurnal #\d+ \d+/,
  },
  {
    what: 'statement.pdf replaced by one with a figure changed, its MANIFEST line fixed',
    command: 'verify-bundle',
    tamper: () => fixManifest(new Map(copy()).set('statement.pdf', forgedStatement)),
    message: /statement\.pdf: ringkasan "Alokasi" tertulis [\d.]+, dari posting [\d.]+/,
  },
  // The dossier and the office's numbers (issue 18's records), held against the audit log and their own sequence.
  {
    what: 'plan-documents.csv: a dossier file swapped for another file of the bundle',
    command: 'verify-bundle',
    tamper: () =>
      csvEdit(copy(), 'plan-documents.csv', (t) => {
        const lines = t.split('\n');
        const other = /,([0-9a-f]{64}),/.exec(lines[lines.length - 2]!)![1]!;
        lines[1] = lines[1]!.replace(/,[0-9a-f]{64},/, `,${other},`);
        return lines.join('\n');
      }),
    message: /RAP #\d+: berkas \w+ [0-9a-f]{12}… tidak pernah diunggah menurut log audit/,
  },
  {
    what: 'plan-documents.csv: an uploaded dossier file deleted',
    command: 'verify-bundle',
    tamper: () => csvEdit(copy(), 'plan-documents.csv', (t) => t.split('\n').filter((_l, i) => i !== 1).join('\n')),
    message: /RAP #\d+: log audit #\d+ mencatat unggahan \w+ [0-9a-f]{12}…, tetapi berkas itu tidak ada di berkas RAP/,
  },
  { what: 'document-numbers.csv: a number deleted (a gap in the sequence)', command: 'verify-bundle', tamper: () => csvEdit(copy(), 'document-numbers.csv', (t) => t.split('\n').filter((l) => !l.includes('spj:attack:2026-09')).join('\n')), message: /nomor SPJ kelurahan 3374050005 tahun 2026: nomor urut 2 tidak ada/ },
  {
    what: 'document-numbers.csv: a number duplicated (its sequence number given to a second document)',
    command: 'verify-bundle',
    tamper: () =>
      csvEdit(copy(), 'document-numbers.csv', (t) => {
        const row = t.split('\n').find((l) => l.includes('spj:attack:2026-09'))!;
        return `${t.trimEnd()}\n${row.replace(/^\d+,/, '99999,').replace('spj:attack:2026-09', 'spj:attack:kembar')}\n`;
      }),
    message: /nomor SPJ kelurahan 3374050005 tahun 2026: nomor urut 2 dipakai lebih dari sekali/,
  },
  {
    what: 'evidence/: a dossier file missing from the bundle (MANIFEST fixed)',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const sha = dossierSha(files);
      const name = [...files.keys()].find((n) => n.startsWith(`evidence/${sha}.`))!;
      files.delete(name);
      return fixManifest(files);
    },
    message: DOSSIER_MISSING,
  },
  {
    what: 'evidence/: a dossier file’s bytes swapped for another evidence file (MANIFEST fixed)',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      const sha = dossierSha(files);
      const name = [...files.keys()].find((n) => n.startsWith(`evidence/${sha}.`))!;
      const other = [...files.keys()].find((n) => n.startsWith('evidence/') && n !== name)!;
      files.set(name, files.get(other)!);
      return fixManifest(files);
    },
    message: DOSSIER_SWAPPED,
  },
  { what: 'document-numbers.csv: a number rewritten', command: 'verify-bundle', tamper: () => csvEdit(copy(), 'document-numbers.csv', (t) => t.replace(/002\/SPJ\//, '005/SPJ/')), message: /nomor 005\/SPJ\/.+: tidak sesuai dengan nomor urut 2/ },
  { what: 'rt-summary.csv edited', command: 'verify-bundle', tamper: () => csvEdit(copy(), 'rt-summary.csv', (t) => t.replace(/\n(.+?),25000000,/, '\n$1,24000000,')), message: /rt-summary\.csv: angka .+ tidak sama dengan hitungan dari posting/ },
  {
    what: 'the hledger journal edited (one amount)',
    command: 'verify-bundle',
    tamper: () => csvEdit(copy(), 'jurnal-2026.journal', (t) => t.replace(/ 25000000 IDR\n(\s+\S+\s+)-25000000 IDR/, ' 25000100 IDR\n$1-25000100 IDR')),
    message: /jurnal-2026\.journal: transaksi jurnal #\d+ berbeda dari journal\.jsonl/,
  },
  { what: 'journal.jsonl edited (one description)', command: 'verify-bundle', tamper: () => csvEdit(copy(), 'journal.jsonl', (t) => t.replace('Alokasi 2026', 'Alokasi 2O26')), message: /jurnal #\d+: hash baris journal\.jsonl \([0-9a-f]{16}…\) tidak sama dengan chain\.csv/ },
  { what: 'journal.csv edited (one description)', command: 'verify-bundle', tamper: () => csvEdit(copy(), 'journal.csv', (t) => t.replace('Alokasi 2026', 'Alokasi 2O26')), message: /journal\.csv jurnal #\d+: berbeda dari journal\.jsonl \(kolom description\)/ },
  { what: 'postings.csv edited (one amount)', command: 'verify-bundle', tamper: () => csvEdit(copy(), 'postings.csv', (t) => t.replace(',25000000\n', ',25000001\n')), message: /postings\.csv jurnal #\d+ baris \d: berbeda dari journal\.jsonl/ },
  {
    what: 'a file added with its MANIFEST line (an unknown file, and an unreferenced photo)',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      files.set('catatan.txt', Buffer.from('tambahan'));
      const body = Buffer.from('foto lain');
      files.set(`evidence/${createHash('sha256').update(body).digest('hex')}.jpeg`, body);
      return fixManifest(files);
    },
    message: /catatan\.txt: berkas yang tidak dikenal[\s\S]*tidak dirujuk kuitansi atau rencana mana pun/,
  },
  {
    what: 'receipts.csv removed with its MANIFEST line',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      files.delete('receipts.csv');
      return fixManifest(files);
    },
    message: /receipts\.csv: berkas wajib tidak ada di bundel/,
  },
  {
    what: 'every evidence file removed with its MANIFEST line',
    command: 'verify-bundle',
    tamper: () => {
      const files = copy();
      for (const n of [...files.keys()]) if (n.startsWith('evidence/')) files.delete(n);
      return fixManifest(files);
    },
    message: /berkas bukti [0-9a-f]{16}… dirujuk \(kuitansi \d+\) tetapi tidak ada di bundel/,
  },
  {
    what: 'a journal row duplicated (journal.jsonl)',
    command: 'verify-bundle',
    tamper: () =>
      csvEdit(copy(), 'journal.jsonl', (t) => {
        const lines = t.split('\n');
        lines.splice(3, 0, lines[2]!);
        return lines.join('\n');
      }),
    message: /journal\.jsonl: jurnal #\d+ tertulis lebih dari sekali/,
  },
  {
    what: 'a journal row duplicated (journal.csv)',
    command: 'verify-bundle',
    tamper: () =>
      csvEdit(copy(), 'journal.csv', (t) => {
        const lines = t.split('\n');
        lines.splice(3, 0, lines[2]!);
        return lines.join('\n');
      }),
    message: /journal\.csv: baris jurnal #\d+ tertulis lebih dari sekali/,
  },
  {
    what: "an audit-log.jsonl row of the kelurahan rewritten (its canonical text: a bank account change's new number), MANIFEST fixed",
    command: 'verify-bundle',
    tamper: () => editAuditLines(copy(), (lines) => {
      const i = lines.findIndex((l) => l.includes('"canonical"') && l.includes(PLEBURAN) && /\d{10}/.test(l));
      expect(i).toBeGreaterThanOrEqual(0);
      const line = JSON.parse(lines[i]!) as { canonical: string };
      lines[i] = JSON.stringify({ ...line, canonical: line.canonical.replace(/(\d)(\d{9})/, (_m, d: string, rest: string) => `${(Number(d) + 1) % 10}${rest}`) });
      return lines;
    }),
    message: /audit-log\.jsonl baris audit #\d+: hash tidak cocok dengan isi baris \(isi baris audit diubah\)/,
  },
  {
    what: 'an audit-log.jsonl row of the kelurahan deleted (a kelurahan bundle carries every link), MANIFEST fixed',
    command: 'verify-bundle',
    tamper: () => editAuditLines(copy(), (lines) => {
      const i = lines.findIndex((l, k) => k > 5 && l.includes('"canonical"') && l.includes(PLEBURAN));
      expect(i).toBeGreaterThan(0);
      return [...lines.slice(0, i), ...lines.slice(i + 1)];
    }),
    message: /audit-log\.jsonl baris audit #\d+: baris audit #\d+ hilang sebelum baris ini \(dihapus\)/,
  },
  {
    what: 'the end checkpoint signed by another key (kunci-publik.pem replaced too)',
    command: 'verify-bundle --public-key',
    tamper: () => ({ files: resignWithOtherKey(copy()).files, options: { publicKeys: [publicKeyPem] } }),
    message: /titik periksa #\d+: kunci [0-9a-f]{16}… tidak dikenal \(ditandatangani kunci lain\)/,
  },
  {
    what: 'the whole chain rewritten and re-signed, checked against an earlier printed checkpoint',
    command: 'verify-bundle --anchor',
    tamper: () => {
      const rewritten = rehash(copy(), outOfScope, (e) => (e.eventType === 'allocation' ? { ...e, description: `${e.description} (diubah)` } : e));
      return { files: resignWithOtherKey(rewritten).files, options: { anchors: [shortCheckpoint(end)] } };
    },
    message: /jangkar [0-9a-f]{16}…#\d+ tidak cocok dengan rantai di bundel/,
  },
];


describe('bundle attack table (verify-bundle)', () => {
  it('a fresh bundle passes, with --public-key (the right key) and with --anchor (its printed checkpoint) too', async () => {
    expect(problemsOf(await verifyBundleFiles(fresh))).toBe('');
    const r = await verifyBundleFiles(fresh, { publicKeys: [publicKeyPem], anchors: [shortCheckpoint(end), end.head] });
    expect(problemsOf(r)).toBe('');
    expect(r.anchorsMatched).toBe(2);
    expect(r.signaturesAgainst).toBe('given');
    expect(r.entries).toBeGreaterThan(50);
    // The range is the whole chain (no checkpoint before the bundle's first entry): out-of-scope links are in it.
    expect(chainRows(fresh).some((l) => !l.inScope)).toBe(true);
  });

  it.each(ATTACKS.map((a) => [a.what, a] as const))('%s: caught', async (_what, attack) => {
    const t = attack.tamper();
    const { files, options } = t instanceof Map ? { files: t, options: {} } : t;
    const r = await verifyBundleFiles(files, options);
    expect(r.ok, `${attack.command} passed: ${attack.what}`).toBe(false);
    expect(problemsOf(r)).toMatch(attack.message);
  });

  it('a bundle signed by another key passes the self-check only, and the CLI says that proves nothing', async () => {
    const { files } = resignWithOtherKey(copy());
    const cutFile = `${tempDbPath()}.zip`;
    await writeZip(files, cutFile);
    const cli = await runScript('verify-bundle', [cutFile]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('DI DALAM bundel — ini tidak membuktikan apa pun tentang pemilik server');
    const keyFile = `${cutFile}.pem`;
    fs.writeFileSync(keyFile, publicKeyPem);
    const withKey = await runScript('verify-bundle', [cutFile, '--public-key', keyFile]);
    expect(withKey.code).toBe(1);
    expect(withKey.stderr).toMatch(/titik periksa dan tanda tangan: 1/);
  });

  it('a truncated bundle: refused (verify-bundle), the CLI counts per kind and writes the full list beside it', async () => {
    const cut = `${tempDbPath()}.zip`;
    const bytes = fs.readFileSync(zipFile);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r = await verifyBundleFile(cut);
    expect(r.ok).toBe(false);
    expect(problemsOf(r)).toMatch(/bukan ZIP yang utuh \(terpotong atau rusak\)/);
    const cli = await runScript('verify-bundle', [cut]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/RUSAK: 1 masalah\n {2}berkas dan MANIFEST: 1/);
    expect(fs.readFileSync(`${cut}.masalah.txt`, 'utf8')).toMatch(/^\[berkas\] .*terpotong/);
  });

  it('random edits of the bound files (chain, exact entries, copies, balances, evidence), MANIFEST fixed: each refused', async () => {
    const bound = ['journal.jsonl', 'chain.csv', 'journal.csv', 'postings.csv', 'balances.csv', 'rt-summary.csv', 'checkpoints.jsonl', [...fresh.keys()].find((n) => n.startsWith('evidence/'))!];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bound), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 }), async (name, where, xor) => {
        const files = copy();
        const body = Buffer.from(files.get(name)!);
        const at = Math.min(body.length - 1, Math.floor(where * body.length));
        body[at] = body[at]! ^ xor;
        files.set(name, body);
        const r = await verifyBundleFiles(fixManifest(files));
        expect(r.ok, `${name} byte ${at} ^ ${xor} passed`).toBe(false);
      }),
      { seed: 16, numRuns: 40 },
    );
  });
});

describe('audit-log.jsonl of a city bundle (every row with its canonical text): the whole chain from the seal', () => {
  let city: Bundle;
  beforeAll(async () => {
    const file = `${tempDbPath()}.zip`;
    const out = fs.createWriteStream(file);
    const closed = new Promise<void>((r) => out.on('close', () => r()));
    await exportAuditBundle(s, { year: 2026, kelurahanCode: null }, out);
    await closed;
    city = await readZip(file);
  });
  const auditLines = (files: Bundle) => text(files, 'audit-log.jsonl').split('\n').filter(Boolean);
  const withAudit = (lines: string[]) => {
    const files = new Map(city);
    files.set('audit-log.jsonl', Buffer.from(`${lines.join('\n')}\n`));
    return fixManifest(files);
  };
  const endOf = (files: Bundle) => (JSON.parse(text(files, 'checkpoints.jsonl').trim().split('\n').at(-1)!) as SignedCheckpoint);

  it('passes as exported, every row counted', async () => {
    const r = await verifyBundleFiles(city);
    expect(problemsOf(r)).toBe('');
    expect(r.auditRows).toBe(auditLines(city).length);
    expect(endOf(city).auditCount).toBeGreaterThan(10);
  });

  it.each([
    ['a middle row deleted', (l: string[]) => [...l.slice(0, 10), ...l.slice(11)], /audit-log\.jsonl baris audit #12: baris audit #11 hilang sebelum baris ini \(dihapus\)/],
    ['the seal (the chain\'s first row) deleted', (l: string[]) => l.slice(1), /audit-log\.jsonl baris audit #2: baris pertama rantai audit bukan segel \(audit\.seal\): baris awal rantai dihapus/],
    [
      'a row edited (its time in the canonical text)',
      (l: string[]) => l.map((x, i) => (i === 7 ? JSON.stringify({ ...(JSON.parse(x) as object), canonical: (JSON.parse(x) as { canonical: string }).canonical.replace(',"2026-', ',"2025-') }) : x)),
      /audit-log\.jsonl baris audit #8: hash tidak cocok dengan isi baris \(isi baris audit diubah\)/,
    ],
    ['a row\'s canonical text that reads as another row', (l: string[]) => l.map((x, i) => (i === 8 ? JSON.stringify({ ...(JSON.parse(x) as object), canonical: (JSON.parse(x) as { canonical: string }).canonical.replace('["audit/1",9,', '["audit/1",90,') }) : x)), /audit-log\.jsonl baris audit #9: canonical tidak terbaca sebagai baris audit ini/],
    ['a row duplicated', (l: string[]) => [...l.slice(0, 6), l[5]!, ...l.slice(6)], /audit-log\.jsonl baris audit #6: urutan tidak naik \(sesudah #6\)/],
    ['a line that is no JSON', (l: string[]) => [...l.slice(0, 3), '{rusak', ...l.slice(3)], /audit-log\.jsonl baris 4: bukan JSON/],
  ])('%s: caught', async (_what, edit, message) => {
    const r = await verifyBundleFiles(withAudit(edit(auditLines(city))));
    expect(r.ok).toBe(false);
    expect(problemsOf(r)).toMatch(message);
  });

  it('rows cut off the end, up to and past the row the signed checkpoint names: caught', async () => {
    const end = endOf(city);
    const lines = auditLines(city).filter((l) => (JSON.parse(l) as { id: number }).id < end.auditCount);
    const r = await verifyBundleFiles(withAudit(lines));
    expect(r.ok).toBe(false);
    expect(problemsOf(r)).toMatch(new RegExp(`baris audit #${end.auditCount}: tidak ada, padahal titik periksa bertanda tangan mencakup log audit sampai baris itu`));
  });
});
