/**
 * Aduan warga (issue 20, item 3) replayed through HTTP with a fixed clock: a resident asks from
 * the public form, the lurah answers on time and the answer is published; another complaint is not
 * answered and escalates to the kecamatan desk, then the city, shown at read time before the tick;
 * every step audited. Then the abuse table (honeypot, fill time, stamps, limits, duplicates, body
 * sizes) and privacy (the sender never on a public page, in the audit log or to the RT's chair).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../helpers/db';
import { anonymous, appOf, csrfFrom, seededApp, signedIn, type Agent } from '../helpers/http';
import type { Application } from '../../src/app/application';
import { createApplication } from '../../src/app/application';
import { loadConfig } from '../../src/config';

const PLEBURAN = '3374050005';
// Friday 29 May 2026, 10.00 WIB: the deadline skips the weekend and Monday 1 June (Hari Lahir Pancasila).
const FRIDAY = '2026-05-29T03:00:00Z';
const SENDER_NAME = 'Sutarmi Wiryawan';
const SENDER_PHONE = '081398765432';

let s: Services;
let http: ReturnType<typeof appOf>['app'];
let application: Application;
let clock: Date;
let rtId: number;

const at = (iso: string) => {
  clock = new Date(iso);
};
const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

beforeEach(async () => {
  clock = new Date(FRIDAY);
  const app = await seededApp({ trustProxy: 1 }, () => clock);
  s = app.s;
  http = app.app;
  application = createApplication(s, loadConfig({ logLevel: 'silent' }));
  rtId = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
});

const stampOf = (html: string) => /name="stamp" value="([^"]*)"/.exec(html)?.[1] ?? '';

/** Opens the form as a resident from `ip`, waits `fill` seconds, sends it; the reply. */
async function ask(o: { ip?: string; fill?: number; message?: string; body?: Record<string, string>; agent?: { agent: Agent; csrf: string }; target?: string } = {}) {
  const who = o.agent ?? (await anonymous(http));
  const ip = o.ip ?? '203.0.113.7';
  const page = await who.agent.get(`/publik/aduan/baru?${o.target ?? `rt=${rtId}`}`).set('X-Forwarded-For', ip);
  expect(page.status).toBe(200);
  later(o.fill ?? 30);
  const [kind, id] = (o.target ?? `rt=${rtId}`).split('=');
  return who.agent
    .post('/publik/aduan')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({
      _csrf: csrfFrom(page.text),
      targetKind: kind!,
      targetId: id!,
      stamp: stampOf(page.text),
      kind: 'pertanyaan',
      message: o.message ?? 'Dana kerja bakti bulan Oktober dipakai untuk apa saja?',
      senderName: SENDER_NAME,
      senderPhone: '0813-9876-5432',
      website: '',
      ...o.body,
    });
}

