/**
 * The one writer of every CSV and XLSX the app hands out: the audit bundle (journal.csv,
 * postings.csv, balances.csv, rt-summary.csv, receipts.csv), the LPJ (CSV and XLSX) and the
 * bank batch file. Nothing else in src/ writes spreadsheet cells.
 *
 * Formula cells (CSV injection): a text cell that starts with = + - @, a tab or a carriage
 * return — after any apostrophes — is written with one more apostrophe in front, so a chair's
 * description typed as =HYPERLINK(...) opens in a spreadsheet as text and never runs. Numbers
 * are numbers: -150000 stays -150000 (it is a value, not a formula). The rule is reversible:
 * `restoreText` gives back the exact text (verify-bundle does, before it recomputes an entry's
 * hash from journal.csv); "'=x" is written "''=x" so that no original text is ever mistaken
 * for an escaped one.
 *
 * CSV rows are RFC 4180 as csv-stringify writes them: a field is quoted only when it holds a
 * comma, a quote or a line break, and quotes are doubled. Written by hand: csv-stringify's
 * per-row machinery cost a city bundle 5 s (its output is the reference in the tests).
 *
 * Not spreadsheets, so not escaped: the hledger journal (`jurnal-YYYY.journal` and the journal
 * download), whose every line starts with a date, spaces or `;` (src/reports/hledger-journal.ts
 * flattens tabs and line breaks in texts), and the MANIFEST.
 */
export type Cell = string | number | null | undefined;

const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell as a spreadsheet must receive it: one apostrophe before a formula start. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The exact text behind a cell that neutralise wrote (the inverse of neutralise). */
export function restoreText(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row with its line ending. */
export function csvRow(values: ReadonlyArray<Cell>): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]);
  return `${line}\n`;
}

/** A whole file: the header row, then the rows. */
export function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  let out = csvRow(header);
  for (const r of rows) out += csvRow(r);
  return out;
}

/** A row of an XLSX sheet (ExcelJS addRow): text neutralised as in a CSV, numbers as numbers. */
export function xlsxRow(values: ReadonlyArray<Cell>): Array<string | number | null> {
  return values.map((v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : neutralise(v)));
}
