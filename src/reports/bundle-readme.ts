/**
 * BACA-SAYA.txt: how to check an audit bundle without Dana RT, in Indonesian, with standard
 * tools (sha256sum, hledger, openssl, jq, awk, Python).
 *
 * Invariants:
 * - the worked example is computed here from the entry it is given (prev hash + its exact
 *   journal.jsonl line), never typed, so it cannot go stale; the shell one-liner it shows
 *   prints that same hash (test/integration/bundle-readme.test.ts runs it);
 * - the formula it states is the one in src/domain/ledger/hash-chain.ts:
 *   hash = SHA-256(prev_hash + "\n" + line), line = canonical(entry);
 * - the checkpoint text it rebuilds is checkpointText() of src/domain/ledger/checkpoint.ts.
 */
import { createHash } from 'node:crypto';
import { CHECKPOINT_FORMAT } from '../domain/ledger/checkpoint';

export interface BundleReadmeFacts {
  year: number;
  /** 'Kelurahan Pleburan (3374050005)' or 'Kota Semarang'. */
  scope: string;
  /** The chain head at export (the end checkpoint's head). */
  chainHead: string;
  /** Entries in the whole chain at export (the end checkpoint's entryCount). */
  entryCount: number;
  /** Lines of journal.jsonl (entries in scope). */
  inScopeCount: number;
  /** The end checkpoint as printed on paper: shortCheckpoint(), "a1b2c3d4e5f60718#1234". */
  checkpointShort: string;
  /** The worked example: an in-scope entry's line of journal.jsonl (1-based), its text and the hash before it. Null when the scope has no entry. */
  example: { lineNumber: number; id: number; prevHash: string; line: string } | null;
}

export const BUNDLE_README_NAME = 'BACA-SAYA.txt';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function workedExample(f: BundleReadmeFacts): string[] {
  const x = f.example;
  if (!x) return ['(Cakupan ini tidak memuat jurnal, jadi tidak ada contoh hitungan.)'];
  const hash = sha256(`${x.prevHash}\n${x.line}`);
  return [
    `Contoh dari bundel ini: jurnal #${x.id}, baris ke-${x.lineNumber} journal.jsonl.`,
    `  prev_hash (kolom prev_hash jurnal #${x.id} di chain.csv):`,
    `    ${x.prevHash}`,
    '  baris journal.jsonl (persis, tanpa baris baru di akhir):',
    `    ${x.line}`,
    '  hash = SHA-256(prev_hash + "\\n" + baris):',
    `    ${hash}`,
    '',
    'Hitung sendiri di shell (bash; $(...) membuang baris baru di akhir baris):',
    `  PREV=${x.prevHash}`,
    `  LINE=$(sed -n '${x.lineNumber}p' journal.jsonl)`,
    `  printf '%s\\n%s' "$PREV" "$LINE" | sha256sum`,
    `Hasilnya harus ${hash}, sama dengan kolom hash jurnal #${x.id} di chain.csv.`,
  ];
}

