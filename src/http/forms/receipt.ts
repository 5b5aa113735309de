/** The receipt form: fields, optional item lines, and the evidence files by kind. */
import type { Request } from 'express';
import { parseRupiah } from '../../domain/money';
import { cleanText } from '../../domain/registry/rows';
import type { EvidenceKind, ReceiptItem } from '../../domain/grants/receipt';
import type { ReceiptFormValues } from '../../app/read-receipts';
import { isoDate } from './schemas';

/** Form field name → evidence kind. */
export const FILE_FIELDS: Array<{ name: string; kind: EvidenceKind; maxCount: number }> = [
  { name: 'nota', kind: 'nota', maxCount: 3 },
  { name: 'fotoBarang', kind: 'foto_barang', maxCount: 5 },
  { name: 'fotoKegiatan', kind: 'foto_kegiatan', maxCount: 5 },
  { name: 'daftarHadir', kind: 'daftar_hadir', maxCount: 3 },
  { name: 'undangan', kind: 'undangan', maxCount: 2 },
  { name: 'notulen', kind: 'notulen', maxCount: 2 },
];

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x : ''));

export interface ParsedReceipt {
  values: ReceiptFormValues;
  errors: Record<string, string>;
  data?: { date: string; category: string; description: string; vendor: string; notaNumber: string | null; amount: number; items: ReceiptItem[] };
}

export function parseReceiptForm(req: Request): ParsedReceipt {
  const b = (req.body ?? {}) as Record<string, unknown>;
  const names = list(b.itemName);
  const qtys = list(b.itemQuantity);
  const prices = list(b.itemUnitPrice);
  const values: ReceiptFormValues = {
    date: str(b.date).trim().slice(0, 20),
    category: str(b.category).trim().slice(0, 10),
    description: cleanText(str(b.description)).slice(0, 300),
    vendor: cleanText(str(b.vendor)).slice(0, 120),
    notaNumber: cleanText(str(b.notaNumber)).slice(0, 60),
    amount: str(b.amount).trim().slice(0, 40),
    items: names.slice(0, 30).map((n, i) => ({ name: cleanText(n).slice(0, 120), quantity: (qtys[i] ?? '').trim().slice(0, 10), unitPrice: (prices[i] ?? '').trim().slice(0, 40) })).filter((i) => i.name || i.quantity || i.unitPrice),
  };
  const errors: Record<string, string> = {};
  const date = isoDate.safeParse(values.date);
  if (!date.success) errors.date = date.error.issues[0]!.message;
  if (!values.category) errors.category = 'Pilih kategori.';
  if (!values.description) errors.description = 'Uraian wajib diisi.';
  if (!values.vendor) errors.vendor = 'Nama toko atau penjual wajib diisi.';
  const amount = parseRupiah(values.amount, { min: 1, max: 1_000_000_000 });
  if (!amount.ok) errors.amount = amount.message;
  const items: ReceiptItem[] = [];
  (values.items ?? []).forEach((i, n) => {
    const q = /^\d{1,5}$/.test(i.quantity) ? Number(i.quantity) : NaN;
    const p = parseRupiah(i.unitPrice, { min: 1, max: 1_000_000_000 });
    if (!i.name || !(q >= 1) || !p.ok) errors.items ??= `Rincian baris ${n + 1}: isi nama barang, jumlah (angka) dan harga satuan.`;
    else items.push({ name: i.name, quantity: q, unitPrice: p.value });
  });
  if (Object.keys(errors).length || !amount.ok || !date.success) return { values, errors };
  return {
    values,
    errors,
    data: { date: date.data, category: values.category!, description: values.description!, vendor: values.vendor!, notaNumber: values.notaNumber || null, amount: amount.value, items },
  };
}
