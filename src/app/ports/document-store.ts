import type { IssuedNumberFacts } from '../../domain/documents/document-number';
/**
 * What printed documents need beyond the records they show: the kelurahan office that issues
 * them (letterhead, signers), the numbers it issued, receipt numbers, and the plan per category.
 */

/** A kelurahan as its office appears on documents; the office fields are empty until filled in. */
export interface KelurahanOffice {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
  address: string | null;
  officeCode: string | null;
  lurahName: string | null;
  lurahNip: string | null;
  bendaharaName: string | null;
  bendaharaNip: string | null;
}

/** The office fields the admin edits. */
export type OfficeEditable = Pick<KelurahanOffice, 'address' | 'officeCode' | 'lurahName' | 'lurahNip' | 'bendaharaName' | 'bendaharaNip'>;

/** A document number issued once and kept: the facts `documentNumberProblems` checks, and who issued it. */
export interface IssuedNumber extends IssuedNumberFacts {
  issuedBy: number | null;
}

export interface DocumentStore {
  office(kelurahanCode: string): KelurahanOffice | undefined;
  updateOffice(kelurahanCode: string, fields: OfficeEditable): void;
  /** The number already issued for a document, if any. */
  issued(docKey: string): IssuedNumber | undefined;
  /** The next free sequence number of an office, kind and year (1 for the first). */
  nextSeq(kelurahanCode: string, kind: string, year: number): number;
  insertIssued(row: IssuedNumber): void;
  /** Every number issued, in id order (`verify` checks the sequences). */
  allIssued(): IssuedNumber[];
  /** The next receipt number of an RT in a year (1 for its first receipt). */
  nextReceiptNumber(rtId: number, year: number): number;
  setReceiptNumber(receiptId: number, number: number): void;
  /** The approved plans (RAP) of a kelurahan's RTs per category, counting plans decided before a date. */
  plannedByCategory(kelurahanCode: string, year: number, before: string): Map<string, number>;
}
