/**
 * CSV files a person opens in a spreadsheet (the LPJ, the bank batch): a cell that starts with
 * = + - @, a tab or a carriage return is written with a leading apostrophe, so a name typed as
 * =HYPERLINK(...) opens as text and never runs as a formula (CSV injection). Numbers stay numbers.
 */
import { stringify } from 'csv-stringify/sync';

export type SpreadsheetCell = string | number | null | undefined;

export function spreadsheetCsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<SpreadsheetCell>>): string {
  return stringify(rows as SpreadsheetCell[][], { header: true, columns: [...columns], escape_formulas: true });
}
