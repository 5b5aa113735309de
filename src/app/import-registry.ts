/**
 * Registry imports from CSV (the CLI and the admin page share these). All or nothing:
 * any bad row means nothing is imported and every bad row is reported with its line.
 * Re-importing the same file changes nothing and writes no audit rows.
 */
import { parse } from 'csv-parse/sync';
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { validateRtRows, validateWilayahRows, type LineRecord, type RawRecord, type RowError } from '../domain/registry/rows';
import type { Services } from './services';

export interface ImportResult {
  ok: boolean;
  errors: RowError[];
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const MAX_BYTES = 5 * 1024 * 1024;

function readCsv(text: string): { header: string[]; records: LineRecord[] } | RowError[] {
  if (Buffer.byteLength(text) > MAX_BYTES) return [{ line: 0, message: 'Berkas terlalu besar (maksimal 5 MB).' }];
  try {
    const rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    const [header, ...body] = rows;
    if (!header) return [{ line: 1, message: 'Berkas kosong.' }];
    const keys = header.record.map((h) => h.toLowerCase());
    if (keys.length === 1 && keys[0]!.includes(';')) {
      return [{ line: header.info.lines, message: 'Pemisah kolom harus koma (,), bukan titik koma. Simpan ulang berkas sebagai CSV dengan pemisah koma.' }];
    }
    const records = body.map(({ record, info }) => {
      // A null-prototype object: a column named __proto__ cannot pollute anything.
      const rec: RawRecord = Object.create(null) as RawRecord;
      keys.forEach((k, i) => (rec[k] = record[i]));
      return { line: info.lines, rec };
    });
    return { header: keys, records };
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return [{ line, message: 'Format CSV rusak di baris ini (tanda kutip tidak tertutup atau tidak pada tempatnya).' }];
  }
}

const emptyResult = (errors: RowError[]): ImportResult => ({ ok: false, errors, rows: 0, inserted: 0, updated: 0, unchanged: 0 });

export function importWilayah(s: Services, actor: Actor, text: string, ip: string | null = null): ImportResult {
  const csv = readCsv(text);
  if (Array.isArray(csv)) return emptyResult(csv);
  const { rows, errors } = validateWilayahRows(csv.header, csv.records);
  if (errors.length) return emptyResult(errors);
  if (rows.length === 0) return emptyResult([{ line: 2, message: 'Tidak ada baris data.' }]);
  return s.db.transaction(() => {
    const result: ImportResult = { ok: true, errors: [], rows: rows.length, inserted: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const change = s.registry.upsertWilayah(row);
      if (change.kelurahan === 'inserted') result.inserted += 1;
      else if (change.kelurahan === 'renamed' || change.kecamatan === 'renamed') result.updated += 1;
      else result.unchanged += 1;
      if (change.kelurahan !== 'same' || change.kecamatan !== 'same') {
        s.audit.record(actor, ip, {
          action: change.kelurahan === 'inserted' ? 'registry.kelurahan.create' : 'registry.kelurahan.update',
          targetType: 'kelurahan',
          targetId: row.kelurahanCode,
          kelurahanCode: row.kelurahanCode,
          kecamatanCode: row.kecamatanCode,
          after: row,
        });
      }
    }
    return result;
  });
}

export function importRts(s: Services, actor: Actor, text: string, ip: string | null = null): ImportResult {
  const csv = readCsv(text);
  if (Array.isArray(csv)) return emptyResult(csv);
  const { rows, errors } = validateRtRows(csv.header, csv.records, (code) => s.registry.kelurahanExists(code));
  if (errors.length) return emptyResult(errors);
  if (rows.length === 0) return emptyResult([{ line: 2, message: 'Tidak ada baris data.' }]);
  return s.db.transaction(() => {
    const result: ImportResult = { ok: true, errors: [], rows: rows.length, inserted: 0, updated: 0, unchanged: 0 };
    for (const { line: _line, ...row } of rows) {
      const r = s.registry.upsertRt(row);
      if (r.change === 'same') {
        result.unchanged += 1;
        continue;
      }
      if (r.change === 'inserted') result.inserted += 1;
      else result.updated += 1;
      s.audit.record(actor, ip, {
        action: r.change === 'inserted' ? 'registry.rt.create' : 'registry.rt.update',
        targetType: 'rt',
        targetId: r.id,
        kelurahanCode: row.kelurahanCode,
        before: r.before ?? null,
        after: { rw: row.rwNumber, rt: row.rtNumber, chairName: row.chairName, bankAccount: row.bankAccount },
      });
    }
    return result;
  });
}

export function assertImportOk(r: ImportResult): void {
  if (!r.ok) throw fail('import_rejected', { rows: r.errors.map((e) => ({ line: e.line, problem: e.message })) });
}