const codeIn = (location: string | undefined) => /\/publik\/aduan\/(ADU-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(location ?? '')?.[1];
const auditOf = (id: number) =>
  (s.db.sqlite.prepare("select action, actor_name as actor from audit_log where target_type = 'complaint' and target_id = ? order by id").all(String(id)) as Array<{ action: string; actor: string }>);

describe('the complaint lifecycle (fixed clock)', () => {
  // The first test of the file pays for the seeded template (slow on a loaded machine).
  it('received on a Friday, answered on time by the lurah, published on the RT page and the tracking page', { timeout: 180_000 }, async () => {
    const sent = await ask();
    expect(sent.status).toBe(303);
    const code = codeIn(sent.headers.location)!;
    expect(code).toMatch(/^ADU-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const row = s.complaints.findByCode(code)!;
    const lurah = s.users.findByUsername('lurah.pleburan')!;
    expect(row).toMatchObject({ receivedOn: '2026-05-29', deadlineOn: '2026-06-04', level: 0, assignedUserId: lurah.id, assignedRole: 'lurah', senderName: SENDER_NAME, senderPhone: SENDER_PHONE });

    // Shown once with the code, then readable by it: status and deadline, no question before the answer.
    const shown = await (await anonymous(http)).agent.get(sent.headers.location!);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Simpan kode pelacakan ini');
    expect(shown.text).toContain('4 Juni 2026');
    expect(shown.text).toContain('Menunggu jawaban kelurahan');
    expect(shown.text).not.toContain('Dana kerja bakti bulan Oktober');

    // Thursday 4 June (the deadline day): the lurah's inbox shows it due today, and she answers.
    at('2026-06-04T02:00:00Z');
    const l = await signedIn(http, 'lurah.pleburan');
    const inbox = await l.agent.get('/aduan');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain(code);
    expect(inbox.text).toContain('tenggat hari ini');
    const detail = await l.agent.get(`/aduan/${row.id}`);
    expect(detail.text).toContain(SENDER_NAME);
    expect(detail.text).toContain(SENDER_PHONE);
    const answered = await l.agent.post(`/aduan/${row.id}/jawab`).type('form').send({ _csrf: l.csrf, answer: 'Untuk konsumsi kerja bakti 12 Oktober (Rp450.000) dan sewa alat (Rp150.000); notanya terbit di halaman RT.' });
    expect(answered.status).toBe(303);
    const after = s.complaints.find(row.id)!;
    expect(after).toMatchObject({ level: 0, answeredOn: '2026-06-04', answeredByRole: 'lurah', answeredByUserId: lurah.id });
    expect(after.publishedAt).not.toBeNull();

    const track = await (await anonymous(http)).agent.get(`/publik/aduan/${code}`);
    expect(track.text).toContain('Sudah dijawab');
    expect(track.text).toContain('Dana kerja bakti bulan Oktober');
    expect(track.text).toContain('sewa alat (Rp150.000)');
    const published = application.complaints.publicAnswers({ kind: 'rt', id: rtId });
    expect(published).toEqual([
      { kind: 'Pertanyaan', receivedOn: '29 Mei 2026', question: 'Dana kerja bakti bulan Oktober dipakai untuk apa saja?', answer: expect.stringContaining('sewa alat'), answeredOn: '4 Juni 2026', answeredByRole: 'Lurah' },
    ]);
    // A second answer is refused; the database keeps the published one whatever is tried.
    const again = await l.agent.post(`/aduan/${row.id}/jawab`).type('form').send({ _csrf: l.csrf, answer: 'Jawaban lain' });
    expect(again.status).toBe(409);
    expect(() => s.db.sqlite.prepare('update complaints set answer = ? where id = ?').run('diubah', row.id)).toThrow(/final/);
    expect(auditOf(row.id).map((a) => a.action)).toEqual(['complaint.received', 'complaint.assigned', 'complaint.answered', 'complaint.published']);
    expect(auditOf(row.id).map((a) => a.actor)).toEqual(['system:warga', 'system:rute-aduan', 'lurah.pleburan', 'lurah.pleburan']);
  });

  it('not answered: shown escalated at read time, escalated by the tick to the kecamatan desk, then the city; every step audited', async () => {
    const code = codeIn((await ask()).headers.location)!;
    const id = s.complaints.findByCode(code)!.id;
    const anon = (await anonymous(http)).agent;

    // Friday 5 June: past the kelurahan's deadline. Before any tick the pages already say so.
    at('2026-06-05T01:00:00Z');
    expect((await anon.get(`/publik/aduan/${code}`)).text).toContain('Dialihkan ke meja pengawasan kecamatan');
    const desk = await signedIn(http, 'pengawas.semarangselatan');
    const deskInbox = await desk.agent.get('/aduan');
    expect(deskInbox.text).toContain(code);
    expect(deskInbox.text).toContain('9 Juni 2026');
    expect(s.complaints.find(id)!.level).toBe(0);

    expect(application.complaints.escalateDue()).toBe(1);
    const pengawas = s.users.findByUsername('pengawas.semarangselatan')!;
    expect(s.complaints.find(id)).toMatchObject({ level: 1, deadlineOn: '2026-06-09', assignedUserId: pengawas.id, assignedRole: 'pengawas' });
    // Idempotent: the next tick finds nothing to do.
    expect(application.complaints.escalateDue()).toBe(0);
    expect((await desk.agent.get('/aduan')).text).toContain('untuk Anda');

    // Wednesday 10 June: past the desk's deadline too. The demo has no city-wide desk: the admin holds it.
    at('2026-06-10T01:00:00Z');
    expect((await anon.get(`/publik/aduan/${code}`)).text).toContain('Dialihkan ke kota');
    expect(application.complaints.escalateDue()).toBe(1);
    const admin = s.users.findByUsername('admin')!;
    expect(s.complaints.find(id)).toMatchObject({ level: 2, deadlineOn: '2026-06-12', assignedUserId: admin.id, assignedRole: 'admin' });
    expect(application.complaints.escalateDue()).toBe(0);

    // The desk's read for 20c: the RT has one complaint past the kelurahan's deadline.
    expect(s.complaints.overdueComplaintsByRt('2026-06-10')).toContainEqual({ rtId, count: 1, oldestDeadline: '2026-06-04' });
    expect(s.complaints.overdueComplaintsByRt('2026-06-04').find((r) => r.rtId === rtId)).toBeUndefined();

    // The city answers; the audit log tells every step and who took it.
    const a = await signedIn(http, 'admin');
    expect((await a.agent.post(`/aduan/${id}/jawab`).type('form').send({ _csrf: a.csrf, answer: 'Sudah kami periksa bersama kelurahan.' })).status).toBe(303);
    expect(auditOf(id)).toEqual([
      { action: 'complaint.received', actor: 'system:warga' },
      { action: 'complaint.assigned', actor: 'system:rute-aduan' },
      { action: 'complaint.escalated', actor: 'system:eskalasi-aduan' },
      { action: 'complaint.assigned', actor: 'system:eskalasi-aduan' },
      { action: 'complaint.escalated', actor: 'system:eskalasi-aduan' },
      { action: 'complaint.assigned', actor: 'system:eskalasi-aduan' },
      { action: 'complaint.answered', actor: 'admin' },
      { action: 'complaint.published', actor: 'admin' },
    ]);
    // Each holder was told through the notification outbox: the lurah, then the kecamatan desk, then the city.
    const told = s.db.sqlite
      .prepare(`SELECT u.role, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'complaint_assigned' ORDER BY n.id`)
      .all() as Array<{ role: string; payload: string }>;
    const mine = told.filter((t) => (JSON.parse(t.payload) as { link: string }).link === `/aduan/${id}`);
    expect(mine.map((t) => [t.role, (JSON.parse(t.payload) as { reason: string }).reason])).toEqual([
      ['lurah', 'received'],
      ['pengawas', 'escalated'],
      [mine[2]?.role === 'pengawas' ? 'pengawas' : 'admin', 'escalated'],
    ]);
    expect(s.complaints.overdueComplaintsByRt('2026-06-10').find((r) => r.rtId === rtId)).toBeUndefined();
  });

  it('an answer given after the deadline, before any tick, first records the escalation (by the system), then the answer', async () => {
    const id = s.complaints.findByCode(codeIn((await ask()).headers.location)!)!.id;
    at('2026-06-08T02:00:00Z');
    const l = await signedIn(http, 'lurah.pleburan');
    expect((await l.agent.post(`/aduan/${id}/jawab`).type('form').send({ _csrf: l.csrf, answer: 'Maaf terlambat: dana dipakai untuk konsumsi.' })).status).toBe(303);
    expect(s.complaints.find(id)).toMatchObject({ level: 1, answeredOn: '2026-06-08' });
    expect(auditOf(id).map((a) => a.action)).toEqual(['complaint.received', 'complaint.assigned', 'complaint.escalated', 'complaint.assigned', 'complaint.answered', 'complaint.published']);
  });

  it('goes to the kelurahan treasurer where no lurah account is active', async () => {
    s.users.setActive(s.users.findByUsername('lurah.pleburan')!.id, false);
    const row = s.complaints.findByCode(codeIn((await ask()).headers.location)!)!;
    expect(row).toMatchObject({ assignedUserId: s.users.findByUsername('bendahara.pleburan')!.id, assignedRole: 'bendahara' });
  });
});

describe('abuse held back without a captcha (each row: what is sent, what comes back)', () => {
  const table: Array<{ name: string; send: () => Promise<{ status: number; text: string }>; status: number; text?: string | RegExp }> = [
    { name: 'a person who took 30 s', send: () => ask(), status: 303 },
    { name: 'the honeypot filled in', send: () => ask({ body: { website: 'http://promo.example' } }), status: 422, text: 'tidak dapat dikirim' },
    { name: 'sent 1 s after the form opened', send: () => ask({ fill: 1 }), status: 422, text: 'kurang dari 4 detik' },
    { name: 'a form opened more than a day ago', send: () => ask({ fill: 25 * 3600 }), status: 422, text: 'lebih dari satu hari' },
    { name: 'a forged stamp', send: () => ask({ body: { stamp: `${clock.getTime() - 60_000}.${'A'.repeat(43)}` } }), status: 422, text: 'tidak sah' },
    { name: 'a stamp issued for another RT', send: async () => {
      const other = s.registry.findRtByNumbers(PLEBURAN, 1, 3)!.id;
      const page = await (await anonymous(http)).agent.get(`/publik/aduan/baru?rt=${other}`);
      return ask({ body: { stamp: stampOf(page.text) } });
    }, status: 422, text: 'tidak sah' },
    { name: 'no stamp (a page that did not give one)', send: () => ask({ body: { stamp: '' } }), status: 422, text: 'tekan Kirim sekali lagi' },
    { name: 'a message of 1,001 characters', send: () => ask({ message: 'x'.repeat(1001) }), status: 422, text: 'paling panjang 1.000 karakter' },
    { name: 'an empty message', send: () => ask({ message: '   ' }), status: 422, text: 'Pesan wajib diisi' },
    { name: 'a landline as phone', send: () => ask({ body: { senderPhone: '024 831 2345' } }), status: 422, text: 'Nomor HP Indonesia' },
    { name: 'an unknown kind', send: () => ask({ body: { kind: 'spam' } }), status: 422, text: 'Pilih jenis' },
    { name: 'a form naming an RT that does not exist', send: () => ask({ body: { targetId: '99999999' } }), status: 404 },
    { name: 'the form page of an RT that does not exist', send: async () => (await anonymous(http)).agent.get('/publik/aduan/baru?rt=99999999'), status: 404 },
  ];
  it.each(table)('$name → $status', async ({ send, status, text }) => {
    const res = await send();
    expect(res.status).toBe(status);
    if (text) expect(res.text).toMatch(text);
    if (status === 422) {
      // Refused politely: the form again, the input kept, a fresh stamp to send it with.
      expect(stampOf(res.text)).toMatch(/^\d{13}\./);
      expect(res.text).toContain(SENDER_NAME);
    }
    expect(s.db.sqlite.prepare('select count(*) as n from complaints where rt_id = ?').get(rtId)).toEqual({ n: status === 303 ? 1 : 0 });
  });

  it('sent again from the page that refused it for its time, it goes through', async () => {
    const who = await anonymous(http);
    const refused = await ask({ fill: 1, agent: who });
    expect(refused.status).toBe(422);
    later(20);
    const res = await who.agent
      .post('/publik/aduan')
      .set('X-Forwarded-For', '203.0.113.7')
      .type('form')
      .send({ _csrf: who.csrf, targetKind: 'rt', targetId: String(rtId), stamp: stampOf(refused.text), kind: 'pertanyaan', message: 'Dana kerja bakti bulan Oktober dipakai untuk apa saja?', website: '' });
    expect(res.status).toBe(303);
  });

  it('limits one address to 3 an hour and 10 a day; another address is not held back', async () => {
    for (let i = 1; i <= 3; i++) expect((await ask({ message: `Pertanyaan nomor ${i} tentang dana RT` })).status).toBe(303);
    const fourth = await ask({ message: 'Pertanyaan nomor 4 tentang dana RT' });
    expect(fourth.status).toBe(429);
    expect(fourth.text).toContain('3 aduan dalam satu jam');
    expect(fourth.text).toContain('Pertanyaan nomor 4');
    expect((await ask({ ip: '198.51.100.9', message: 'Pertanyaan dari tetangga' })).status).toBe(303);
    // Over the day: every hour 3 more, until 10.
    for (let h = 1; h <= 3; h++) {
      later(3600);
      for (let i = 0; i < 3; i++) await ask({ message: `Jam ${h} pertanyaan ${i}`, fill: 5 });
    }
    later(3600);
    const eleventh = await ask({ message: 'Pertanyaan kesebelas' });
    expect(eleventh.status).toBe(429);
    expect(eleventh.text).toContain('10 aduan dalam satu hari');
    // The address itself is never stored: only its keyed hash.
    const keys = s.db.sqlite.prepare('select distinct address_key as k from complaint_attempts').all() as Array<{ k: string }>;
    expect(keys).toHaveLength(2);
    for (const { k } of keys) expect(k).not.toContain('203.0.113.7');
    expect(JSON.stringify(s.db.sqlite.prepare('select * from audit_log').all())).not.toContain('203.0.113.7');
  });

  it('holds one RT to 30 complaints a day, from any number of addresses', async () => {
    for (let i = 0; i < 30; i++) expect((await ask({ ip: `192.0.2.${i + 1}`, message: `Pertanyaan warga ke-${i}`, fill: 5 })).status).toBe(303);
    const over = await ask({ ip: '192.0.2.200', message: 'Satu lagi' });
    expect(over.status).toBe(429);
    expect(over.text).toContain('30 aduan hari ini');
  });

  it('gives back the first tracking code for the same message to the same RT within a day, storing nothing more', async () => {
    const first = codeIn((await ask({ message: 'Kapan laporan SPJ Oktober terbit?' })).headers.location);
    const again = await ask({ message: '  kapan LAPORAN spj oktober terbit  ', ip: '198.51.100.20' });
    expect(again.status).toBe(303);
    expect(codeIn(again.headers.location)).toBe(first);
    expect(again.headers.location).toContain('sama=1');
    expect(s.db.sqlite.prepare('select count(*) as n from complaints where rt_id = ?').get(rtId)).toEqual({ n: 1 });
    later(25 * 3600);
    expect(codeIn((await ask({ message: 'Kapan laporan SPJ Oktober terbit?' })).headers.location)).not.toBe(first);
  });

  it('bounds the body: a field over the form limit is refused (413) and nothing is stored', async () => {
    const res = await ask({ message: 'x'.repeat(20 * 1024) });
    expect(res.status).toBe(413);
    expect(s.db.sqlite.prepare('select count(*) as n from complaints where rt_id = ?').get(rtId)).toEqual({ n: 0 });
  });
});

describe('privacy', () => {
  it('never shows the sender publicly, in the audit log or to the RT; the official sees what was given', async () => {
    const code = codeIn((await ask()).headers.location)!;
    const id = s.complaints.findByCode(code)!.id;
    const l = await signedIn(http, 'lurah.pleburan');
    await l.agent.post(`/aduan/${id}/jawab`).type('form').send({ _csrf: l.csrf, answer: 'Jawaban terbuka.' });
    const anon = (await anonymous(http)).agent;
    const publicPages = [`/publik/aduan/${code}`, `/publik/aduan/baru?rt=${rtId}`, '/publik/aduan'];
    for (const p of publicPages) {
      const res = await anon.get(p);
      expect(res.status).toBe(200);
      for (const secret of [SENDER_NAME, SENDER_PHONE, '0813-9876-5432']) expect(res.text).not.toContain(secret);
    }
    expect(JSON.stringify(application.complaints.publicAnswers({ kind: 'rt', id: rtId }))).not.toContain(SENDER_NAME);
    expect(JSON.stringify(application.complaints.track(code))).not.toMatch(new RegExp(`${SENDER_NAME}|${SENDER_PHONE}`));
    const audit = JSON.stringify(s.db.sqlite.prepare('select * from audit_log').all());
    expect(audit).not.toContain(SENDER_NAME);
    expect(audit).not.toContain(SENDER_PHONE);
    // The RT's chair has no inbox and no complaint page.
    const chair = await signedIn(http, 'ketua.pleburan');
    expect((await chair.agent.get('/aduan')).status).toBe(403);
    expect((await chair.agent.get(`/aduan/${id}`)).status).toBe(403);
  });

  it('a complaint sent without a name or phone shows none to the official either', async () => {
    const code = codeIn((await ask({ body: { senderName: '', senderPhone: '' } })).headers.location)!;
    const row = s.complaints.findByCode(code)!;
    expect(row).toMatchObject({ senderName: null, senderPhone: null });
    const l = await signedIn(http, 'lurah.pleburan');
    expect((await l.agent.get(`/aduan/${row.id}`)).text).toContain('tanpa nama');
  });
});

describe('the form inside a cached public page (its stamp is the page time, not the visitor time)', () => {
  const publicRtPage = `/publik/rt/${PLEBURAN}/1/2?tahun=2026`;
  const countOf = () => (s.db.sqlite.prepare('select count(*) as n from complaints where rt_id = ?').get(rtId) as { n: number }).n;
  const send = (who: { agent: Agent }, ip: string, stamp: string, extra: Record<string, string> = {}) =>
    who.agent
      .post('/publik/aduan')
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ targetKind: 'rt', targetId: String(rtId), stamp, kind: 'pertanyaan', message: 'Kenapa belanja konsumsi rapat bulan ini besar sekali?', senderName: SENDER_NAME, website: '', ...extra });

  it('a page made 30 s ago: the page stamp is trusted, the complaint goes through', async () => {
    const who = await anonymous(http);
    const page = await who.agent.get(publicRtPage);
    expect(page.status).toBe(200);
    expect(stampOf(page.text)).toMatch(/^\d{13}\.[A-Za-z0-9_-]{43}$/);
    later(30);
    expect((await send(who, '198.51.100.1', stampOf(page.text))).status).toBe(303);
    expect(countOf()).toBe(1);
  });

  it('the abuse: a bot posts at once from a page kept for an hour; it is asked once to confirm, input kept, with a fresh form stamp that again needs the fill time', async () => {
    const who = await anonymous(http);
    // The page as kept for every visitor since an hour ago (the stamp inside is the page's).
    const kept = await who.agent.get(publicRtPage);
    later(3600);
    const refused = await send(who, '198.51.100.2', stampOf(kept.text));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('kami minta konfirmasi sekali');
    expect(refused.text).toContain('Kenapa belanja konsumsi rapat bulan ini besar sekali?');
    expect(refused.text).toContain(SENDER_NAME);
    const fresh = stampOf(refused.text);
    expect(fresh).toMatch(/^\d{13}\.f\./);
    expect(countOf()).toBe(0);
    // Sent straight back, it is too fast; after a person's few seconds it goes through.
    const tooFast = await send(who, '198.51.100.2', fresh);
    expect(tooFast.status).toBe(422);
    expect(tooFast.text).toContain('kurang dari 4 detik');
    later(8);
    expect((await send(who, '198.51.100.2', stampOf(tooFast.text))).status).toBe(303);
    expect(countOf()).toBe(1);
  });

  it("with the page script: a fresh stamp asked when typing starts (no-store) lets the visitor's first send through", async () => {
    const who = await anonymous(http);
    await who.agent.get(publicRtPage);
    later(3600);
    const r = await who.agent.get(`/publik/aduan/stempel?rt=${rtId}`);
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['set-cookie']).toBeUndefined();
    const stamp = (r.body as { stamp: string }).stamp;
    expect(stamp).toMatch(/^\d{13}\.f\./);
    later(20);
    expect((await send(who, '198.51.100.3', stamp)).status).toBe(303);
  });

  it.each([
    ['a page stamp relabelled as a form stamp (source outside the signature)', (p: string) => p.replace(/^(\d{13})\./, '$1.f.')],
    ['a form stamp relabelled as a page stamp', (p: string) => p.replace('.f.', '.')],
  ])('%s is not ours: refused as not valid', async (_what, change) => {
    const who = await anonymous(http);
    const page = await who.agent.get(publicRtPage);
    const stamp = await who.agent.get(`/publik/aduan/stempel?rt=${rtId}`);
    later(30);
    const forged = change(_what.startsWith('a page') ? stampOf(page.text) : (stamp.body as { stamp: string }).stamp);
    const r = await send(who, '198.51.100.4', forged);
    expect(r.status).toBe(422);
    expect(r.text).toContain('tidak sah');
    expect(countOf()).toBe(0);
  });

  it.each(['rt=99999999', 'rt=abc', 'x=1', ''])('a stamp for no RT (%s) is a 404, never a 500', async (query) => {
    const r = await (await anonymous(http)).agent.get(`/publik/aduan/stempel?${query}`);
    expect(r.status).toBe(404);
  });
});
