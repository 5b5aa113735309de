/**
 * Issue 15, item 7: the same nota photo in other bytes is a duplicate, and a near copy is flagged.
 * Replayed through HTTP (multipart uploads, the review and receipts pages): a copy with the same
 * decoded pixels is refused as an identical file is, in the same RT and in another kelurahan, the
 * chair learning nothing about the other receipt; a re-encoded, resized, cropped or brightened
 * copy is accepted and flagged to the treasurer, with a link to the other receipt only for a
 * reader whose scope holds it, never shown to a chair; distinct photos pass unflagged. `verify`
 * recomputes the fingerprints of the stored photos.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage, seededPng } from '../../src/app/seed-documents';
import { fingerprintImage, fingerprintPixels } from '../../src/app/image-fingerprint';
import { verifyEvidencePixels } from '../../src/app/verify-evidence';
import { toActor } from '../../src/db/user-repository';
import type { ReceiptFlag } from '../../src/domain/grants/receipt';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { seededApp, signedIn, type Agent, type Services } from '../helpers/http';

const PLEBURAN = '3374050005';
const BULUSTALAN = '3374050001';

type Who = { agent: Agent; csrf: string; rtId: number };
let s: Services;
let chairA: Who; // Pleburan RT 005 / RW 003: records the originals
let chairB: Who; // Pleburan RT 006 / RW 003: another RT of the same kelurahan
let chairC: Who; // Bulustalan: another kelurahan
let bendahara: { agent: Agent; csrf: string }; // Pleburan
let bendaharaC: { agent: Agent; csrf: string }; // Bulustalan
let auditor: { agent: Agent; csrf: string };
let seed = 0;
let key = 0;

async function chairWithCash(kelurahanCode: string, rw: number, rt: number, username: string, treasurer: string): Promise<number> {
  const rtId = s.registry.findRtByNumbers(kelurahanCode, rw, rt)!.id;
  const { actor: chair } = await aUser(s, { username, role: 'ketua_rt', rtId });
  const b = toActor(s.users.findByUsername(treasurer)!);
  approvePlanFully(s, b, (await aSubmittedPlan(s, chair)).id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'ADM', description: 'ATK', amount: 600_000 }], requestKey: `near-dup-tranche-${username}` }).id);
  return rtId;
}

beforeAll(async () => {
  const app = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => new Date('2026-10-20T03:00:00Z'));
  s = app.s;
  await aUser(s, { username: 'bendahara.bulustalan', role: 'bendahara', kelurahanCode: BULUSTALAN });
  const a = await chairWithCash(PLEBURAN, 3, 5, 'ketua.asli', 'bendahara.pleburan');
  const b = await chairWithCash(PLEBURAN, 3, 6, 'ketua.tetangga', 'bendahara.pleburan');
  const c = await chairWithCash(BULUSTALAN, 1, 1, 'ketua.jauh', 'bendahara.bulustalan');
  chairA = { ...(await signedIn(app.app, 'ketua.asli')), rtId: a };
  chairB = { ...(await signedIn(app.app, 'ketua.tetangga')), rtId: b };
  chairC = { ...(await signedIn(app.app, 'ketua.jauh')), rtId: c };
  bendahara = await signedIn(app.app, 'bendahara.pleburan');
  bendaharaC = await signedIn(app.app, 'bendahara.bulustalan');
  auditor = await signedIn(app.app, 'auditor');
});

/** Records a one-photo ADM receipt (the nota is all ADM needs) through the web form. */
function post(who: Who, nota: Buffer, name = 'nota.jpg') {
  return who.agent
    .post(`/rt/${who.rtId}/kuitansi`)
    .field('_csrf', who.csrf)
    .field('year', '2026')
    .field('requestKey', `near-dup-request-${String(++key).padStart(6, '0')}`)
    .field('date', '2026-10-20')
    .field('category', 'ADM')
    .field('description', 'Fotokopi undangan rapat')
    .field('vendor', 'Fotokopi Barokah')
    .field('notaNumber', `FB-${key}`)
    .field('amount', '10.000')
    .attach('nota', nota, name);
}

