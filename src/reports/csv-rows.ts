/**
 * CSV rows (RFC 4180, as csv-stringify writes them by default) for exports of a whole city: a
 * field is quoted only when it holds a comma, a quote or a line break, and quotes are doubled.
 * csv-stringify's per-row machinery cost a city bundle 5 s; its output is the reference in the tests.
 */
type Field = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: Field): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A whole small file: the header row, then the rows. */
export function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<Field>>): string {
  return csvRow(header) + rows.map((r) => csvRow(r)).join('');
}

/** One row with its line ending. */
export function csvRow(values: ReadonlyArray<Field>): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]);
  return `${line}\n`;
}
