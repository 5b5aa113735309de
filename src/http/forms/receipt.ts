/** The receipt form: fields, optional item lines, and the evidence files by kind. */
import { z } from 'zod';
import { cleanText } from '../../domain/registry/rows';
import type { EvidenceKind, ReceiptItem } from '../../domain/grants/receipt';
import type { ReceiptFormValues } from '../../app/read-receipts';
import { parseRupiahIssue, rupiah } from './rupiah';
import { isoDate, requestKeyField } from './schemas';

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

/** What was typed, trimmed and bounded, to refill the form whatever else is wrong. */
export function receiptValues(body: unknown): ReceiptFormValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const names = list(b.itemName);
  const qtys = list(b.itemQuantity);
  const prices = list(b.itemUnitPrice);
  return {
    date: str(b.date).trim().slice(0, 20),
    category: str(b.category).trim().slice(0, 10),
    description: cleanText(str(b.description)).slice(0, 300),
    vendor: cleanText(str(b.vendor)).slice(0, 120),
    notaNumber: cleanText(str(b.notaNumber)).slice(0, 60),
    amount: str(b.amount).trim().slice(0, 40),
    items: names
      .slice(0, 30)
      .map((n, i) => ({ name: cleanText(n).slice(0, 120), quantity: (qtys[i] ?? '').trim().slice(0, 10), unitPrice: (prices[i] ?? '').trim().slice(0, 40) }))
      .filter((i) => i.name || i.quantity || i.unitPrice),
  };
}

const required = (message: string) => z.string().min(1, message);

/** Item lines: each needs a name, a quantity (a whole number) and a unit price. */
export const itemsField = z.array(z.object({ name: z.string(), quantity: z.string(), unitPrice: z.string() })).transform((rows, ctx): ReceiptItem[] => {
  const items: ReceiptItem[] = [];
  rows.forEach((i, n) => {
    const q = /^\d{1,5}$/.test(i.quantity) ? Number(i.quantity) : NaN;
    const p = parseRupiahIssue(i.unitPrice, { min: 1, max: 1_000_000_000 });
    if (!i.name || !(q >= 1) || typeof p === 'string') {
      ctx.addIssue({ code: 'custom', message: `Rincian baris ${n + 1}: isi nama barang, jumlah (angka) dan harga satuan.` });
    } else items.push({ name: i.name, quantity: q, unitPrice: p });
  });
  return items;
});

/** A receipt's own fields, as both the new-receipt form and the edit of a returned one check them. */
export const receiptFields = {
  date: isoDate,
  category: required('Pilih kategori.'),
  description: required('Uraian wajib diisi.'),
  vendor: required('Nama toko atau penjual wajib diisi.'),
  notaNumber: z.string().transform((v) => v || null),
  amount: rupiah({ min: 1, max: 1_000_000_000 }),
  items: itemsField,
};

/** The receipt form (the body as receiptValues reads it, plus the form's one-time key). */
export const receiptForm = z
  .looseObject({})
  .transform((body) => ({ ...receiptValues(body), requestKey: (body as Record<string, unknown>).requestKey }))
  .pipe(
    z.object({
      requestKey: requestKeyField,
      ...receiptFields,
    }),
  );