/** A fresh nota photo recorded by chair A: the original a copy is measured against. */
async function anOriginal(): Promise<{ photo: Buffer; receiptId: number }> {
  const photo = await evidenceImage('nota', ['FOTOKOPI BAROKAH', `Nota FB-${++seed}`, 'Rp 10.000'], 3100 + seed);
  const res = await post(chairA, photo, 'nota-asli.jpg');
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  return { photo, receiptId: s.receipts.ofRt(chairA.rtId, 2026)[0]!.id };
}

const latest = (rtId: number) => s.receipts.ofRt(rtId, 2026)[0];
const flagsOf = (receiptId: number) => JSON.parse(s.receipts.find(receiptId)!.flags) as ReceiptFlag[];

/** A JPEG comment segment inserted after SOI: other bytes, the same pixels. */
const withComment = (jpeg: Buffer, text: string) => {
  const body = Buffer.from(text);
  const head = Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 255]);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
};
/** An EXIF segment (APP1, one ASCII "Make" tag) inserted after SOI: another camera named, the same pixels. */
const withExif = (jpeg: Buffer, make: string) => {
  const value = Buffer.from(`${make}\0`, 'latin1');
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x010f, 10); // Make
  tiff.writeUInt16LE(2, 12); // ASCII
  tiff.writeUInt32LE(value.length, 14);
  tiff.writeUInt32LE(tiff.length, 18); // the value follows the IFD
  tiff.writeUInt32LE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, value]);
  const head = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
};

const SAME_PIXELS: Array<[string, (jpeg: Buffer) => Promise<Buffer> | Buffer, string]> = [
  ['the identical file', (j) => j, 'nota-sama.jpg'],
  ['the file with one byte appended', (j) => Buffer.concat([j, Buffer.from([0x42])]), 'nota-plus-satu.jpg'],
  ['the file with a JPEG comment added', (j) => withComment(j, 'difoto ulang'), 'nota-komentar.jpg'],
  ['the file with its EXIF changed (another camera)', (j) => withExif(j, 'Kamera Lain'), 'nota-exif.jpg'],
  ['the same pixels re-saved as PNG', (j) => sharp(j).png().toBuffer(), 'nota-ulang.png'],
];

describe('a copy with the same decoded pixels is refused as a duplicate, anywhere in the city', () => {
  it.each(SAME_PIXELS.flatMap(([what, make, name]) => [
    [what, 'in the same RT', make, name, () => chairA] as const,
    [what, 'in another kelurahan', make, name, () => chairC] as const,
  ]))('%s, %s: 422 with the duplicate message, nothing recorded, the other receipt not named', async (_what, _where, make, name, who) => {
    const { photo, receiptId } = await anOriginal();
    const chair = who();
    const before = s.receipts.ofRt(chair.rtId, 2026).length;
    const copy = await make(photo);
    const res = await post(chair, copy, name);
    expect(res.status).toBe(422);
    expect(res.text.replaceAll('&quot;', '"')).toContain(`Berkas "${name}" sudah pernah dipakai untuk kuitansi lain.`);
    if (chair === chairC) {
      // A chair of another kelurahan learns nothing about the receipt it duplicates.
      expect(res.text).not.toContain(`#${receiptId}`);
      expect(res.text).not.toContain('RT 005 / RW 003');
      expect(res.text).not.toContain('Pleburan');
    }
    expect(s.receipts.ofRt(chair.rtId, 2026).length).toBe(before);
    // The treasurer of the refused upload's kelurahan sees the attempt.
    const review = await (chair === chairA ? bendahara : bendaharaC).agent.get('/verifikasi');
    expect(review.text).toContain(name);
  });

  it('two files with the same pixels in one upload: "uploaded twice"', async () => {
    const photo = await evidenceImage('nota', ['DUA KALI'], 3999);
    const res = await chairB.agent
      .post(`/rt/${chairB.rtId}/kuitansi`).field('_csrf', chairB.csrf).field('year', '2026').field('requestKey', 'near-dup-twice-000001')
      .field('date', '2026-10-20').field('category', 'LIN').field('description', 'Kantong sampah kerja bakti').field('vendor', 'Toko Plastik').field('amount', '20.000')
      .attach('nota', photo, 'nota.jpg').attach('fotoKegiatan', await sharp(photo).png().toBuffer(), 'kegiatan.png');
    expect(res.status).toBe(422);
    expect(res.text).toContain('diunggah dua kali');
  });
});

