/** A receipt (kuitansi) as its PDF renderer needs it; the application fills it. */
import type { ReceiptItem } from '../../domain/grants/receipt';

export interface ReceiptDoc {
  /** "KW-001": the RT's receipt number in the year. */
  number: string;
  /** "RT 001 / RW 001". */
  label: string;
  kelurahanName: string;
  kecamatanName: string;
  year: number;
  /** The grant paid from, as a sentence names it: "Dana Operasional RT", "Bantuan Operasional PKK RT/RW" (grant-titles.ts). */
  grantName: string;
  date: string;
  /** "SOS — Kegiatan sosial kemasyarakatan". */
  category: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  words: string;
  items: ReceiptItem[];
  /** At or above the year's threshold: a Rp10.000 meterai under the seller's signature. */
  meterai: boolean;
  meteraiThreshold: number;
  /** The receipt's status in Dana RT ("Terverifikasi", "Menunggu verifikasi", …). */
  status: string;
  chairName: string;
  treasurerName: string | null;
  place: string;
  fileBase: string;
}
