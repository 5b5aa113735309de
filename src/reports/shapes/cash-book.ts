/** The RT cash book (BKU) and the monthly SPJ as their PDF renderers need them; the application fills them. */

/** The issuing office's letterhead: "PEMERINTAH KOTA SEMARANG", "KECAMATAN …", "KELURAHAN …", and its address. */
export interface OfficeHeader {
  letterhead: string[];
  address: string | null;
}

/** A signer who is a civil servant: name and NIP (null: a dotted line to fill in by hand). */
export interface Official {
  name: string | null;
  nip: string | null;
}

export interface CashBookLine {
  date: string;
  voucher: string;
  description: string;
  /** Money in; a correction of money in is negative here. */
  received: number;
  /** Money out; a correction of spending (a reversed receipt) is negative here, never income. */
  paid: number;
  balance: number;
  /** A reversal: printed as "koreksi", reducing the column of what it corrects. */
  correction: boolean;
}

export interface CashBookDoc {
  rt: { kelurahanName: string; kecamatanName: string; chairName: string; treasurerName: string | null; kind: 'rt' | 'rw' };
  office: OfficeHeader;
  /** The document number (nomor surat), issued at the first download; null on screen before it. */
  number: string | null;
  label: string;
  /** The grant the book accounts for, as titles name it: "DANA OPERASIONAL RT", "BANTUAN OPERASIONAL PKK RT/RW" (grant-titles.ts). */
  grantTitle: string;
  periodLabel: string;
  opening: number;
  lines: CashBookLine[];
  received: number;
  paid: number;
  closing: number;
  closingWords: string;
  place: string;
  fileBase: string;
}

export interface SpjReceiptLine {
  id: number;
  /** "KW-001": the RT's receipt number. */
  voucher: string;
  date: string;
  category: string;
  /** The year's name of the category ("Sosial kemasyarakatan"): what the document prints, never the code. */
  categoryName: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  verified: boolean;
  /** At or above the year's meterai threshold: the kuitansi must carry a Rp10.000 duty stamp. */
  meterai: boolean;
}

export interface SpjStatusLine {
  verified: boolean;
  /** "Terverifikasi", "Diajukan, menunggu verifikasi", … */
  label: string;
  submittedAt: string;
  verifierName: string | null;
  decidedAt: string | null;
}

export interface SpjDoc extends CashBookDoc {
  monthLabel: string;
  receipts: SpjReceiptLine[];
  byCategory: Array<{ code: string; name: string; amount: number }>;
  verifiedTotal: number;
  verifiedWords: string;
  status: SpjStatusLine;
  meteraiThreshold: number;
  lurah: Official;
  bendaharaKelurahan: Official;
}
