/**
 * statement.pdf held against the postings: the figures a reader of the PDF sees (the summary and
 * the per-RT table) must be the ones the postings give. The text is read back with pdfjs-dist
 * (the parser the uploads use), so an edit of the PDF whose MANIFEST line was fixed is caught.
 *
 * The numbers are compared in order, as formatted (formatNumber): the summary's seven rows by their
 * labels, and every number of the per-RT table (between its heading and the receipts' heading)
 * against the RTs' figures in the order the statement writes them (figuresPerRt).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { figuresPerRt } from '../domain/grants/year-figures';
import { formatNumber } from '../domain/money';
import { PDF_LIST_LIMIT } from '../reports/bundle-format';

const NUMBER = /^-?\d{1,3}(?:\.\d{3})*$/;
/** The heading after the per-RT table. */
const END_OF_FIGURES = '3. Indeks kuitansi';
/** At most this many bytes are parsed (a statement is a few MB at most for a city). */
const MAX_STATEMENT_BYTES = 64 * 1024 * 1024;

/**
 * The text of the pages up to the per-RT table, read by pdfjs in a worker thread: pdfjs kept
 * ~110 MB of its heap after the document was destroyed (fonts and caches), so in the checker's own
 * thread it raised verify-bundle's peak past its budget; a thread's heap goes with it. The thread
 * is plain JavaScript (no loader needed) and its heap is bounded.
 */
const TEXT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.pdfjs).then(async ({ getDocument }) => {
  const task = getDocument({ data: workerData.pdf, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, useWorkerFetch: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const out = [];
    // Page by page, each released once read, and no further than the per-RT table: the figures
    // checked end there (the receipt index and journal listing after it can run to hundreds of pages).
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let done = false;
      for (const item of content.items) {
        const str = 'str' in item ? item.str.trim() : '';
        if (str) out.push(str);
        if (str.startsWith(workerData.end)) done = true;
      }
      page.cleanup();
      if (done) break;
    }
    parentPort.postMessage({ items: out });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  } finally {
    await task.destroy().catch(() => undefined);
  }
});
`;

function textItems(pdf: Buffer): Promise<string[]> {
  const pdfjs = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const data = new Uint8Array(pdf);
  return new Promise((resolve, reject) => {
    const worker = new Worker(TEXT_WORKER, { eval: true, workerData: { pdf: data, pdfjs, end: END_OF_FIGURES }, transferList: [data.buffer as ArrayBuffer], resourceLimits: { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 4 } });
    let settled = false;
    worker.once('message', (m: { items?: string[]; error?: string }) => {
      settled = true;
      if (m.items) resolve(m.items);
      else reject(new Error(m.error ?? 'pdf'));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`pembaca PDF berhenti (${code})`));
    });
  });
}

/** Problems of statement.pdf against the balances summed from postings.csv (account → balance). */
export async function statementProblems(pdf: Buffer, sums: ReadonlyMap<string, number>): Promise<string[]> {
  if (pdf.length > MAX_STATEMENT_BYTES) return [`statement.pdf: lebih dari ${MAX_STATEMENT_BYTES / 1024 / 1024} MB, tidak diperiksa`];
  let items: string[];
  try {
    items = await textItems(pdf);
  } catch {
    return ['statement.pdf: bukan PDF yang dapat dibaca'];
  }
  // In account-name order, as the statement lists them (the trial balance is read ORDER BY name;
  // postings.csv comes in entry order, which for a city is not the RTs' order).
  const byName = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, balance]) => ({ name, balance }));
  const rts = [...figuresPerRt(byName)];
  const total = (k: 'allocation' | 'undrawn' | 'transit' | 'cash' | 'spent' | 'returned' | 'lapsed') => rts.reduce((a, [, f]) => a + f[k], 0);
  const problems: string[] = [];
  const summary: Array<[string, number]> = [
    ['Alokasi', total('allocation')],
    ['Belum dicairkan', total('undrawn')],
    ['Dalam transfer (disetujui, menunggu bank)', total('transit')],
    ['Kas RT', total('cash')],
    ['Belanja', total('spent')],
    ['Dikembalikan ke Kas Daerah', total('returned')],
    ['Alokasi gugur (tidak dicairkan)', total('lapsed')],
  ];
  let at = items.indexOf('Ringkasan');
  if (at < 0) return ['statement.pdf: bagian Ringkasan tidak ada'];
  for (const [label, value] of summary) {
    const i = items.indexOf(label, at);
    const shown = i < 0 ? undefined : items[i + 1];
    if (shown !== formatNumber(value)) problems.push(`statement.pdf: ringkasan "${label}" tertulis ${shown ?? '(tidak ada)'}, dari posting ${formatNumber(value)}`);
    if (i >= 0) at = i + 1;
  }
  const from = items.findIndex((t) => t.startsWith('2. Ringkasan per RT'));
  const to = items.findIndex((t) => t.startsWith(END_OF_FIGURES));
  if (from < 0 || to < from) return [...problems, 'statement.pdf: tabel ringkasan per RT tidak ada'];
  const shown = items.slice(from + 1, to).filter((t) => NUMBER.test(t));
  const expected = rts.slice(0, PDF_LIST_LIMIT).flatMap(([, f]) => [f.allocation, f.undrawn, f.transit, f.cash, f.spent, f.returned, f.lapsed].map(formatNumber));
  const firstDiff = expected.findIndex((v, i) => shown[i] !== v);
  if (firstDiff >= 0 || shown.length !== expected.length) {
    const index = firstDiff >= 0 ? firstDiff : Math.min(shown.length, expected.length);
    const rt = rts[Math.floor(index / 7)]?.[0] ?? '(akhir tabel)';
    problems.push(`statement.pdf: ringkasan per RT berbeda dari posting mulai ${rt.replace(/:/g, ' ')} (tertulis ${shown[index] ?? '(tidak ada)'}, dari posting ${expected[index] ?? '(tidak ada)'})`);
  }
  return problems;
}