const NEAR: Array<[string, (jpeg: Buffer) => Promise<Buffer>]> = [
  ['re-encoded at JPEG quality 45', (j) => sharp(j).jpeg({ quality: 45 }).toBuffer()],
  ['resized to 75 %', (j) => sharp(j).resize(480).jpeg({ quality: 85 }).toBuffer()],
  ['cropped by 1 % on each side', async (j) => sharp(j).extract({ left: 6, top: 8, width: 628, height: 804 }).jpeg({ quality: 80 }).toBuffer()],
  ['brightened by 3 %', (j) => sharp(j).modulate({ brightness: 1.03 }).jpeg({ quality: 80 }).toBuffer()],
];
/** Handlebars writes "=" in an attribute as "&#x3D;". */
const html = (text: string) => text.replaceAll('&#x3D;', '=');

describe('a near copy is accepted and flagged to the treasurer, with a link only within her scope', () => {
  it.each(NEAR)('%s, by another RT of the same kelurahan: flagged with a link for the treasurer and the auditor, nothing for the chair', async (_what, make) => {
    const { photo, receiptId } = await anOriginal();
    const res = await post(chairB, await make(photo), 'nota-tetangga.jpg');
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    const copy = latest(chairB.rtId)!;
    expect(copy.status).toBe('pending');
    const flag = flagsOf(copy.id).find((f) => f.code === 'similar_photo');
    expect(flag).toMatchObject({ code: 'similar_photo', receiptId, rtId: chairA.rtId });
    // The flag opens both receipts side by side.
    const link = `/kuitansi/${copy.id}/banding/${receiptId}`;
    const review = { text: html((await bendahara.agent.get('/verifikasi')).text) };
    const card = review.text.slice(review.text.indexOf(`id="kuitansi-${copy.id}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toContain(`href="${link}"`);
    expect(card).toContain('nota-tetangga.jpg');
    const audit = { text: html((await auditor.agent.get(`/rt/${chairB.rtId}/kuitansi`)).text) };
    expect(audit.text).toContain(`href="${link}"`);
    // The chair's own page says nothing of it.
    const own = await chairB.agent.get(`/rt/${chairB.rtId}/kuitansi`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('nota-tetangga.jpg');
    expect(own.text).not.toContain('hampir sama');
    expect(own.text).not.toContain('tampak sama');
    expect(own.text).not.toContain(`kuitansi-${receiptId}`);
  });

  it.each(NEAR)('%s, by another kelurahan: flagged for its treasurer without the link or the receipt', async (_what, make) => {
    const { photo, receiptId } = await anOriginal();
    const res = await post(chairC, await make(photo), 'nota-jauh.jpg');
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    const copy = latest(chairC.rtId)!;
    expect(flagsOf(copy.id)).toEqual([expect.objectContaining({ code: 'similar_photo', receiptId })]);
    const review = await bendaharaC.agent.get('/verifikasi');
    const card = review.text.slice(review.text.indexOf(`id="kuitansi-${copy.id}"`));
    const article = card.slice(0, card.indexOf('</article>'));
    expect(article).toMatch(/(hampir|tampak) sama/);
    expect(article).toContain('kuitansi di luar wilayah Anda');
    expect(article).not.toContain(`kuitansi-${receiptId}`);
    expect(article).not.toContain(`#${receiptId}`);
    expect(article).not.toContain('Pleburan');
    // The city-wide auditor is given the link.
    const audit = { text: html((await auditor.agent.get(`/rt/${chairC.rtId}/kuitansi`)).text) };
    expect(audit.text).toContain(`href="/kuitansi/${copy.id}/banding/${receiptId}"`);
    const own = await chairC.agent.get(`/rt/${chairC.rtId}/kuitansi`);
    expect(own.text).not.toMatch(/(hampir|tampak) sama/);
  });

  it('a returned receipt completed with a near copy of another receipt\'s photo: flagged when it comes back', async () => {
    const { photo, receiptId } = await anOriginal();
    expect((await post(chairB, await evidenceImage('nota', ['NOTA KABUR'], 5100), 'nota-kabur.jpg')).status).toBe(303);
    const own = latest(chairB.rtId)!;
    const back = await bendahara.agent.post(`/kuitansi/${own.id}/kembalikan`).type('form').send({ _csrf: bendahara.csrf, note: 'Nota tidak terbaca; lampirkan foto nota yang jelas.', back: 'verifikasi' });
    expect(back.status).toBe(303);
    const resend = await chairB.agent.post(`/kuitansi/${own.id}/kirim-ulang`).field('_csrf', chairB.csrf).attach('nota', await sharp(photo).resize(500).jpeg({ quality: 70 }).toBuffer(), 'nota-jelas.jpg');
    expect(resend.status, resend.text.slice(0, 300)).toBe(303);
    expect(s.receipts.find(own.id)!.status).toBe('pending');
    expect(flagsOf(own.id)).toEqual([expect.objectContaining({ code: 'similar_photo', receiptId })]);
  });

  it('distinct photos pass unflagged', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await post(chairB, await evidenceImage('nota', ['TOKO LAIN', `Nota ${i}`], 5200 + i), `nota-lain-${i}.jpg`);
      expect(res.status).toBe(303);
      expect(flagsOf(latest(chairB.rtId)!.id)).toEqual([]);
    }
  });

  it('a rejected receipt frees its photo: the same photo is then accepted, unflagged by the dead receipt', async () => {
    const { photo, receiptId } = await anOriginal();
    const rejected = await bendahara.agent.post(`/kuitansi/${receiptId}/tolak`).type('form').send({ _csrf: bendahara.csrf, reason: 'Nota dobel', back: 'verifikasi' });
    expect(rejected.status).toBe(303);
    expect(s.receipts.find(receiptId)!.status).toBe('rejected');
    const res = await post(chairA, Buffer.concat([photo, Buffer.from('x')]), 'nota-benar.jpg');
    expect(res.status).toBe(303);
    expect(flagsOf(latest(chairA.rtId)!.id).filter((f) => f.code === 'similar_photo')).toEqual([]);
  });
});

