/**
 * The bulk accounts' letters: one page per RT under the kelurahan's letterhead, with the
 * username and temporary password of each new account and how to sign in. Streamed page by page
 * into the response (never buffered whole, never written to disk): the passwords exist only in
 * this response.
 */
import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import type { OfficeHeader } from './shapes/cash-book';
import { letterhead } from './pdf-doc';

export interface AccountLettersModel {
  header: OfficeHeader;
  kelurahanName: string;
  /** "Semarang, 6 Desember 2026" */
  placeDate: string;
  signInUrl: string;
  issuerName: string;
  issuerRole: string;
  conflictUntil: string;
  letters: Array<{ rtLabel: string; accounts: Array<{ displayName: string; roleLabel: string; username: string; temporary: string }> }>;
}

export function streamAccountLetters(out: Writable, m: AccountLettersModel): void {
  const doc = new PDFDocument({ size: 'A4', margin: 36, info: { Title: `Akun Dana RT Kelurahan ${m.kelurahanName}`, Author: 'Dana RT' } });
  doc.pipe(out);
  const pageW = doc.page.width - 72;
  m.letters.forEach((letter, i) => {
    if (i > 0) doc.addPage();
    letterhead(doc, m.header);
    doc.font('Helvetica-Bold').fontSize(12).text('PEMBERITAHUAN AKUN DANA RT', 36, doc.y, { width: pageW, align: 'center' });
    doc.font('Helvetica').fontSize(10).text(`${letter.rtLabel}, Kelurahan ${m.kelurahanName}`, { width: pageW, align: 'center' }).moveDown(1);
    doc.fontSize(10).text(m.placeDate, { width: pageW, align: 'right' }).moveDown(0.5);
    const names = letter.accounts.map((a) => `${a.displayName} (${a.roleLabel})`).join(', ');
    doc.text(`Kepada Yth. ${names}`, { width: pageW }).moveDown(0.8);
    doc.text(
      `Untuk mencatat dana operasional ${letter.rtLabel} secara daring, akun Dana RT berikut telah dibuat. Kata sandi di bawah ini sementara: hanya berlaku sampai Anda masuk pertama kali, lalu Anda wajib menggantinya dengan kata sandi Anda sendiri.`,
      { width: pageW, align: 'justify' },
    ).moveDown(0.8);
    for (const a of letter.accounts) {
      const y = doc.y;
      doc.rect(36, y, pageW, 62).lineWidth(1).strokeColor('#000000').stroke();
      doc.font('Helvetica').fontSize(9).text(`${a.roleLabel}: ${a.displayName}`, 46, y + 8, { width: pageW - 20 });
      doc.font('Helvetica').fontSize(10).text('Nama pengguna', 46, y + 24);
      doc.font('Courier-Bold').fontSize(13).text(a.username, 170, y + 22);
      doc.font('Helvetica').fontSize(10).text('Kata sandi sementara', 46, y + 42);
      doc.font('Courier-Bold').fontSize(13).text(a.temporary, 170, y + 40);
      doc.x = 36;
      doc.y = y + 72;
    }
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('Cara masuk', 36, doc.y, { width: pageW });
    const steps = [
      `Buka ${m.signInUrl} di HP atau komputer.`,
      'Ketik nama pengguna dan kata sandi sementara persis seperti tertulis di atas (huruf kecil, dengan tanda hubung).',
      'Anda langsung diminta membuat kata sandi baru (minimal 10 karakter, tanpa nama pengguna). Simpan baik-baik.',
      'Lengkapi nomor HP dan e-mail di menu Akun bila ingin menerima pemberitahuan.',
    ];
    doc.font('Helvetica').fontSize(10);
    steps.forEach((t, n) => doc.text(`${n + 1}. ${t}`, 46, doc.y, { width: pageW - 10 }));
    doc.moveDown(0.8).fontSize(9).text(
      `Rahasiakan kata sandi ini dan jangan berikan kepada siapa pun, termasuk petugas. Karena ${m.issuerName} (${m.issuerRole}) memberi kata sandi sementara ini, ia tidak boleh memutuskan kuitansi, rencana, pencairan atau SPJ RT Anda sampai ${m.conflictUntil}. Jika surat ini tidak tertutup rapat saat diterima, minta kata sandi diatur ulang.`,
      36,
      doc.y,
      { width: pageW, align: 'justify' },
    );
    doc.moveDown(2).fontSize(10).text(m.issuerRole, 36 + pageW / 2, doc.y, { width: pageW / 2, align: 'center' }).moveDown(3);
    doc.text(m.issuerName, 36 + pageW / 2, doc.y, { width: pageW / 2, align: 'center', underline: true });
    doc.fontSize(8).text(`Halaman ${i + 1} dari ${m.letters.length}`, 36, doc.page.height - 50, { width: pageW, align: 'center', lineBreak: false });
    doc.x = 36;
  });
  doc.end();
}
