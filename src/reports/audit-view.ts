/** How audit rows read in Indonesian: action and role names, and a before → after summary. */
import { ROLE_LABELS, type Role } from '../domain/access';
import { formatRupiah } from '../domain/money';

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Masuk',
  'auth.logout': 'Keluar',
  'auth.login_failed': 'Gagal masuk',
  'auth.login_locked': 'Masuk ditolak (akun terkunci)',
  'user.create': 'Pengguna dibuat',
  'user.reset_password': 'Kata sandi diatur ulang',
  'user.change_password': 'Kata sandi diganti',
  'user.activate': 'Pengguna diaktifkan',
  'user.deactivate': 'Pengguna dinonaktifkan',
  'registry.kelurahan.create': 'Kelurahan ditambahkan',
  'registry.kelurahan.update': 'Kelurahan diubah',
  'registry.kelurahan.office': 'Data kantor kelurahan diubah (kop, penanda tangan)',
  'registry.rt.create': 'RT ditambahkan',
  'registry.rt.update': 'Data RT diubah',
  'registry.rt.bank_account': 'Rekening RT diubah',
  'registry.rt.activate': 'RT diaktifkan',
  'registry.rt.deactivate': 'RT dinonaktifkan',
  'programme_year.create': 'Tahun program dibuat',
  'allocation.post': 'Alokasi diposting',
  'plan.save': 'RAP disimpan',
  'plan.submit': 'RAP diajukan',
  'plan.approve': 'RAP disetujui',
  'plan.return': 'RAP dikembalikan',
  'plan.reject': 'RAP ditolak',
  'plan.revise': 'Revisi RAP dibuka',
  'tranche.request': 'Pencairan diajukan',
  'tranche.approve': 'Pencairan disetujui',
  'tranche.return': 'Pencairan dikembalikan untuk diperbaiki',
  'tranche.reject': 'Pencairan ditolak',
  'tranche.reverse': 'Pencairan dibatalkan (jurnal balik)',
  'bank_batch.create': 'Batch bank dibuat',
  'bank_batch.paid': 'Batch bank selesai dijawab bank',
  'bank_batch.rows_paid': 'Semua baris batch bank dicatat dibayar',
  'bank_batch.row_paid': 'Baris batch bank dicatat dibayar',
  'bank_batch.row_failed': 'Baris batch bank dicatat gagal',
  'bank_batch.cancel': 'Batch bank dibatalkan',
  'bank_batch.download': 'Berkas batch bank diunduh',
  'year.close': 'Tutup tahun',
  'file.download': 'Berkas diunduh',
  'photo.public_hidden': 'Foto disembunyikan dari halaman publik',
  'photo.public_shown': 'Foto ditampilkan lagi di halaman publik',
  'receipt.record': 'Kuitansi dicatat',
  'receipt.resubmit': 'Kuitansi dikirim ulang',
  'receipt.verify': 'Kuitansi terverifikasi',
  'receipt.return': 'Kuitansi dikembalikan',
  'receipt.reject': 'Kuitansi ditolak',
  'receipt.reverse': 'Kuitansi dibatalkan (jurnal balik)',
  'receipt.duplicate_refused': 'Bukti ganda ditolak',
  'receipt.withdraw': 'Kuitansi ditarik ketua',
  'report.download': 'Laporan diunduh',
  'spj.submit': 'SPJ diajukan',
  'spj.verify': 'SPJ terverifikasi',
  'spj.return': 'SPJ dikembalikan',
};

const TARGET_LABELS: Record<string, string> = {
  user: 'pengguna',
  rt: 'RT',
  kelurahan: 'kelurahan',
  programme_year: 'tahun program',
  plan: 'RAP',
  tranche: 'pencairan',
  bank_batch: 'batch bank',
  receipt: 'kuitansi',
  spj: 'SPJ',
  file: 'berkas',
};