/** The text of BACA-SAYA.txt for one bundle. */
export function bundleReadme(f: BundleReadmeFacts): string {
  const y = f.year;
  return [
    `BACA SAYA — cara memeriksa bundel audit Dana RT tanpa aplikasi Dana RT`,
    `Tahun program ${y}, cakupan: ${f.scope}`,
    `Kepala rantai hash saat ekspor: ${f.chainHead}`,
    `Jumlah jurnal dalam rantai: ${f.entryCount}; jurnal dalam cakupan (baris journal.jsonl): ${f.inScopeCount}`,
    `Titik periksa (checkpoint) bertanda tangan: ${f.checkpointShort}`,
    '  (16 karakter pertama kepala rantai # jumlah jurnal; bandingkan dengan yang tercetak di dokumen',
    '  kertas atau di halaman publik /publik/checkpoint server Dana RT)',
    '',
    'Semua perintah di bawah dijalankan di folder tempat ZIP ini diekstrak. Alatnya umum:',
    'sha256sum (GNU coreutils), hledger (1.25 atau lebih baru), openssl (3.0 atau lebih baru),',
    'jq, awk, bash, python3. Dengan aplikasi Dana RT: npm run verify-bundle -- BUNDEL.zip',
    '--public-key kunci-publik.pem memeriksa semuanya sekaligus.',
    '',
    '1. ISI BERKAS UTUH (MANIFEST.txt)',
    '   sha256sum -c MANIFEST.txt',
    '   Setiap berkas harus "OK". Baris yang diawali # di MANIFEST.txt adalah keterangan (format,',
    '   cakupan, kepala rantai, jumlah jurnal), bukan berkas; sha256sum GNU melewatinya. Bila',
    '   sha256sum Anda mengeluh soal baris itu: grep -v \'^#\' MANIFEST.txt | sha256sum -c -',
    '   MANIFEST.txt sendiri tidak tercantum di dalamnya: keasliannya dijamin oleh kepala rantai',
    '   yang ditandatangani (langkah 4) dan oleh verify-bundle, yang juga menolak berkas tambahan',
    '   atau yang hilang.',
    '',
    '2. BUKU BESAR DENGAN HLEDGER',
    `   hledger -f jurnal-${y}.journal check -s`,
    `   hledger -f jurnal-${y}.journal check ordereddates`,
    `   hledger -f jurnal-${y}.journal bal`,
    '   check -s: semua akun dan mata uang (IDR) dideklarasikan, setiap transaksi seimbang.',
    '   bal: neraca saldo; harus sama dengan balances.csv. Setiap transaksi punya dua tanggal,',
    '   TANGGAL-DICATAT=TANGGAL-TRANSAKSI: yang pertama hari jurnal dicatat (urutan rantai), yang',
    '   kedua tanggal transaksi yang dipakai BKU, SPJ dan LPJ. Laporan menurut tanggal transaksi:',
    `   hledger -f jurnal-${y}.journal bal --date2 -e ${y}-09-01   (saldo s.d. 31 Agustus)`,
    '   Tag setiap transaksi: id (nomor jurnal), event, ref, actor, recorded, hash, prev.',
    '',
    '3. RANTAI HASH (journal.jsonl dan chain.csv)',
    '   journal.jsonl memuat satu baris per jurnal dalam cakupan, persis teks yang di-hash',
    '   (UTF-8, tanpa spasi tambahan). Rumusnya:',
    '     hash = SHA-256(prev_hash + "\\n" + baris)      (hex huruf kecil)',
    '   prev_hash jurnal pertama rantai = 64 angka nol; prev_hash jurnal lain = hash jurnal',
    '   sebelumnya menurut id. Baris adalah larik JSON (JSON.stringify, tanpa spasi):',
    '     versi 1: [1,id,tahun,event,ref,uraian,actor,tanggal_transaksi,waktu_dicatat,',
    '              kunci_idempotensi,id_yang_dibalik|null,alasan|null,[[akun,jumlah],...]]',
    '     versi 2: [2, ...sama seperti versi 1..., fakta|null]',
    '   Fakta (versi 2) adalah objek fakta usaha yang menjadi dasar jurnal: untuk kuitansi RT,',
    '   tanggal, kategori, uraian, penjual, nomor nota dan SHA-256 setiap berkas bukti (ada di',
    '   folder evidence/ dengan nama <sha256>.<ext>); untuk pencairan baris RBB-nya; untuk',
    '   transfer bank rekening tujuan. Jumlah dalam rupiah utuh, debit positif, kredit negatif.',
    '',
    ...workedExample(f).map((l) => (l ? `   ${l}` : '')),
    '',
    '   chain.csv (id,prev_hash,hash,in_scope) memuat SEMUA jurnal pada rentang id bundel,',
    '   dalam cakupan (in_scope=1) maupun tidak (0, hanya hash-nya). Setiap baris harus',
    '   menyambung: prev_hash = hash baris sebelumnya, id naik satu demi satu tanpa lompatan.',
    '   prev_hash baris pertama = kepala titik periksa awal (atau 64 nol bila rentang mulai dari',
    '   jurnal 1); hash baris terakhir = kepala rantai di atas, dan id-nya = jumlah jurnal rantai.',
    '   Periksa sambungan (tidak boleh ada keluaran):',
    "     awk -F, 'NR>2 && ($2!=h || $1!=id+1) {print \"putus di id \" $1} NR>1 {h=$3; id=$1}' chain.csv",
    '   Periksa setiap baris journal.jsonl terhadap hash-nya (tidak boleh ada keluaran; satu',
    '   proses per baris, cukup untuk satu kelurahan):',
    "     awk -F, 'NR>1 && $4==1 {print $2 \" \" $3}' chain.csv | paste -d '\\t' - journal.jsonl |",
    "     while IFS=$'\\t' read -r link line; do",
    "       got=$(printf '%s\\n%s' \"${link% *}\" \"$line\" | sha256sum | cut -c1-64)",
    '       [ "$got" = "${link#* }" ] || echo "SALAH: ${line:0:60}"',
    '     done',
    '   Skrip Python scripts/independent/verify_chain.py di kode sumber Dana RT melakukan',
    '   hitungan yang sama untuk seluruh bundel hanya dengan pustaka standar Python (cara',
    '   memakainya tertulis di kepala skrip itu); ia ditulis terpisah dari aplikasi dan',
    '   diuji harus sepakat dengannya.',
    '',
    '4. TITIK PERIKSA BERTANDA TANGAN (checkpoints.jsonl, kunci-publik.pem)',
    '   Setiap baris checkpoints.jsonl adalah satu titik periksa (JSON; yang tertua dulu, yang',
    '   terakhir ditandatangani saat ekspor). Yang ditandatangani (Ed25519) adalah teks delapan',
    '   baris berikut, digabung dengan "\\n", tanpa baris baru di akhir:',
    `     ${CHECKPOINT_FORMAT}, seq, signedAt, entryCount, head, prev, keyId, reason`,
    '   hash = SHA-256(teks itu); prev = hash titik periksa sebelumnya (64 nol untuk yang',
    '   pertama); keyId = SHA-256 kunci publik dalam bentuk DER (SPKI); signature = base64.',
    '   Periksa titik periksa terakhir:',
    "     tail -n 1 checkpoints.jsonl | jq -j '[\"" + CHECKPOINT_FORMAT + "\", (.seq|tostring), .signedAt,",
    "       (.entryCount|tostring), .head, .prev, .keyId, .reason, (.auditCount|tostring), .auditHead] | join(\"\\n\")' > titik.txt",
    "     tail -n 1 checkpoints.jsonl | jq -r .signature | base64 -d > titik.sig",
    "     sha256sum titik.txt                      # = .hash titik periksa itu",
    "     awk '/BEGIN/{n++} {print > (\"kunci-ke-\" n \".pem\")}' kunci-publik.pem",
    "     for k in kunci-ke-*.pem; do echo \"$k $(openssl pkey -pubin -in $k -outform DER | sha256sum | cut -c1-64)\"; done",
    "     tail -n 1 checkpoints.jsonl | jq -r .keyId   # pakai kunci-ke-N.pem dengan keyId ini",
    '     openssl pkeyutl -verify -pubin -inkey kunci-ke-N.pem -rawin -in titik.txt -sigfile titik.sig',
    '   openssl harus menjawab "Signature Verified Successfully". Lalu: head titik periksa',
    '   terakhir = kepala rantai di atas dan di MANIFEST.txt; entryCount-nya = id terakhir',
    '   chain.csv; head titik periksa awal = prev_hash baris pertama chain.csv. Kunci publik',
    '   server juga diumumkan di /publik/kunci-publik.pem: bandingkan, jangan hanya percaya',
    '   kunci di dalam bundel.',
    '',
    '5. SALINAN YANG MUDAH DIBACA',
    '   journal.csv, postings.csv, balances.csv, rt-summary.csv, receipts.csv, statement.pdf dan',
    '   jurnal hledger adalah salinan; yang menentukan adalah journal.jsonl beserta hash-nya.',
    '   Sel teks CSV yang diawali = + - @ diberi tanda petik tunggal di depan agar tidak',
    '   dijalankan sebagai rumus oleh program lembar kerja.',
    '',
    '6. CATATAN USAHA, BERKAS RAP DAN NOMOR SURAT',
    '   plans.csv, plan-lines.csv dan plan-documents.csv memuat setiap versi RAP, barisnya dan',
    '   kelengkapan berkasnya (surat permohonan, SK lurah, buku tabungan, berita acara, daftar',
    '   hadir, foto rapat, SPTJM; berkasnya di evidence/). dossier_required di plans.csv adalah',
    '   daftar yang diminta saat RAP diajukan. Setiap unggahan, penggantian dan penghapusan berkas',
    '   tercatat di audit-log.jsonl (plan.document.add/replace/remove, dengan SHA-256 berkasnya):',
    '   verify-bundle mencocokkan plan-documents.csv dengan catatan itu, dan log audit terikat',
    '   pada titik periksa bertanda tangan. pre-dossier-plans.csv memuat RAP yang diajukan sebelum',
    '   berkas diminta (didaftar sekali oleh migrasi 0028): hanya RAP itu yang boleh tanpa',
    '   dossier_required, dan pengajuannya di audit-log.jsonl tidak boleh mencatat syarat berkas.',
    '   pre-dossier-plans.csv ada sejak format dana-rt-bundle/3 (baris "# format:" di MANIFEST.txt).',
    '   Bundel dana-rt-bundle/2 yang diunduh sebelumnya tidak memuatnya: verify-bundle tetap',
    '   memeriksa bundel itu, dengan "Catatan:" bahwa pemeriksaan daftar RAP yang diajukan sebelum',
    '   berkas diminta tidak termasuk versi format itu (bukan kesalahan, bukan juga lolos diam-diam);',
    '   RAP tanpa dossier_required tetap tidak boleh punya pengajuan di audit-log.jsonl yang mencatat',
    '   syarat berkas.',
    '   Baris format tidak ditandatangani: catatan itu menyebut waktu titik periksa ekspor yang',
    '   ditandatangani; bundel yang diunduh sekarang selalu berformat 3.',
    '   tranches.csv, bank-batches.csv, bank-batch-rows.csv',
    '   (berkas bank di bank-batches/) dan spj.csv memuat pencairan, pembayaran dan SPJ.',
    '   document-numbers.csv memuat nomor surat yang diterbitkan kantor kelurahan: per jenis',
    '   dan tahun nomor urutnya 1, 2, 3, ... tanpa lompatan, dan teks nomornya sesuai nomor urut',
    '   dan tanggal terbitnya.',
    '',
  ].join('\n');
}
