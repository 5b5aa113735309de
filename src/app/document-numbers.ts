/**
 * Numbers on documents: a kelurahan office's nomor surat, issued once per document (its key) and
 * kept, from the office's sequence per kind and year; and an RT's receipt numbers. Both are
 * called inside the caller's transaction.
 */
import type { Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { documentNumber, officeCodeOf, type DocumentKind } from '../domain/documents/document-number';
import type { KelurahanOffice } from './ports';
import type { Services } from './services';

export function officeOf(s: Services, kelurahanCode: string): KelurahanOffice {
  const office = s.documents.office(kelurahanCode);
  if (!office) throw fail('kelurahan_not_found');
  return office;
}

export interface NumberedDocument {
  kelurahanCode: string;
  kind: DocumentKind;
  /** The programme year whose sequence the number takes. */
  year: number;
  /** "RT001-RW001" for an RT's document; absent for the kelurahan's own. */
  unit?: string;
  /** What the document is, e.g. spj:<rtId>:2026-08: the same key always gets the same number. */
  docKey: string;
}

/** The document's number: the one issued before, or the office's next one, issued today. Inside a transaction. */
export function issueDocumentNumber(s: Services, actor: Actor | null, d: NumberedDocument): string {
  const kept = s.documents.issued(d.docKey);
  if (kept) return kept.number;
  const office = officeOf(s, d.kelurahanCode);
  const seq = s.documents.nextSeq(d.kelurahanCode, d.kind, d.year);
  const now = s.now();
  const number = documentNumber({ seq, kind: d.kind, unit: d.unit, office: officeCodeOf(office), issuedOn: todayWib(now) });
  s.documents.insertIssued({ kelurahanCode: d.kelurahanCode, kind: d.kind, year: d.year, seq, docKey: d.docKey, number, issuedAt: now.toISOString(), issuedBy: actor?.userId ?? null });
  return number;
}

/** Gives a just-recorded receipt its RT's next number in the year (inside the recording transaction). */
export function assignReceiptNumber(s: Services, receiptId: number, rtId: number, year: number): number {
  const n = s.documents.nextReceiptNumber(rtId, year);
  s.documents.setReceiptNumber(receiptId, n);
  return n;
}
