/** The RT cash book (BKU) and the monthly SPJ as their PDF renderers need them; the application fills them. */

export interface CashBookLine {
  date: string;
  voucher: string;
  description: string;
  received: number;
  paid: number;
  balance: number;
}

export interface CashBookDoc {
  rt: { kelurahanName: string; kecamatanName: string; chairName: string; treasurerName: string | null };
  label: string;
  periodLabel: string;
  opening: number;
  lines: CashBookLine[];
  received: number;
  paid: number;
  closing: number;
  place: string;
  fileBase: string;
}

export interface SpjDoc extends CashBookDoc {
  monthLabel: string;
  receipts: Array<{ id: number; date: string; category: string; description: string; vendor: string; notaNumber: string | null; amount: number; verified: boolean }>;
  byCategory: Array<{ code: string; name: string; amount: number }>;
  verifiedTotal: number;
  verifiedWords: string;
}
