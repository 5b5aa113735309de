/**
 * Plan and RBB lines from a form: three repeated fields (lineCategory, lineDescription,
 * lineAmount) read row by row. Blank rows are skipped; every bad row gets its own message.
 */
import { z } from 'zod';
import { cleanText } from '../../domain/registry/rows';
import type { PlanLine } from '../../domain/grants/plan';
import { parseRupiahIssue } from './rupiah';

const MAX_ROWS = 60;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x : ''));

export interface TypedRow {
  category: string;
  description: string;
  amount: string;
}

/** The rows as typed (blank rows left out), to refill the form whatever else is wrong. */
export function typedLines(body: unknown): TypedRow[] {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const cats = list(b.lineCategory);
  const descs = list(b.lineDescription);
  const amounts = list(b.lineAmount);
  const n = Math.min(MAX_ROWS, Math.max(cats.length, descs.length, amounts.length));
  const rows: TypedRow[] = [];
  for (let i = 0; i < n; i++) {
    const row = { category: (cats[i] ?? '').trim().slice(0, 10), description: cleanText(descs[i]).slice(0, 300), amount: (amounts[i] ?? '').trim().slice(0, 40) };
    if (row.description || row.amount) rows.push(row);
  }
  return rows;
}

/** The lines of a plan or an RBB: each row a category, a description and a whole-rupiah amount. */
export const linesForm = z
  .looseObject({})
  .transform((body, ctx): PlanLine[] => {
    const counts = ['lineCategory', 'lineDescription', 'lineAmount'].map((f) => list(body[f]).length);
    if (Math.max(...counts) > MAX_ROWS) ctx.addIssue({ code: 'custom', path: ['lines'], message: `Paling banyak ${MAX_ROWS} baris.` });
    const lines: PlanLine[] = [];
    typedLines(body).forEach((r, i) => {
      const problems: string[] = [];
      if (!r.category) problems.push('pilih kategori.');
      if (!r.description) problems.push('uraian wajib diisi.');
      const amount = parseRupiahIssue(r.amount, { min: 1, max: 100_000_000_000 });
      if (typeof amount === 'string') problems.push(amount);
      for (const p of problems) ctx.addIssue({ code: 'custom', path: ['lines'], message: `Baris ${i + 1}: ${p}` });
      if (!problems.length && typeof amount === 'number') lines.push({ category: r.category, description: r.description, amount });
    });
    return lines;
  });
