/**
 * The closed catalogue of failure codes (TigerBeetle's result codes): every failure the user
 * can cause is one of these, with exactly one kind and one message in Bahasa Indonesia.
 *
 * Invariants:
 * - a code is stable snake_case and means one thing; two situations that call for different
 *   kinds or different words are two codes;
 * - a message is a fixed string, or a function of typed values (amounts in rupiah, dates,
 *   months, names) that only formats them: it never takes free text to show as is;
 * - `kind` alone decides the HTTP status (one table in http/middleware/errors.ts).
 *
 * Pure: imports nothing but formatting (money, calendar), so every module may throw from here.
 */
import { formatBulan, formatTanggal } from './calendar';
import { formatRupiah as rp } from './money';

export const ERROR_KINDS = ['validation', 'unauthenticated', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited', 'unavailable'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** `never` as the parameter admits every typed message function. */
type Entry = { readonly kind: ErrorKind; readonly message: string | ((p: never) => string) };

/** "Baris 3: " before a message about one line of a plan; nothing for a single receipt. */
const atLine = (line?: number) => (line === undefined ? '' : `Baris ${line}: `);
const percent = (p: string) => p.replace('.', ',');
const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;
/** Megabytes with one decimal, Indonesian style ("12,5 MB"). */
const mbRounded = (bytes: number) => `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toLocaleString('id-ID')} MB`;
/** "Agustus 2026, September 2026 dan Oktober 2026" */
const bulanList = (months: readonly string[]) => {
  const names = months.map(formatBulan);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} dan ${names.at(-1)}`;
};

export const ERRORS = {
  // Access and the web edge.
  forbidden_role: { kind: 'forbidden', message: 'Anda tidak berwenang melakukan ini.' },
  not_in_scope: { kind: 'not_found', message: 'Halaman atau data tidak ditemukan.' },
  csrf_invalid: { kind: 'forbidden', message: 'Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.' },
  bad_id: { kind: 'not_found', message: 'Halaman atau data tidak ditemukan.' },
  bad_code: { kind: 'not_found', message: 'Halaman atau data tidak ditemukan.' },
  month_not_found: { kind: 'not_found', message: 'Halaman atau data tidak ditemukan.' },
  format_not_found: { kind: 'not_found', message: 'Format unduhan ini tidak tersedia.' },
  /** The field messages of a form that did not parse, named together. */
  form_invalid: { kind: 'validation', message: (p: { problems: readonly string[] }) => `Periksa kembali isian: ${p.problems.join(' ')}` },
  request_key_reused: { kind: 'conflict', message: 'Formulir ini sudah dipakai; muat ulang halaman.' },

  // Sign-in and users.
  login_failed: { kind: 'validation', message: 'Nama pengguna atau kata sandi salah.' },
  login_locked: {
    kind: 'rate_limited',
    message: (p: { until: Date }) =>
      `Terlalu banyak percobaan gagal. Akun ini dikunci sementara untuk alamat Anda sampai pukul ${p.until.toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' })} WIB.`,
  },
  login_rate_limited: {
    kind: 'rate_limited',
    message: (p: { minutes: number }) => `Terlalu banyak percobaan masuk yang gagal dari alamat Anda. Coba lagi dalam ${p.minutes} menit.`,
  },
  storage_full: { kind: 'unavailable', message: 'Penyimpanan server penuh, jadi data tidak dapat disimpan. Tidak ada yang tersimpan setengah; coba lagi nanti dan beri tahu admin kota.' },
  password_too_short: { kind: 'validation', message: (p: { min: number }) => `Kata sandi minimal ${p.min} karakter.` },
  password_too_long: { kind: 'validation', message: 'Kata sandi terlalu panjang.' },
  password_contains_username: { kind: 'validation', message: 'Kata sandi tidak boleh memuat nama pengguna.' },
  current_password_wrong: { kind: 'validation', message: 'Kata sandi lama salah.' },
  password_mismatch: { kind: 'validation', message: 'Konfirmasi kata sandi tidak sama.' },
  password_unchanged: { kind: 'validation', message: 'Kata sandi baru harus berbeda dari yang lama.' },
  username_invalid: { kind: 'validation', message: 'Nama pengguna tidak valid.' },
  username_taken: { kind: 'validation', message: 'Nama pengguna sudah dipakai.' },
  scope_invalid: { kind: 'validation', message: 'Wilayah kerja pengguna belum dipilih atau tidak dikenal untuk perannya.' },
  user_not_found: { kind: 'not_found', message: 'Pengguna tidak ditemukan.' },
  cannot_reset_self: { kind: 'conflict', message: 'Untuk kata sandi Anda sendiri, pakai menu Akun → Ganti kata sandi.' },
  cannot_deactivate_self: { kind: 'conflict', message: 'Anda tidak dapat menonaktifkan akun Anda sendiri.' },

  // Registry: kecamatan, kelurahan, RT.
  kecamatan_not_found: { kind: 'not_found', message: 'Kecamatan tidak ditemukan.' },
  kelurahan_not_found: { kind: 'not_found', message: 'Kelurahan tidak ditemukan.' },
  /** An RT id in the address that does not exist (or is not the reader's). */
  rt_not_found: { kind: 'not_found', message: 'RT tidak ditemukan.' },
  /** A form naming an RT (kelurahan, RW, number) that does not exist. */
  rw_number_invalid: { kind: 'validation', message: 'Nomor RW harus angka 1–999.' },
  rt_number_invalid: { kind: 'validation', message: 'Nomor RT harus angka 1–999.' },
  chair_name_required: { kind: 'validation', message: 'Nama ketua wajib diisi.' },
  rw_grantee_exists: { kind: 'conflict', message: (p: { rw: number }) => `RW ${String(p.rw).padStart(3, '0')} sudah terdaftar sebagai penerima.` },
  rt_unknown: { kind: 'validation', message: 'RT itu tidak ada di kelurahan dan RW yang dipilih.' },
  bank_account_invalid: {
    kind: 'validation',
    message: (p: { sharedAccount?: string }) =>
      p.sharedAccount === undefined
        ? 'Nomor rekening harus tepat 10 angka.'
        : `Nomor rekening ${p.sharedAccount} juga tercatat untuk RT lain; minta admin kota memeriksanya.`,
  },
  bank_account_shared: { kind: 'validation', message: 'Nomor rekening ini sudah tercatat untuk RT lain.' },
  /** The kelurahan office on documents: a NIP of other than 18 digits, or an office code not 2–8 capitals or digits. */
  office_fields_invalid: { kind: 'validation', message: 'Periksa data kantor kelurahan: NIP tepat 18 angka, kode kantor 2–8 huruf kapital atau angka.' },
  import_rejected: {
    kind: 'validation',
    message: (p: { rows: ReadonlyArray<{ line: number; problem: string }> }) => p.rows.map((r) => `baris ${r.line}: ${r.problem}`).join('\n'),
  },

  // Programme years.
  year_not_found: { kind: 'not_found', message: (p: { year: number }) => `Tahun program ${p.year} tidak ada.` },
  /** A page that shows a programme year when none has been created yet. */
  no_programme_year: { kind: 'not_found', message: 'Belum ada tahun program.' },
  year_unknown: { kind: 'validation', message: (p: { year: number }) => `Tahun program ${p.year} belum dibuat.` },
  year_invalid: { kind: 'validation', message: 'Tahun program tidak valid.' },
  year_exists: { kind: 'conflict', message: (p: { year: number }) => `Tahun program ${p.year} sudah ada.` },
  year_closed: { kind: 'conflict', message: (p: { year: number }) => `Tahun program ${p.year} sudah ditutup.` },
  year_not_ended: {
    kind: 'conflict',
    message: (p: { year: number; closableOn: string }) => `Tahun program ${p.year} baru dapat ditutup mulai ${formatTanggal(p.closableOn)} (batas laporan akhir).`,
  },
  year_dates_invalid: { kind: 'validation', message: 'Tanggal mulai dan selesai harus di dalam tahun program, mulai sebelum selesai.' },
  allocation_invalid: { kind: 'validation', message: 'Alokasi per RT harus rupiah utuh lebih dari nol.' },
  stage_percents_invalid: { kind: 'validation', message: 'Persentase tahap harus berjumlah tepat 100.' },
  category_code_invalid: { kind: 'validation', message: (p: { code: string }) => `Kode kategori ${p.code} tidak valid atau ganda.` },
  programme_code_invalid: { kind: 'validation', message: (p: { code: string }) => `Kode program ${p.code} tidak valid atau ganda: 2–6 huruf besar, bukan OPS.` },
  programme_invalid: { kind: 'validation', message: (p: { code: string }) => `Program ${p.code} belum lengkap: nama, dasar hukum, jenis penerima dengan label dan alokasinya, dan kategori wajib diisi.` },
  programme_not_configured: { kind: 'validation', message: (p: { code: string; year: number }) => `Program ${p.code} tidak diatur pada tahun program ${p.year}.` },
  programme_kind_not_paid: { kind: 'validation', message: (p: { code: string; kind: string }) => `Program ${p.code} tidak memberi hibah kepada ${p.kind}.` },
  grantee_exists: { kind: 'conflict', message: (p: { label: string }) => `${p.label} sudah terdaftar sebagai penerima.` },
  grantee_allocation_invalid: { kind: 'validation', message: (p: { kind: string }) => `Alokasi per ${p.kind} harus rupiah utuh lebih dari nol.` },
  disbursement_mode_invalid: { kind: 'validation', message: 'Cara pencairan harus bulanan atau bertahap.' },
  percent_invalid: { kind: 'validation', message: (p: { what: string }) => `${p.what} harus persen lebih dari 0 dan paling banyak 100 (misalnya 2,5).` },
  categories_empty: { kind: 'validation', message: 'Tahun program butuh minimal satu kategori belanja.' },
  category_name_missing: { kind: 'validation', message: (p: { code: string }) => `Kategori ${p.code} belum diberi nama.` },
  item_cap_invalid: { kind: 'validation', message: (p: { code: string }) => `Batas per item kategori ${p.code} harus berupa "nama = jumlah rupiah", jumlah lebih dari nol.` },
  evidence_checklist_invalid: { kind: 'validation', message: (p: { code: string }) => `Daftar bukti kategori ${p.code} harus memuat minimal satu jenis bukti yang dikenal.` },
  spj_due_day_invalid: { kind: 'validation', message: 'Batas SPJ harus tanggal 1 sampai 28 bulan berikutnya.' },
  final_report_due_invalid: {
    kind: 'validation',
    message: (p: { startsOn: string; endsOn: string }) => `Batas laporan akhir harus antara ${formatTanggal(p.startsOn)} dan ${formatTanggal(p.endsOn)}.`,
  },
  meterai_threshold_invalid: { kind: 'validation', message: 'Batas meterai harus rupiah utuh lebih dari nol.' },
  forbidden_mode_invalid: { kind: 'validation', message: 'Penanganan penggunaan terlarang harus "tolak" atau "tandai".' },
  forbidden_keyword_invalid: { kind: 'validation', message: 'Setiap kata terlarang butuh kata dan alasannya.' },
  settings_json_invalid: { kind: 'validation', message: 'Pengaturan lain bukan JSON yang sah (harus berupa objek { ... }).' },
  settings_field_fixed: { kind: 'validation', message: (p: { field: string }) => `${p.field} tidak dapat diubah lewat pengaturan.` },
  settings_effective_backdated: {
    kind: 'validation',
    message: (p: { effectiveFrom: string; today: string }) => `Tanggal berlaku ${formatTanggal(p.effectiveFrom)} sudah lewat: perubahan berlaku paling awal hari ini (${formatTanggal(p.today)}), keputusan yang sudah diambil tidak dinilai ulang.`,
  },
  settings_effective_before_latest: {
    kind: 'validation',
    message: (p: { effectiveFrom: string; latest: string; version: number }) => `Tanggal berlaku ${formatTanggal(p.effectiveFrom)} sebelum versi ${p.version} yang berlaku ${formatTanggal(p.latest)}; pilih tanggal itu atau sesudahnya.`,
  },
  settings_effective_outside_year: {
    kind: 'validation',
    message: (p: { startsOn: string; endsOn: string }) => `Tanggal berlaku harus di dalam tahun program (${formatTanggal(p.startsOn)} – ${formatTanggal(p.endsOn)}).`,
  },
  settings_money_moved: {
    kind: 'conflict',
    message: (p: { year: number; what: string }) => `${p.what} tahun ${p.year} tidak dapat diubah: uang tahun ini sudah dibukukan.`,
  },
  settings_unchanged: { kind: 'validation', message: 'Tidak ada pengaturan yang berubah.' },
  kelurahan_already_closed: { kind: 'conflict', message: (p: { year: number }) => `Kelurahan ini sudah ditutup untuk tahun ${p.year}.` },
  /** The year-end close refused: each reason is a blocker the close-year use case names. */
  close_blocked: {
    kind: 'conflict',
    message: (p: { count: number; rts: number }) =>
      `Belum dapat ditutup: ${p.count} hambatan di ${p.rts} RT belum selesai. Selesaikan, atau kecualikan masing-masing dengan alasan tertulis di halaman Tutup tahun.`,
  },
  /** A reversal (or any posting but a correction) into a closed year. */
  year_closed_use_correction: {
    kind: 'conflict',
    message: (p: { year: number }) => `Tahun program ${p.year} sudah ditutup: jurnal tidak dapat dibalik lagi. Koreksi atas tahun yang ditutup dibuat oleh admin kota di halaman Koreksi setelah tutup tahun (/tutup-tahun/koreksi).`,
  },
  override_reason_missing: { kind: 'validation', message: 'Tuliskan alasan pengecualian hambatan ini.' },
  override_blocker_unknown: { kind: 'validation', message: 'Hambatan ini tidak (lagi) menghalangi tutup tahun; muat ulang halaman.' },
  override_exists: { kind: 'conflict', message: 'Hambatan ini sudah dikecualikan.' },
  correction_reason_missing: { kind: 'validation', message: 'Koreksi setelah tutup tahun harus menyebut alasannya.' },
  correction_amount_invalid: { kind: 'validation', message: 'Jumlah koreksi harus rupiah utuh lebih dari nol.' },
  correction_place_invalid: { kind: 'validation', message: 'Pilih asal dan tujuan koreksi: belanja per kategori, dikembalikan ke Kas Daerah, atau alokasi gugur.' },
  correction_same_place: { kind: 'validation', message: 'Asal dan tujuan koreksi harus berbeda.' },
  correction_exceeds_balance: {
    kind: 'validation',
    message: (p: { amount: number; available: number; place: string }) => `Koreksi ${rp(p.amount)} melebihi saldo ${p.place} (${rp(p.available)}).`,
  },
  correction_year_not_closed: {
    kind: 'conflict',
    message: (p: { year: number }) => `Tahun ${p.year} belum ditutup untuk kelurahan RT ini; selama tahun terbuka, koreksi dibuat dengan pembalikan biasa.`,
  },

  // The ledger.
  entry_event_missing: { kind: 'validation', message: 'Setiap jurnal harus menyebut peristiwa bisnis penyebabnya.' },
  entry_actor_missing: { kind: 'validation', message: 'Setiap jurnal harus menyebut pelakunya.' },
  entry_idempotency_key_missing: { kind: 'validation', message: 'Setiap jurnal harus punya kunci idempotensi.' },
  entry_date_invalid: { kind: 'validation', message: 'Tanggal jurnal tidak valid.' },
  entry_too_few_postings: { kind: 'validation', message: 'Jurnal harus punya paling sedikit dua baris (debit dan kredit).' },
  posting_amount_invalid: { kind: 'validation', message: (p: { account: string }) => `Jumlah pada akun ${p.account} harus rupiah utuh dan bukan nol.` },
  posting_account_missing: { kind: 'validation', message: 'Setiap baris jurnal harus menyebut akunnya.' },
  account_unknown: { kind: 'validation', message: (p: { account: string; year: number }) => `Akun ${p.account} tidak ada di tahun program ${p.year}.` },
  entry_not_balanced: {
    kind: 'validation',
    message: (p: { debit: number; credit: number }) => `Jurnal tidak seimbang: debit ${rp(p.debit)} tidak sama dengan kredit ${rp(p.credit)}.`,
  },
  reversal_reason_missing: { kind: 'validation', message: 'Pembalikan harus menyebut jurnal asal dan alasannya.' },
  cannot_reverse_reversal: { kind: 'validation', message: 'Jurnal pembalikan tidak dapat dibalik lagi; buat jurnal baru.' },
  idempotency_conflict: { kind: 'conflict', message: 'Kunci idempotensi ini sudah dipakai untuk jurnal dengan isi berbeda.' },
  entry_not_found: { kind: 'not_found', message: 'Jurnal tidak ditemukan.' },
  entry_already_reversed: {
    kind: 'conflict',
    message: (p: { entryId: number; reversalId?: number }) => `Jurnal #${p.entryId} sudah pernah dibalik${p.reversalId === undefined ? '' : ` (jurnal #${p.reversalId})`}.`,
  },

  // Plans (RAP).
  plan_not_found: { kind: 'not_found', message: 'Rencana tidak ditemukan.' },
  plan_not_editable: { kind: 'conflict', message: 'Rencana ini tidak dapat diubah lagi: bila sedang diperiksa kelurahan, tunggu keputusannya; bila sudah disetujui, buat revisi.' },
  plan_not_submittable: { kind: 'conflict', message: 'Rencana ini sudah diajukan atau disetujui.' },
  plan_not_submitted: { kind: 'conflict', message: 'Hanya rencana yang sedang diajukan yang dapat diputuskan.' },
  plan_not_approved: { kind: 'conflict', message: 'Rencana anggaran (RAP) RT belum disetujui kelurahan.' },
  plan_too_many_lines: { kind: 'validation', message: (p: { max: number }) => `Paling banyak ${p.max} baris rencana.` },
  plan_empty: { kind: 'validation', message: 'Rencana belum berisi baris apa pun.' },
  plan_line_amount_invalid: { kind: 'validation', message: (p: { line: number }) => `${atLine(p.line)}jumlah harus lebih dari nol.` },
  plan_total_mismatch: {
    kind: 'validation',
    message: (p: { total: number; allocation: number }) =>
      `Jumlah rencana ${rp(p.total)} harus sama dengan alokasi ${rp(p.allocation)} (selisih ${rp(p.allocation - p.total)}).`,
  },
  plan_below_drawn: {
    kind: 'validation',
    message: (p: { category: string; planned: number; drawn: number }) =>
      `Kategori ${p.category}: revisi merencanakan ${rp(p.planned)}, padahal sudah dicairkan ${rp(p.drawn)}.`,
  },
  /** A revision would plan a category below what its receipts already use (verified, pending, returned). */
  plan_below_used: {
    kind: 'validation',
    message: (p: { category: string; planned: number; used: number }) =>
      `Kategori ${p.category}: revisi merencanakan ${rp(p.planned)}, padahal sudah terpakai ${rp(p.used)} (kuitansi terverifikasi, menunggu verifikasi dan dikembalikan). Rencana tidak boleh di bawah yang sudah dibelanjakan.`,
  },
  revision_reason_required: { kind: 'validation', message: 'Tulis alasan revisi (misalnya: memindahkan dana dari SOS ke PRL sesuai musyawarah warga).' },
  berita_acara_missing: { kind: 'validation', message: 'Lampirkan berita acara musyawarah warga (PDF atau foto) sebelum mengajukan.' },
  /** The plan's dossier (Perwal 32/2025, DP3A guideline) lacks required documents. */
  dossier_incomplete: {
    kind: 'validation',
    message: (p: { missing: readonly string[] }) =>
      `Berkas rencana belum lengkap. Belum diunggah: ${p.missing.join('; ')}. Unggah setiap berkas pada daftar "Kelengkapan berkas" lalu ajukan lagi.`,
  },
  dossier_kind_unknown: { kind: 'validation', message: 'Jenis berkas rencana tidak dikenal. Pilih salah satu dari daftar kelengkapan berkas.' },
  dossier_file_missing: { kind: 'validation', message: 'Pilih berkas yang akan diunggah.' },
  dossier_file_type: {
    kind: 'validation',
    message: (p: { label: string; types: readonly string[] }) => `${p.label} harus berupa berkas ${p.types.join(', ')}.`,
  },
  dossier_item_full: {
    kind: 'validation',
    message: (p: { label: string; max: number }) => `${p.label}: paling banyak ${p.max} berkas. Hapus salah satu dulu.`,
  },
  dossier_document_not_found: { kind: 'not_found', message: 'Berkas rencana tidak ditemukan.' },
  rt_not_allocated: { kind: 'validation', message: (p: { year: number }) => `RT ini belum menerima alokasi tahun ${p.year}.` },
  category_unknown: { kind: 'validation', message: (p: { line?: number }) => `${atLine(p.line)}Kategori tidak dikenal.` },
  forbidden_use: {
    kind: 'validation',
    message: (p: { use: string; line?: number }) => `${atLine(p.line)}Penggunaan yang dilarang: ${p.use}. Dana RT tidak boleh dipakai untuk ini.`,
  },
  /** A plan or a new receipt would take a category past its share of the allocation. */
  category_limit_exceeded: {
    kind: 'validation',
    message: (p: { category: string; percent: string; limit: number; total: number }) =>
      `${p.category} paling banyak ${percent(p.percent)} % dari alokasi (${rp(p.limit)}); jumlahnya menjadi ${rp(p.total)}.`,
  },
  /** At verification: the receipts already verified leave no room under the category's share. */
  category_limit_exceeded_on_verify: {
    kind: 'conflict',
    message: (p: { category: string; verified: number; limit: number }) => `${p.category} sudah ${rp(p.verified)} dari batas ${rp(p.limit)}.`,
  },

  /** A receipt (recorded or re-sent) would take its category past its line in the approved plan. */
  plan_line_exceeded: {
    kind: 'validation',
    message: (p: { category: string; planned: number; used: number; adding: number; left: number }) =>
      `Belanja ${p.category} melebihi rencana anggaran (RAP) yang disetujui: rencana ${rp(p.planned)}, sudah terpakai ${rp(p.used)} (terverifikasi, menunggu verifikasi dan dikembalikan), kuitansi ini ${rp(p.adding)}, sisa ${rp(p.left)}. Untuk memindahkan dana antarkategori, ajukan revisi rencana.`,
  },
  /** At verification: the receipts already verified leave too little of the category's plan line. */
  plan_line_exceeded_on_verify: {
    kind: 'conflict',
    message: (p: { category: string; planned: number; used: number; adding: number; left: number }) =>
      `Kuitansi ini tidak dapat diverifikasi: belanja ${p.category} akan melebihi rencana anggaran (RAP) yang disetujui: rencana ${rp(p.planned)}, sudah terverifikasi ${rp(p.used)}, kuitansi ini ${rp(p.adding)}, sisa ${rp(p.left)}. Kembalikan atau tolak kuitansi ini, atau tunggu revisi rencana.`,
  },

  // Decisions (plans, tranches, receipts, SPJ).
  approver_is_submitter: {
    kind: 'forbidden',
    message: (p: { what: 'rencana' | 'pencairan' | 'kuitansi' | 'SPJ' }) => `Anda tidak dapat memutuskan ${p.what} yang Anda ajukan sendiri.`,
  },
  officer_invalid: { kind: 'validation', message: 'Pengurus RT harus pengguna aktif RT ini dengan peran yang sesuai (ketua, sekretaris, bendahara).' },
  decree_date_invalid: { kind: 'validation', message: 'Tanggal Keputusan Lurah tidak valid.' },
  nip_invalid: { kind: 'validation', message: 'NIP terdiri dari 18 angka.' },
  // The chain of approval (approval-chain.ts).
  approval_steps_invalid: { kind: 'validation', message: 'Urutan persetujuan tidak sah: dimulai dengan verifikasi bendahara kelurahan, lalu persetujuan lurah, lalu (jika dipakai) mengetahui camat, masing-masing sekali.' },
  approval_step_not_configured: { kind: 'forbidden', message: 'Langkah persetujuan ini tidak dipakai pada tahun program ini.' },
  approval_step_wrong_role: { kind: 'forbidden', message: 'Langkah persetujuan ini bukan wewenang peran Anda.' },
  approval_step_taken: { kind: 'conflict', message: 'Langkah persetujuan ini sudah dicatat.' },
  approval_step_out_of_order: {
    kind: 'conflict',
    message: (p: { waitingFor: string }) => `Langkah ini belum dapat diambil: pengajuan masih menunggu ${p.waitingFor}. Tidak ada langkah yang boleh dilewati.`,
  },
  approval_step_same_person: { kind: 'forbidden', message: 'Anda sudah mengambil satu langkah persetujuan atas pengajuan ini; langkah berikutnya diambil orang lain.' },
  approval_not_pending: { kind: 'conflict', message: 'Pengajuan ini tidak sedang menunggu persetujuan.' },
  note_required: { kind: 'validation', message: 'Catatan wajib diisi: sebutkan alasannya atau apa yang harus diperbaiki.' },
  reason_required: { kind: 'validation', message: 'Alasan wajib diisi.' },

  // Tranches (pencairan) and their gates.
  tranche_not_found: { kind: 'not_found', message: 'Pencairan tidak ditemukan.' },
  tranche_not_pending: { kind: 'conflict', message: 'Pencairan ini sudah diputuskan.' },
  tranche_not_approved: { kind: 'conflict', message: 'Hanya pencairan yang disetujui dan belum dibayar yang dapat ditandai dibayar.' },
  tranche_not_reversible: { kind: 'conflict', message: 'Hanya pencairan yang disetujui, sudah diposting dan belum dibayar bank yang dapat dibatalkan dengan jurnal balik.' },
  tranche_pending_exists: {
    kind: 'conflict',
    /** `period`: the pending tranche as shown (e.g. "Oktober 2026", "Tahap 2"). */
    message: (p: { period: string }) => `Pencairan ${p.period} masih menunggu persetujuan; tunggu keputusannya dulu.`,
  },
  all_stages_drawn: { kind: 'conflict', message: 'Semua tahap sudah dicairkan atau diajukan.' },
  rbb_month_invalid: {
    kind: 'validation',
    message: (p: { allowed: readonly [string, ...string[]] }) =>
      `RBB hanya untuk ${p.allowed.map(formatBulan).join(' atau ')} (bulan berjalan atau berikutnya, sesudah bulan yang sudah dicairkan).`,
  },
  rbb_no_month_open: { kind: 'validation', message: 'Saat ini tidak ada bulan yang dapat diajukan.' },
  rbb_empty: { kind: 'validation', message: 'Rencana belanja bulanan (RBB) belum berisi baris.' },
  category_not_in_plan: { kind: 'validation', message: (p: { category: string }) => `Kategori ${p.category} tidak ada di rencana anggaran (RAP) yang disetujui.` },
  rbb_exceeds_plan: {
    kind: 'validation',
    message: (p: { category: string; drawn: number; planned: number; requested: number }) =>
      `Kategori ${p.category}: sudah dicairkan ${rp(p.drawn)} dari rencana ${rp(p.planned)}; sisa ${rp(p.planned - p.drawn)}, diminta ${rp(p.requested)}.`,
  },
  cash_insufficient: {
    kind: 'validation',
    message: (p: { free: number; amount: number }) =>
      `Kas RT yang bebas tinggal ${rp(p.free)}; pencairan ${rp(p.amount)} sudah terpakai atau dicadangkan kuitansi dan tidak dapat dibalik.`,
  },
  tranche_date_outside_year: {
    kind: 'validation',
    message: (p: { today: string; year: number; startsOn: string; endsOn: string }) =>
      `Hari ini (${formatTanggal(p.today)}) di luar tahun program ${p.year} (${formatTanggal(p.startsOn)} – ${formatTanggal(p.endsOn)}).`,
  },
  tranche_exceeds_allocation: {
    kind: 'validation',
    message: (p: { amount: number; available: number }) => `Jumlah ${rp(p.amount)} melebihi sisa alokasi yang belum dicairkan (${rp(p.available)}).`,
  },
  /** Months since the first drawn month without a verified SPJ (each month counts, a month without spending needs a nil SPJ). */
  spj_months_missing: {
    kind: 'validation',
    message: (p: { months: readonly string[] }) =>
      `SPJ ${bulanList(p.months)} belum diverifikasi kelurahan; pencairan berikutnya menunggu SPJ itu. Setiap bulan sejak pencairan pertama perlu SPJ terverifikasi (bulan tanpa belanja: SPJ nihil).`,
  },
  previous_stage_not_accounted: {
    kind: 'validation',
    message: (p: { stage: number; accounted: number; needed: number; percent: string }) =>
      `Tahap ${p.stage} baru dipertanggungjawabkan ${rp(p.accounted)}; perlu paling sedikit ${rp(p.needed)} (${percent(p.percent)} %) dengan kuitansi terverifikasi.`,
  },

  // Bank batches.
  batch_not_found: { kind: 'not_found', message: 'Batch tidak ditemukan.' },
  batch_empty: { kind: 'conflict', message: 'Tidak ada pencairan disetujui yang siap dikirim ke bank.' },
  batch_already_paid: { kind: 'conflict', message: 'Batch ini sudah ditandai dibayar.' },
  batch_cancelled: { kind: 'conflict', message: (p: { batchId: number }) => `Batch #${p.batchId} sudah dibatalkan; pencairannya kembali menunggu batch baru.` },
  batch_partly_answered: {
    kind: 'conflict',
    message: (p: { batchId: number; answered: number }) => `Batch #${p.batchId} tidak dapat dibatalkan utuh: ${p.answered} baris sudah dijawab bank. Catat jawaban bank untuk baris yang tersisa.`,
  },
  batch_row_not_found: { kind: 'not_found', message: 'Baris batch tidak ditemukan.' },
  batch_row_answered: { kind: 'conflict', message: (p: { rowId: number }) => `Jawaban bank untuk baris #${p.rowId} sudah dicatat.` },
  bank_reference_required: { kind: 'validation', message: 'Tulis nomor referensi transfer dari bank.' },
  bank_paid_date_invalid: {
    kind: 'validation',
    message: (p: { earliest: string; latest: string }) => `Tanggal dibayar bank harus antara ${formatTanggal(p.earliest)} (batch dibuat) dan ${formatTanggal(p.latest)}.`,
  },
  tranche_in_unpaid_batch: {
    kind: 'conflict',
    message: (p: { trancheId: number; batchId: number }) =>
      `Pencairan #${p.trancheId} ada di batch bank #${p.batchId} yang belum dibayar: bank mungkin sedang mentransfernya. Minta BPKAD membatalkan batch #${p.batchId} atau mencatat jawaban bank lebih dulu.`,
  },

  // Receipts (kuitansi) and their evidence.
  receipt_not_found: { kind: 'not_found', message: 'Kuitansi tidak ditemukan.' },
  receipt_not_pending: { kind: 'conflict', message: 'Kuitansi ini sudah diputuskan.' },
  receipt_not_returned: { kind: 'conflict', message: 'Hanya kuitansi yang dikembalikan yang dapat dikirim ulang atau ditarik.' },
  receipt_not_verified: { kind: 'conflict', message: 'Hanya kuitansi terverifikasi yang dapat dibatalkan dengan jurnal balik.' },
  receipt_date_outside_year: {
    kind: 'validation',
    message: (p: { startsOn: string; endsOn: string }) => `Tanggal harus di dalam tahun program (${formatTanggal(p.startsOn)} – ${formatTanggal(p.endsOn)}).`,
  },
  receipt_date_future: { kind: 'validation', message: 'Tanggal belanja tidak boleh di masa depan.' },
  items_required: {
    kind: 'validation',
    message: (p: { category: string; cap: string; maxRupiah: number }) =>
      `${p.category}: isi rincian barang (nama, jumlah, harga satuan); batas ${p.cap.toLowerCase()} ${rp(p.maxRupiah)}.`,
  },
  items_total_mismatch: {
    kind: 'validation',
    message: (p: { itemsTotal: number; amount: number }) => `Jumlah rincian barang ${rp(p.itemsTotal)} tidak sama dengan jumlah kuitansi ${rp(p.amount)}.`,
  },
  item_cap_exceeded: {
    kind: 'validation',
    message: (p: { item: string; unitPrice: number; cap: string; maxRupiah: number }) =>
      `${p.item}: ${rp(p.unitPrice)} melebihi batas "${p.cap}" ${rp(p.maxRupiah)}.`,
  },
  /** A new receipt asks for more than the cash drawn minus what pending receipts reserve. */
  receipt_exceeds_cash: {
    kind: 'validation',
    message: (p: { amount: number; available: number }) =>
      `Jumlah ${rp(p.amount)} melebihi kas RT yang tersedia (${rp(p.available)}, sudah dikurangi kuitansi yang menunggu verifikasi).`,
  },
  /** At verification: the cash book from the receipt's date on would go below zero. */
  receipt_exceeds_cash_on_verify: {
    kind: 'conflict',
    message: (p: { date: string; cash: number; amount: number }) =>
      `Kas RT sejak ${formatTanggal(p.date)} paling sedikit ${rp(p.cash)}; tidak cukup untuk ${rp(p.amount)}.`,
  },
  evidence_incomplete: {
    kind: 'validation',
    message: (p: { category: string; missing: readonly string[] }) => `Bukti belum lengkap untuk ${p.category}: ${p.missing.join(', ')}.`,
  },
  /** A file already attached to another live receipt. */
  evidence_duplicate: {
    kind: 'validation',
    message: (p: { file: string }) =>
      `Berkas "${p.file}" sudah pernah dipakai untuk kuitansi lain. Satu bukti hanya untuk satu kuitansi; lampirkan foto atau nota yang asli untuk belanja ini.`,
  },
  /** The same file twice in one submission. */
  evidence_uploaded_twice: { kind: 'validation', message: (p: { file: string }) => `Berkas "${p.file}" diunggah dua kali.` },
  too_many_files: { kind: 'validation', message: (p: { max: number }) => `Paling banyak ${p.max} berkas per kuitansi.` },
  receipt_files_too_large: { kind: 'too_large', message: (p: { maxBytes: number }) => `Ukuran semua berkas satu kuitansi paling banyak ${mb(p.maxBytes)}.` },
  resubmit_needs_change: {
    kind: 'validation',
    message: 'Lampirkan bukti yang diminta kelurahan sebelum mengirim ulang. Bila kuitansi ini salah, tarik kembali lalu catat yang benar.',
  },
  /** A new, re-sent or verified receipt dated in a month already reported (reported-months.ts). */
  spj_month_closed: {
    kind: 'validation',
    message: (p: { month: string; lastReported: string }) =>
      `SPJ sampai ${formatBulan(p.lastReported)} sudah diajukan; belanja bertanggal ${formatBulan(p.month)} tidak dapat ditambah lagi. Bila ada belanja bulan itu yang terlewat, tarik SPJ yang belum diverifikasi (atau minta bendahara kelurahan mengembalikannya), lalu catat kuitansi dengan tanggal aslinya.`,
  },
  /** At the treasurer's decision: the receipt's month was reported while it waited. */
  spj_month_reported_on_verify: {
    kind: 'conflict',
    message: (p: { month: string; lastReported: string }) =>
      `SPJ sampai ${formatBulan(p.lastReported)} sudah diajukan; kuitansi bertanggal ${formatBulan(p.month)} tidak dapat dibukukan lagi. Kembalikan SPJ itu lebih dulu bila kuitansi ini memang belanja bulan tersebut.`,
  },
  /** A correction or a tranche would be booked in a reported month and no later month of the year is open. */
  booking_month_reported: {
    kind: 'conflict',
    message: (p: { month: string }) =>
      `SPJ ${formatBulan(p.month)} sudah diajukan dan tidak ada bulan sesudahnya di tahun program ini untuk membukukan perubahan. Kembalikan SPJ ${formatBulan(p.month)} lebih dulu, atau minta admin membukukan koreksi sesudah tutup tahun.`,
  },
  /** Withdrawing or returning an SPJ while a later month's SPJ stands on it. */
  spj_later_month_reported: {
    kind: 'conflict',
    message: (p: { month: string; later: string }) =>
      `SPJ ${formatBulan(p.later)} sudah diajukan sesudah SPJ ${formatBulan(p.month)}; kembalikan atau tarik SPJ yang terakhir lebih dulu, bulan demi bulan.`,
  },
  /** Submitting an SPJ while receipts of its month wait for a decision or for the chair. */
  spj_receipts_open: {
    kind: 'validation',
    message: (p: { month: string; pending: number; returned: number }) =>
      `SPJ ${formatBulan(p.month)} belum dapat diajukan: ${[p.pending ? `${p.pending} kuitansi menunggu verifikasi kelurahan` : '', p.returned ? `${p.returned} kuitansi dikembalikan (lengkapi dan kirim ulang, atau tarik)` : ''].filter(Boolean).join(' dan ')}.`,
  },
  spj_not_returned: { kind: 'conflict', message: 'Hanya SPJ yang dikembalikan kelurahan yang dapat dikirim ulang.' },
  spj_not_withdrawable: { kind: 'conflict', message: 'Hanya SPJ yang sudah diajukan dan belum diverifikasi yang dapat ditarik.' },
  /** `label` names the file for the user, e.g. `Berkas "nota.jpg"`. */
  file_empty: { kind: 'validation', message: (p: { label: string }) => `${p.label}: berkas kosong (0 byte).` },
  file_too_large: { kind: 'too_large', message: (p: { label: string; maxBytes: number }) => `${p.label}: berkas lebih dari ${mb(p.maxBytes)}.` },
  file_type_not_allowed: {
    kind: 'validation',
    message: (p: { label: string }) => `${p.label}: jenis berkas tidak diterima. Unggah foto JPEG, PNG, WebP, atau PDF.`,
  },
  file_corrupt: { kind: 'validation', message: (p: { label: string }) => `${p.label}: berkas terpotong atau rusak.` },
  image_too_large: {
    kind: 'too_large',
    message: (p: { label: string; width?: number; height?: number }) =>
      `${p.label}: ukuran gambar${p.width && p.height ? ` ${p.width}×${p.height} piksel` : ''} terlalu besar.`,
  },
  file_not_found: { kind: 'not_found', message: 'Berkas tidak ditemukan.' },
  pdf_too_many_pages: { kind: 'too_large', message: (p: { label: string; pages: number; max: number }) => `${p.label}: PDF ${p.pages} halaman; paling banyak ${p.max} halaman.` },
  pdf_too_slow: { kind: 'validation', message: (p: { label: string; seconds: number }) => `${p.label}: PDF tidak dapat dibaca dalam ${p.seconds} detik; simpan ulang sebagai PDF biasa atau unggah foto.` },
  evidence_quota_exceeded: {
    kind: 'too_large',
    message: (p: { year: number; usedBytes: number; addBytes: number; limitBytes: number }) =>
      `Kuota penyimpanan bukti RT ini untuk tahun ${p.year} penuh: terpakai ${mbRounded(p.usedBytes)} dari ${mbRounded(p.limitBytes)}${p.addBytes ? `, berkas ini ${mbRounded(p.addBytes)}` : ''}. Perkecil foto (mis. kirim ulang dari kamera dengan ukuran sedang) atau hubungi admin kota.`,
  },

  // Request bodies (src/http/middleware/upload.ts): bounded while they stream in.
  upload_too_large: { kind: 'too_large', message: (p: { maxBytes: number }) => `Kiriman terlalu besar: paling banyak ${mb(p.maxBytes)} sekali kirim (semua berkas bersama). Kirim berkas lebih sedikit atau lebih kecil.` },
  upload_file_too_large: { kind: 'too_large', message: (p: { file: string; maxBytes: number }) => `Berkas "${p.file}" terlalu besar: paling besar ${mb(p.maxBytes)} per berkas.` },
  upload_field_too_large: { kind: 'too_large', message: (p: { maxBytes: number }) => `Isian terlalu panjang: satu isian paling banyak ${p.maxBytes / 1024} KB.` },
  upload_too_many_fields: { kind: 'too_large', message: (p: { max: number }) => `Formulir memuat terlalu banyak isian (paling banyak ${p.max}).` },
  upload_too_many_files: { kind: 'too_large', message: (p: { max: number }) => `Terlalu banyak berkas sekali kirim (paling banyak ${p.max}).` },
  upload_wrong_field: { kind: 'validation', message: (p: { max: number }) => `Terlalu banyak berkas (paling banyak ${p.max}), atau berkas dikirim lewat kolom yang salah.` },
  upload_busy: { kind: 'rate_limited', message: (p: { max: number }) => `Masih ada ${p.max} unggahan Anda yang sedang berjalan. Tunggu sampai selesai, lalu kirim lagi.` },

  // SPJ (monthly accountability report) and reports.
  spj_not_found: { kind: 'not_found', message: 'SPJ tidak ditemukan atau belum diajukan.' },
  spj_month_invalid: { kind: 'validation', message: 'SPJ diajukan sesudah bulannya selesai, untuk bulan di dalam tahun program.' },
  month_invalid: { kind: 'validation', message: 'Bulan tidak ada di tahun program ini.' },
  spj_already_submitted: { kind: 'conflict', message: 'SPJ bulan ini sudah diajukan.' },
  /** SPJs go in month order: an earlier month since the first drawn month has none submitted (or it was returned). */
  spj_earlier_month_missing: {
    kind: 'validation',
    message: (p: { months: readonly string[] }) =>
      `SPJ harus diajukan berurutan bulan demi bulan: ajukan dulu SPJ ${bulanList(p.months)} (bulan tanpa belanja diajukan sebagai SPJ nihil).`,
  },
  spj_not_submitted: { kind: 'conflict', message: 'Hanya SPJ yang sedang diajukan yang dapat diputuskan.' },
  spj_receipts_pending: {
    kind: 'conflict',
    message: (p: { count: number }) => `Masih ada ${p.count} kuitansi bulan ini yang belum diverifikasi atau ditolak.`,
  },
  /** The month's cash book does not add up to the ledger's closing cash. */
  spj_not_reconciled: {
    kind: 'conflict',
    message: (p: { closing: number; ledgerClosing: number }) =>
      `Kas akhir SPJ ${rp(p.closing)} tidak sama dengan buku besar ${rp(p.ledgerClosing)}; hubungi bendahara kelurahan.`,
  },
  spj_receipts_not_posted: {
    kind: 'conflict',
    message: (p: { verified: number; posted: number }) => `Kuitansi terverifikasi (${rp(p.verified)}) tidak sama dengan belanja di buku besar (${rp(p.posted)}).`,
  },
  spj_closing_negative: { kind: 'conflict', message: (p: { closing: number }) => `Kas akhir ${rp(p.closing)} negatif; periksa tanggal kuitansi.` },
  spj_opening_mismatch: {
    kind: 'conflict',
    message: (p: { opening: number; previousClosing: number }) =>
      `Kas awal ${rp(p.opening)} tidak sama dengan kas akhir SPJ bulan sebelumnya (${rp(p.previousClosing)}).`,
  },
  export_not_found: { kind: 'not_found', message: 'Ekspor tidak ditemukan.' },
  export_not_ready: { kind: 'not_found', message: 'Ekspor belum selesai dibuat.' },
  export_queue_full: {
    kind: 'rate_limited',
    message: (p: { max: number }) => `Anda sudah punya ${p.max} bundel yang menunggu atau sedang disusun. Tunggu sampai salah satunya selesai, lalu coba lagi.`,
  },
  bundle_evidence_missing: {
    kind: 'unavailable',
    message: (p: { count: number; example: string }) =>
      `Bundel tidak dibuat: ${p.count} berkas bukti tidak ada di penyimpanan bukti (EVIDENCE_DIR), misalnya ${p.example}. Periksa EVIDENCE_DIR atau pulihkan berkasnya, lalu coba lagi.`,
  },
  bundle_ledger_moved: {
    kind: 'unavailable',
    message: 'Bundel tidak dibuat: buku besar berubah saat titik periksa ditandatangani. Coba lagi.',
  },
  // Accounts at city scale and notifications (issue 19, items 7 and 8).
  account_not_issuable: { kind: 'forbidden', message: 'Bendahara kelurahan hanya membuat dan mengatur ulang akun ketua, sekretaris dan bendahara RT di kelurahannya.' },
  decider_issued_password: {
    kind: 'conflict',
    message: (p: { issuedOn: string; until: string }) =>
      `Anda memberi kata sandi sementara kepada akun RT ini pada ${formatTanggal(p.issuedOn)}, jadi Anda tidak boleh memutuskan kuitansi, rencana, pencairan atau SPJ RT ini sampai ${formatTanggal(p.until)}. Minta bendahara lain atau tunggu sampai tanggal itu.`,
  },
  phone_invalid: { kind: 'validation', message: 'Nomor HP tidak valid: pakai nomor seluler Indonesia 08… atau +628….' },
  email_invalid: { kind: 'validation', message: 'Alamat e-mail tidak valid.' },
  notification_not_found: { kind: 'not_found', message: 'Halaman atau data tidak ditemukan.' },
  no_rt_to_issue: { kind: 'validation', message: 'Tidak ada RT aktif di kelurahan ini untuk dibuatkan akun.' },

  // Issue 20 (open books): public pages and their photos.
  photo_reason_invalid: { kind: 'validation', message: (p: { max: number }) => `Tulis alasan foto tidak ditampilkan untuk umum (1–${p.max} karakter).` },
  public_rate_limited: { kind: 'rate_limited', message: (p: { seconds: number }) => `Terlalu banyak permintaan halaman publik dari alamat Anda. Coba lagi dalam ${p.seconds} detik.` },

  // Aduan warga (residents' complaints, issue 20).
  complaint_refused: { kind: 'validation', message: 'Aduan tidak dapat dikirim dari formulir ini. Muat ulang halaman lalu kirim lagi.' },
  complaint_too_fast: {
    kind: 'validation',
    message: (p: { seconds: number }) => `Formulir terkirim kurang dari ${p.seconds} detik setelah dibuka. Periksa isian Anda, lalu tekan Kirim sekali lagi.`,
  },
  complaint_confirm: { kind: 'validation', message: 'Pesan Anda belum terkirim. Halaman ini sudah lama terbuka, jadi kami minta konfirmasi sekali: periksa isian Anda, lalu tekan Kirim sekali lagi.' },
  complaint_form_stale: { kind: 'validation', message: 'Formulir ini sudah lebih dari satu hari dibuka atau tidak sah. Isian Anda tetap ada; tekan Kirim sekali lagi.' },
  complaint_rate_limited: {
    kind: 'rate_limited',
    message: (p: { limit: number; window: string }) => `Dari alamat Anda sudah masuk ${p.limit} aduan dalam ${p.window}. Silakan coba lagi nanti.`,
  },
  complaint_target_busy: { kind: 'rate_limited', message: (p: { limit: number }) => `RT/RW ini sudah menerima ${p.limit} aduan hari ini. Silakan coba lagi besok.` },
  complaint_target_not_found: { kind: 'not_found', message: 'RT atau RW yang dituju tidak ditemukan.' },
  complaint_not_found: { kind: 'not_found', message: 'Kode pelacakan tidak ditemukan. Periksa kembali kode Anda, misalnya ADU-7K3M-Q9PX.' },
  complaint_code_invalid: { kind: 'validation', message: 'Kode pelacakan tidak dikenali: bentuknya ADU-XXXX-XXXX, misalnya ADU-7K3M-Q9PX.' },
  complaint_already_answered: { kind: 'conflict', message: 'Aduan ini sudah dijawab; jawabannya sudah terbit.' },
  holidays_invalid: { kind: 'validation', message: 'Hari libur harus tanggal TTTT-BB-HH yang ada di kalender, satu per baris.' },
  /** The early-warning desk (deteksi dini, issue 20). */
  risk_threshold_invalid: { kind: 'validation', message: (p: { what: string }) => `Ambang deteksi dini "${p.what}" tidak sah: harus bilangan bulat dalam batasnya.` },
  risk_flag_not_found: { kind: 'not_found', message: 'Tanda risiko tidak ditemukan.' },
  risk_follow_up_note_required: { kind: 'validation', message: 'Tulis catatan tindak lanjut (paling sedikit 5 huruf).' },
  risk_flag_already_followed: { kind: 'conflict', message: 'Tanda risiko ini sudah ditandai ditindaklanjuti; ia dibuka lagi bila angkanya memburuk.' },
  // Comment threads and edits of returned items (issue 19, helper 19b).
  comment_empty: { kind: 'validation', message: 'Komentar kosong. Tulis pesan Anda lalu kirim.' },
  comment_too_long: { kind: 'validation', message: (p: { max: number; length: number }) => `Komentar paling panjang ${p.max} karakter; yang Anda tulis ${p.length} karakter.` },
  comment_thread_moved: { kind: 'conflict', message: 'Ada komentar baru sejak halaman ini dibuka. Baca dulu, lalu kirim lagi komentar Anda (teksnya kami simpan di kotak).' },
  item_changed_since_opened: { kind: 'conflict', message: 'Data ini sudah berubah sejak halaman dibuka. Periksa isinya sekarang, lalu simpan lagi.' },
  // Issue 19a: receipt drafts saved on the server ("Simpan draf").
  receipt_draft_not_found: { kind: 'not_found', message: 'Draf kuitansi tidak ditemukan (mungkin sudah dikirim atau dihapus).' },
  receipt_draft_limit: {
    kind: 'conflict',
    message: (p: { max: number }) => `Sudah ada ${p.max} draf kuitansi untuk RT ini. Selesaikan atau hapus draf yang lama dulu.`,
  },
  receipt_draft_too_large: {
    kind: 'too_large',
    message: (p: { maxBytes: number }) => `Berkas draf lebih dari ${mbRounded(p.maxBytes)}. Kirim lebih sedikit foto, atau foto yang lebih kecil.`,
  },
  receipt_draft_rt_full: {
    kind: 'too_large',
    message: (p: { maxBytes: number }) => `Draf kuitansi RT ini sudah memakai ${mbRounded(p.maxBytes)}. Selesaikan atau hapus draf yang lama dulu.`,
  },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERRORS;
type Catalogue = typeof ERRORS;
export type KindOf<C extends ErrorCode> = Catalogue[C]['kind'];
/** The codes of one kind, e.g. `CodeOf<'not_found'>`. */
export type CodeOf<K extends ErrorKind> = { [C in ErrorCode]: KindOf<C> extends K ? C : never }[ErrorCode];
/** The codes whose message carries values. */
export type ParamCode = { [C in ErrorCode]: Catalogue[C]['message'] extends string ? never : C }[ErrorCode];
export type ParamsOf<C extends ErrorCode> = Catalogue[C]['message'] extends (p: infer P) => string ? P : undefined;
export type ErrorFields = Readonly<Record<string, string>>;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * What follows the code: params typed from the catalogue (required when the message carries
 * values, optional when every value is), then field messages for forms. A union of codes is
 * accepted only when none of them carries values.
 */
export type ErrorArgs<C extends ErrorCode> = Catalogue[C]['message'] extends string
  ? [params?: undefined, fields?: ErrorFields]
  : true extends IsUnion<C>
    ? never
    : {} extends ParamsOf<C>
      ? [params?: ParamsOf<C>, fields?: ErrorFields]
      : [params: ParamsOf<C>, fields?: ErrorFields];

/** The catalogue's message for a code and its values. */
export function errorMessage<C extends ErrorCode>(code: C, ...[params]: ErrorArgs<C>): string {
  const m: string | ((p: unknown) => string) = ERRORS[code].message as string | ((p: unknown) => string);
  return typeof m === 'string' ? m : m(params ?? {});
}
