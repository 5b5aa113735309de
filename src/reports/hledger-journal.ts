/**
 * The ledger as a plain-text journal that hledger (and ledger-cli) read: one transaction per
 * entry, amounts in whole rupiah with the commodity IDR, and the entry's id, business event,
 * actor, recording time and hash as tags, so an auditor can check it without our database.
 *
 * Invariants:
 * - `hledger -f FILE bal` prints exactly the app's trial balance for the same scope;
 * - `hledger check -s` passes: the commodity and every account posted to are declared, each with
 *   its type (aset A, beban X, ekuitas E), in a block written after the entries (one pass: the
 *   names are collected while the entries stream, so memory grows with the accounts, not the entries);
 * - `hledger check ordereddates` passes: entries come in chain order (id), and the primary date is
 *   the day the entry was recorded (WIB), never earlier than the entry before it in the file;
 * - the business date (what the app's BKU, SPJ and LPJ go by) is hledger's secondary date, so
 *   `hledger --date2` reports agree with the app's reports by date;
 * - descriptions never break the format (no newlines, no `;` comment starts, no `|`).
 */
import { todayWib } from '../domain/calendar';
import type { PostedEntry } from '../domain/ledger/entry';

const clean = (t: string) => t.replace(/[\r\n\t]+/g, ' ').replace(/[;|]/g, ',').trim();
const tag = (t: string) => t.replace(/[,\r\n]/g, ' ').trim();

/** hledger's account types by the chart's top-level account (src/domain/ledger/accounts.ts). */
const ACCOUNT_TYPES: Record<string, string> = { aset: 'A', kewajiban: 'L', ekuitas: 'E', pendapatan: 'R', beban: 'X' };

export function accountType(account: string): string {
  const type = ACCOUNT_TYPES[account.split(':')[0]!];
  // A new top-level account needs its type here first: a journal hledger -s refuses is no export.
  if (!type) throw new Error(`akun ${account}: jenis akun hledger tidak dikenal`);
  return type;
}

export interface JournalFacts {
  year: number;
  scope: string;
  generatedAt: string;
  chainHead: string;
}

/**
 * Writes one journal in one pass: header(), entry() per entry in id order, then declarations().
 * Holds only the set of account names used and the last primary date.
 */
export class HledgerJournal {
  private readonly accounts = new Set<string>();
  private lastDate = '';

  constructor(private readonly facts: JournalFacts) {}

  header(): string {
    const o = this.facts;
    return [
      `; Dana RT — jurnal umum tahun program ${o.year}, cakupan: ${o.scope}`,
      `; dibuat ${o.generatedAt}; kepala rantai hash saat ekspor: ${o.chainHead}`,
      '; jumlah dalam rupiah utuh (IDR); setiap transaksi membawa tag id, event, ref, actor, recorded, hash, prev',
      ';',
      '; Dua tanggal per transaksi: TANGGAL-DICATAT=TANGGAL-TRANSAKSI.',
      ';  - tanggal pertama (primer): hari jurnal dicatat di server (WIB), transaksi berurutan menurut',
      ';    rantai hash (id naik); bila jam server pernah mundur, tanggal jurnal sebelumnya dipakai',
      ';    (waktu catat persis ada di tag recorded). hledger check ordereddates memeriksa tanggal ini.',
      ';  - tanggal kedua (date2): tanggal transaksi (tanggal kuitansi, pencairan, transfer, penutupan',
      ';    tahun), tanggal yang dipakai BKU, SPJ dan LPJ aplikasi: pakai hledger --date2, mis.',
      ';    hledger -f BERKAS bal --date2 -e 2026-09-01',
      '; Semua akun dideklarasikan beserta jenisnya (A aset, X beban, E ekuitas) di akhir berkas.',
      '',
      'commodity IDR',
      'account aset      ; type: A',
      'account beban     ; type: X',
      'account ekuitas   ; type: E',
      '',
    ].join('\n');
  }

  entry(e: PostedEntry): string {
    const recorded = todayWib(new Date(e.recordedAt));
    if (recorded > this.lastDate) this.lastDate = recorded;
    const tags = [`id:${e.id}`, `event:${e.eventType}`, `ref:${tag(e.eventRef)}`, `actor:${tag(e.actor)}`, `recorded:${tag(e.recordedAt)}`, `hash:${e.hash}`, `prev:${e.prevHash}`];
    if (e.reversesEntryId) tags.push(`reverses:${e.reversesEntryId}`);
    const width = Math.max(...e.postings.map((p) => p.account.length)) + 4;
    const lines = [`${this.lastDate}=${e.occurredOn} * ${clean(e.description)}  ; ${tags.join(', ')}`];
    if (e.reason) lines.push(`    ; alasan: ${clean(e.reason)}`);
    for (const p of e.postings) {
      this.accounts.add(p.account);
      lines.push(`    ${p.account.padEnd(width)}${String(p.amount).padStart(16)} IDR`);
    }
    return `${lines.join('\n')}\n\n`;
  }

  /** Every account the entries posted to, sorted, with its type: the end of the file. */
  declarations(): string {
    const names = [...this.accounts].sort();
    const width = Math.max(0, ...names.map((n) => n.length)) + 2;
    const lines = ['; Akun yang dipakai jurnal di atas, dengan jenisnya (hledger check -s).', ...names.map((n) => `account ${n.padEnd(width)}; type: ${accountType(n)}`)];
    return `${lines.join('\n')}\n`;
  }
}
