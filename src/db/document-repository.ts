/** The offices that issue documents (kelurahan office fields), their document numbers, receipt numbers. */
import { eq } from 'drizzle-orm';
import type { DocumentStore, IssuedNumber, KelurahanOffice, OfficeEditable } from '../app/ports';
import type { Db } from './client';
import { documentNumbers, kelurahan, receipts } from './schema';

export class DocumentRepository implements DocumentStore {
  constructor(private readonly db: Db) {}

  office(kelurahanCode: string): KelurahanOffice | undefined {
    return this.db
      .prepare(
        `SELECT l.code, l.name, l.kecamatan_code AS kecamatanCode, k.name AS kecamatanName, l.address, l.office_code AS officeCode,
           l.lurah_name AS lurahName, l.lurah_nip AS lurahNip, l.bendahara_name AS bendaharaName, l.bendahara_nip AS bendaharaNip
         FROM kelurahan l JOIN kecamatan k ON k.code = l.kecamatan_code WHERE l.code = ?`,
      )
      .get(kelurahanCode) as KelurahanOffice | undefined;
  }

  updateOffice(kelurahanCode: string, fields: OfficeEditable): void {
    this.db.orm.update(kelurahan).set(fields).where(eq(kelurahan.code, kelurahanCode)).run();
  }

  issued(docKey: string): IssuedNumber | undefined {
    return this.db.orm.select().from(documentNumbers).where(eq(documentNumbers.docKey, docKey)).get();
  }

  allIssued(): IssuedNumber[] {
    return this.db
      .prepare('SELECT kelurahan_code AS kelurahanCode, kind, year, seq, doc_key AS docKey, number, issued_at AS issuedAt, issued_by AS issuedBy FROM document_numbers ORDER BY id')
      .all() as IssuedNumber[];
  }

  nextSeq(kelurahanCode: string, kind: string, year: number): number {
    const r = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM document_numbers WHERE kelurahan_code = ? AND kind = ? AND year = ?').get(kelurahanCode, kind, year) as { n: number };
    return r.n;
  }

  insertIssued(row: IssuedNumber): void {
    this.db.orm.insert(documentNumbers).values(row).run();
  }

  nextReceiptNumber(rtId: number, year: number): number {
    const r = this.db.prepare('SELECT COALESCE(MAX(number), 0) + 1 AS n FROM receipts WHERE rt_id = ? AND year = ?').get(rtId, year) as { n: number };
    return r.n;
  }

  setReceiptNumber(receiptId: number, number: number): void {
    this.db.orm.update(receipts).set({ number }).where(eq(receipts.id, receiptId)).run();
  }

  plannedByCategory(kelurahanCode: string, year: number, before: string): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT l.category, SUM(l.amount) AS amount FROM rt CROSS JOIN plans p ON p.rt_id = rt.id JOIN plan_lines l ON l.plan_id = p.id
         WHERE rt.kelurahan_code = ? AND p.year = ? AND p.status = 'approved' AND COALESCE(p.decided_at, '') < ? GROUP BY l.category`,
      )
      .all(kelurahanCode, year, before) as Array<{ category: string; amount: number }>;
    return new Map(rows.map((r) => [r.category, r.amount]));
  }
}
