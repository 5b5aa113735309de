/**
 * Plan and RBB lines from a form: three repeated fields (lineCategory, lineDescription,
 * lineAmount) read row by row. Blank rows are skipped; every bad row gets its own message.
 */
import { parseRupiah } from '../../domain/money';
import { cleanText } from '../../domain/registry/rows';
import type { PlanLine } from '../../domain/grants/plan';

const MAX_ROWS = 60;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x : ''));

export interface LinesResult {
  lines: PlanLine[];
  /** Rows as typed, to refill the form. */
  typed: Array<{ category: string; description: string; amount: string }>;
  errors: string[];
}

export function parseLines(body: unknown): LinesResult {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const cats = list(b.lineCategory);
  const descs = list(b.lineDescription);
  const amounts = list(b.lineAmount);
  const n = Math.min(MAX_ROWS, Math.max(cats.length, descs.length, amounts.length));
  const out: LinesResult = { lines: [], typed: [], errors: [] };
  if (Math.max(cats.length, descs.length, amounts.length) > MAX_ROWS) out.errors.push(`Paling banyak ${MAX_ROWS} baris.`);
  for (let i = 0; i < n; i++) {
    const category = (cats[i] ?? '').trim().slice(0, 10);
    const description = cleanText(descs[i]).slice(0, 300);
    const amountText = (amounts[i] ?? '').trim().slice(0, 40);
    if (!description && !amountText) continue;
    out.typed.push({ category, description, amount: amountText });
    const row = out.typed.length;
    if (!category) out.errors.push(`Baris ${row}: pilih kategori.`);
    if (!description) out.errors.push(`Baris ${row}: uraian wajib diisi.`);
    const amount = parseRupiah(amountText, { min: 1, max: 100_000_000_000 });
    if (!amount.ok) out.errors.push(`Baris ${row}: ${amount.message}`);
    if (category && description && amount.ok) out.lines.push({ category, description, amount: amount.value });
  }
  return out;
}