describe('one fingerprint function', () => {
  it('a generator that writes a PNG of known pixels fingerprints them as an upload does after decoding', async () => {
    for (let i = 0; i < 20; i++) {
      const photo = seededPng(`generator ${i}`);
      expect(fingerprintPixels(photo.pixels, photo)).toEqual(await fingerprintImage(photo.png));
    }
  });
});

describe('verify recomputes the fingerprints of the stored photos', () => {
  it('matches on the data above, and names a photo whose recorded fingerprint no longer matches its pixels', async () => {
    const clean = await verifyEvidencePixels(s);
    expect(clean.problems).toEqual([]);
    expect(clean.photos).toBeGreaterThan(20);
    const [one, two] = s.db.sqlite.prepare('SELECT sha256, pixel_sha256 AS px, phash FROM evidence_files WHERE pixel_sha256 IS NOT NULL ORDER BY sha256 LIMIT 2').all() as Array<{ sha256: string; px: string; phash: string }>;
    s.db.sqlite.prepare('UPDATE evidence_files SET pixel_sha256 = ? WHERE sha256 = ?').run('0'.repeat(64), one!.sha256);
    s.db.sqlite.prepare("UPDATE evidence_files SET phash = 'ffffffffffffffff' WHERE sha256 = ?").run(two!.sha256);
    try {
      const report = await verifyEvidencePixels(s);
      expect(report.problems).toHaveLength(2);
      expect(report.problems.join('\n')).toContain(`berkas bukti ${one!.sha256}`);
      expect(report.problems.join('\n')).toContain('piksel gambarnya tidak cocok lagi');
      expect(report.problems.join('\n')).toContain(`berkas bukti ${two!.sha256}`);
      expect(report.problems.join('\n')).toContain('sidik kemiripan gambarnya');
    } finally {
      s.db.sqlite.prepare('UPDATE evidence_files SET pixel_sha256 = ? WHERE sha256 = ?').run(one!.px, one!.sha256);
      s.db.sqlite.prepare('UPDATE evidence_files SET phash = ? WHERE sha256 = ?').run(two!.phash, two!.sha256);
    }
    expect((await verifyEvidencePixels(s)).problems).toEqual([]);
  });
});
