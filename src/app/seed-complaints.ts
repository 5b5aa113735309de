/**
 * The demo's aduan warga on RT 001 / RW 001 Pleburan: one question answered by the lurah and
 * published on the RT's page, one waiting for the kelurahan. Through the same use cases as the
 * web (without the form's abuse checks: the seed is not a browser).
 */
import { toActor } from '../domain/access';
import { answerComplaint } from './answer-complaint';
import { at } from './seed-clock';
import type { Services } from './services';
import { recordComplaint } from './submit-complaint';

export function seedComplaints(s: Services, kelurahanCode: string): void {
  const rt = s.registry.findRtByNumbers(kelurahanCode, 1, 1);
  const lurah = s.users.findByUsername(`lurah.pleburan`);
  if (!rt || !lurah || s.complaints.published({ kind: 'rt', id: rt.id }, 1).length) return;
  const target = { kind: 'rt' as const, id: rt.id };
  const answered = recordComplaint(at(s, '2026-11-16T02:15:00Z'), target, {
    kind: 'pertanyaan',
    message: 'Selamat pagi. Uang kerja bakti bulan Oktober dipakai untuk apa saja? Di grup WA ada yang bilang untuk konsumsi saja.',
    senderName: 'Warga RT 001',
    senderPhone: '081234500011',
  });
  answerComplaint(
    at(s, '2026-11-18T06:40:00Z'),
    toActor(lurah),
    answered.id,
    'Terima kasih atas pertanyaannya. Dana kerja bakti 12 Oktober dipakai untuk konsumsi peserta dan sewa alat (cangkul, gerobak). Nota dan foto kegiatannya terbit di halaman publik RT ini, di daftar belanja bulan Oktober.',
    null,
  );
  recordComplaint(at(s, '2026-11-26T03:30:00Z'), target, {
    kind: 'dugaan_penyimpangan',
    message: 'Lampu jalan di gang 3 belum dipasang padahal katanya sudah dibeli dari dana RT. Mohon dicek.',
    senderName: null,
    senderPhone: null,
  });
}
