/**
 * The statement PDF of an audit bundle (statement.pdf): trial balance, per-RT summary, receipt
 * index and journal, the first rows of each; the bundle's CSVs hold them all.
 */
import { figuresPerRt } from '../domain/grants/year-figures';
import { formatNumber } from '../domain/money';
import { pdfBuffer, table, title } from './pdf-doc';

/** The statement PDF lists at most this many receipts and entries; the CSVs hold them all. */
export const PDF_LIST_LIMIT = 3000;

/**
 * The trial balance as the PDF shows it: every account for a small scope; for a big one (a
 * city has ~90k accounts) the RT accounts summed by kind, the city's own accounts in full.
 * balances.csv always has every account.
 */
function pdfTrialBalance(balances: Array<{ name: string; balance: number }>): { rows: string[][]; summarised: boolean } {
  if (balances.length <= 400) return { rows: balances.map((b) => [b.name, formatNumber(b.balance)]), summarised: false };
  const sums = new Map<string, number>();
  for (const b of balances) {
    const m = /^(aset|beban|ekuitas):(rt|kota):(?:\d{10}:rw\d+:rt\d+:)?(.+?)(?::\d{10}:rw\d+:rt\d+)?$/.exec(b.name);
    const key = m && m[2] === 'rt' ? `${m[1]}:rt:*:${m[3]} (jumlah semua RT)` : m ? `${m[1]}:kota:${m[3]}` : b.name;
    sums.set(key, (sums.get(key) ?? 0) + b.balance);
  }
  return { rows: [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, formatNumber(v)]), summarised: true };
}

export interface StatementFacts {
  label: string;
  chainHead: string;
  balances: Array<{ name: string; balance: number }>;
  entries: number;
  journal: string[][];
  receiptCount: number;
  receipts: string[][];
}

export async function statementPdf(scope: { year: number }, f: StatementFacts): Promise<Buffer> {
  const tb = pdfTrialBalance(f.balances);
  const rts = [...figuresPerRt(f.balances)].map(([key, x]) => [key.replace(/:/g, ' '), x.allocation, x.undrawn, x.transit, x.cash, x.spent, x.returned, x.lapsed] as const);
  const more = (n: number, shown: number, file: string) => (n > shown ? `; ${formatNumber(shown)} pertama di sini, selengkapnya di ${file}` : '');
  return pdfBuffer({ title: `Laporan tahunan ${scope.year} ${f.label}` }, (doc) => {
    title(doc, `LAPORAN TAHUNAN DANA OPERASIONAL RT ${scope.year}`, `${f.label} — kepala rantai hash ${f.chainHead.slice(0, 24)}…`);
    doc.font('Helvetica-Bold').fontSize(10).text(`1. Neraca saldo${tb.summarised ? ` (${formatNumber(f.balances.length)} akun; akun RT dijumlah per jenis, rincian per akun di balances.csv)` : ''}`);
    table(doc, [{ head: 'Akun', width: 330 }, { head: 'Saldo (IDR)', width: 120, align: 'right' }], tb.rows);
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`2. Ringkasan per RT (${formatNumber(rts.length)} RT${more(rts.length, Math.min(rts.length, PDF_LIST_LIMIT), 'rt-summary.csv')})`, 36);
    table(
      doc,
      [
        { head: 'RT', width: 100 },
        { head: 'Alokasi', width: 62, align: 'right' },
        { head: 'Belum dicairkan', width: 60, align: 'right' },
        { head: 'Dalam transfer', width: 55, align: 'right' },
        { head: 'Kas', width: 55, align: 'right' },
        { head: 'Belanja', width: 62, align: 'right' },
        { head: 'Ke Kas Daerah', width: 60, align: 'right' },
        { head: 'Gugur', width: 60, align: 'right' },
      ],
      rts.slice(0, PDF_LIST_LIMIT).map(([k, ...n]) => [k, ...n.map((x) => formatNumber(x))]),
    );
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`3. Indeks kuitansi (${formatNumber(f.receiptCount)} kuitansi${more(f.receiptCount, f.receipts.length, 'receipts.csv')})`, 36);
    table(
      doc,
      [{ head: 'No', width: 40 }, { head: 'Tanggal', width: 70 }, { head: 'Kat.', width: 35 }, { head: 'Jumlah', width: 70, align: 'right' }, { head: 'Status', width: 60 }, { head: 'SHA-256 bukti', width: 180 }],
      f.receipts,
    );
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`4. Jurnal umum (${formatNumber(f.entries)} jurnal${more(f.entries, f.journal.length, 'journal.csv')})`, 36);
    table(doc, [{ head: 'No', width: 40 }, { head: 'Tanggal', width: 70 }, { head: 'Peristiwa', width: 60 }, { head: 'Uraian', width: 200 }, { head: 'Debit', width: 70, align: 'right' }, { head: 'Hash', width: 90 }], f.journal);
  });
}