const FIELD_LABELS: Record<string, string> = {
  chairName: 'ketua',
  secretaryName: 'sekretaris',
  treasurerName: 'bendahara RT',
  bankAccount: 'rekening',
  active: 'aktif',
  status: 'status',
  reason: 'alasan',
  note: 'catatan',
  amount: 'jumlah',
  total: 'total',
  failures: 'gagal berturut-turut',
  rtId: 'RT #',
  entryId: 'jurnal #',
  reversalEntryId: 'jurnal balik #',
  supersedes: 'menggantikan RAP #',
  lines: 'baris',
  by: 'oleh',
  kelurahanClosed: 'kelurahan ditutup',
  yearClosed: 'tahun ditutup',
  entries: 'jurnal',
  skipped: 'ditahan',
  rows: 'baris',
  version: 'versi',
  year: 'tahun',
  period: 'periode',
  month: 'bulan',
  date: 'tanggal',
  category: 'kategori',
  files: 'berkas',
  flags: 'tanda',
  receipts: 'kuitansi',
  closing: 'kas akhir',
  beritaAcara: 'berita acara',
  removedFromBatch: 'dikeluarkan dari batch #',
  paidAt: 'dibayar',
  posted: 'diposting',
  alreadyAllocated: 'sudah ada',
  skippedClosed: 'dilewati (ditutup)',
  skippedProgramme: 'dilewati (program tidak diatur tahun ini)',
  mode: 'mode',
  startsOn: 'mulai',
  endsOn: 'selesai',
  allocationPerRt: 'alokasi per RT',
  sessionsEnded: 'sesi diakhiri',
  otherSessionsEnded: 'sesi lain diakhiri',
  filesAdded: 'berkas ditambah',
  fileName: 'berkas',
  existingReceiptId: 'kuitansi yang sudah ada #',
  existingRtId: 'RT pemilik #',
  existingKelurahan: 'kelurahan pemilik',
  sha256: 'sidik berkas',
  opening: 'kas awal',
  received: 'diterima',
  spent: 'dibelanjakan',
  planId: 'RAP #',
  kelurahanCode: 'kelurahan',
  kecamatanCode: 'kecamatan',
  kecamatanCodes: 'kecamatan auditor',
  rtNumber: 'RT',
  rwNumber: 'RW',
  displayName: 'nama',
  username: 'nama pengguna',
  role: 'peran',
  kelurahanName: 'kelurahan',
  kecamatanName: 'kecamatan',
};

const MONEY_FIELDS = new Set(['amount', 'total', 'totalRupiah', 'returned', 'lapsed', 'closing', 'opening', 'received', 'spent']);

const STATUS_VALUES: Record<string, string> = {
  draft: 'draf', submitted: 'diajukan', returned: 'dikembalikan', approved: 'disetujui', superseded: 'diganti revisi',
  pending: 'menunggu', rejected: 'ditolak', paid: 'dibayar', reversed: 'dibatalkan', verified: 'terverifikasi',
  monthly: 'bulanan', staged: 'bertahap', unknown_user: 'pengguna tidak dikenal', wrong_password: 'kata sandi salah', inactive: 'akun nonaktif',
};

function value(key: string, v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'boolean') return v ? 'ya' : 'tidak';
  if (key === 'role' && typeof v === 'string') return ROLE_LABELS[v as Role] ?? v;
  if (typeof v === 'string' && STATUS_VALUES[v]) return STATUS_VALUES[v];
  if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) return `${v.slice(0, 12)}…`;
  if (typeof v === 'number' && MONEY_FIELDS.has(key) && Number.isSafeInteger(v)) return formatRupiah(v);
  if (typeof v === 'object') return Array.isArray(v) ? `${v.length} butir` : '…';
  return String(v);
}

function describe(obj: unknown): string {
  if (obj === null || obj === undefined || typeof obj !== 'object') return '';
  return Object.entries(obj as Record<string, unknown>)
    .map(([k, v]) => `${FIELD_LABELS[k] ?? k}: ${value(k, v)}`)
    .join(', ');
}

export function auditRowView(r: { action: string; actorRole: string; targetType: string; summary: string }) {
  let summaryText = '';
  try {
    const { before, after } = JSON.parse(r.summary) as { before: unknown; after: unknown };
    summaryText = [describe(before), describe(after)].filter(Boolean).join(' → ');
  } catch {
    summaryText = '';
  }
  return {
    actionLabel: ACTION_LABELS[r.action] ?? r.action,
    roleLabel: ROLE_LABELS[r.actorRole as Role] ?? (r.actorRole === 'system' ? (r.action.startsWith('auth.') ? 'belum masuk' : 'sistem') : r.actorRole),
    targetLabel: TARGET_LABELS[r.targetType] ?? r.targetType,
    summaryText,
  };
}
