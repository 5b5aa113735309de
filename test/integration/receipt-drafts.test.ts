/**
 * Issue 19a: receipt drafts saved on the server ("Simpan draf"), through HTTP. A draft keeps the
 * typed fields and the photos, has no ledger effect, is listed on the RT's receipts page, opens
 * back into the form with its key and photos, is bounded, scoped to its RT, audited, and goes
 * away in the transaction that records the receipt finished from it.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFTS_PER_RT } from '../../src/app/receipt-drafts';
import { evidenceImage } from '../../src/app/seed-documents';
import { aUser } from '../builders';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;
let ketua: { agent: Agent; csrf: string };
let ketuaLain: { agent: Agent; csrf: string };
let rtId: number;
let n = 0;

beforeAll(async () => {
  const app = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  await aUser(s, { username: 'ketua.lain.draf', role: 'ketua_rt', rtId: s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id });
  ketua = await signedIn(app.app, 'ketua.pleburan');
  ketuaLain = await signedIn(app.app, 'ketua.lain.draf');
});

const photo = () => evidenceImage('nota', [`draf ${++n}`, randomBytes(4).toString('hex')], 800 + n);

function saveDraft(who: { agent: Agent; csrf: string }, fields: Record<string, string>, files: Array<[string, Buffer, string]> = [], key = randomBytes(12).toString('base64url')) {
  const req = who.agent.post(`/rt/${rtId}/kuitansi/draf`).field('_csrf', who.csrf).field('year', '2026').field('requestKey', key);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  for (const [f, b, name] of files) req.attach(f, b, name);
  return req;
}

const drafts = () => s.receiptDrafts.ofRt(rtId, 2026);
const auditOf = (action: string) => s.db.sqlite.prepare('select count(*) as c from audit_log where action = ?').get(action) as { c: number };

describe('receipt drafts saved on the server (issue 19a)', () => {
  it('saves an incomplete receipt with its photo, no ledger effect; lists it; opens it back with its key and photo', async () => {
    const head = s.ledger.head()?.id;
    const receipts = s.receipts.ofRt(rtId, 2026).length;
    const nota = await photo();
    const key = randomBytes(12).toString('base64url');
    // Nothing required yet: no vendor, an amount over the cash (a draft checks no rule).
    const r = await saveDraft(ketua, { date: '2026-11-27', category: 'SOS', description: 'Konsumsi rapat RT', amount: '900.000' }, [['nota', nota, 'nota.jpg']], key);
    expect(r.status, r.text.slice(0, 500)).toBe(303);
    const [d] = drafts();
    expect(d).toMatchObject({ requestKey: key, bytes: nota.length });
    expect(s.ledger.head()?.id).toBe(head);
    expect(s.receipts.ofRt(rtId, 2026).length).toBe(receipts);
    expect(auditOf('receipt_draft.save').c).toBe(1);

    const pageWithList = await ketua.agent.get(`/rt/${rtId}/kuitansi?tahun=2026`);
    expect(pageWithList.text).toContain('Draf tersimpan');
    expect(pageWithList.text).toContain('Konsumsi rapat RT');
    const opened = await ketua.agent.get(`/rt/${rtId}/kuitansi?tahun=2026&draf=${d!.id}`);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain(`name="requestKey" value="${key}"`);
    expect(opened.text).toContain('value="900.000"');
    const href = /data-href="(\/draf\/\d+\/berkas\/\d+)"/.exec(opened.text)![1]!;
    const file = await ketua.agent.get(href).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(file.body as Buffer, nota)).toBe(0);

    // Saved again without files: the fields change, the photo stays.
    const again = await saveDraft(ketua, { draftId: String(d!.id), description: 'Konsumsi rapat RT (diperbaiki)', amount: '90.000' }, [], key);
    expect(again.status).toBe(303);
    expect(drafts()).toHaveLength(1);
    expect(JSON.parse(drafts()[0]!.fields)).toMatchObject({ description: 'Konsumsi rapat RT (diperbaiki)', amount: '90.000' });
    expect(s.receiptDrafts.files(d!.id)).toHaveLength(1);
  });

  it('keeps a draft to its RT: another chair gets 404 on its page, photo and delete, and changes nothing', async () => {
    const d = drafts()[0]!;
    const f = s.receiptDrafts.files(d.id)[0]!;
    expect((await ketuaLain.agent.get(`/draf/${d.id}/berkas/${f.id}`)).status).toBe(404);
    expect((await ketuaLain.agent.post(`/draf/${d.id}/hapus`).type('form').send({ _csrf: ketuaLain.csrf })).status).toBe(404);
    const other = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
    expect((await ketuaLain.agent.get(`/rt/${other}/kuitansi?draf=${d.id}`)).status).toBe(404);
    // Saving over someone else's draft by its id: refused, the draft as it was.
    const r = await ketuaLain.agent.post(`/rt/${other}/kuitansi/draf`).field('_csrf', ketuaLain.csrf).field('year', '2026').field('requestKey', randomBytes(12).toString('base64url')).field('draftId', String(d.id)).field('description', 'diambil alih');
    expect(r.status).toBe(404);
    expect(drafts()[0]).toEqual(d);
  });

  it('refuses what is not a photo or PDF, and more drafts than the bound', async () => {
    const before = drafts().length;
    const bad = await saveDraft(ketua, { description: 'Berkas aneh' }, [['nota', Buffer.from('<html><script>alert(1)</script></html>'), 'nota.jpg']]);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('jenis berkas tidak diterima');
    expect(drafts()).toHaveLength(before);
    for (let i = drafts().length; i < MAX_DRAFTS_PER_RT; i++) expect((await saveDraft(ketua, { description: `Draf ${i}` })).status).toBe(303);
    const over = await saveDraft(ketua, { description: 'Satu lagi' });
    expect(over.status).toBe(409);
    expect(over.text).toContain(`Sudah ada ${MAX_DRAFTS_PER_RT} draf kuitansi`);
    expect(drafts()).toHaveLength(MAX_DRAFTS_PER_RT);
  });

  it('records the receipt finished from a draft once, and the draft goes in the same transaction', async () => {
    const d = drafts().find((x) => JSON.parse(x.fields).description === 'Konsumsi rapat RT (diperbaiki)')!;
    const post = () =>
      ketua.agent
        .post(`/rt/${rtId}/kuitansi`)
        .field('_csrf', ketua.csrf).field('year', '2026').field('requestKey', d.requestKey).field('draftId', String(d.id))
        .field('date', '2026-11-27').field('category', 'ADM').field('description', 'Fotokopi dari draf').field('vendor', 'Fotokopi Barokah').field('amount', '15.000')
        .attach('nota', s.receiptDrafts.fileContent(d.id, s.receiptDrafts.files(d.id)[0]!.id)!.content, 'nota.jpg');
    const r = await post();
    expect(r.status, r.text.slice(0, 300)).toBe(303);
    expect(s.receiptDrafts.find(d.id)).toBeUndefined();
    expect(auditOf('receipt_draft.finish').c).toBe(1);
    expect(s.receipts.ofRt(rtId, 2026).filter((x) => x.description === 'Fotokopi dari draf')).toHaveLength(1);
    // The same form again (a retry): the same receipt, nothing more.
    const again = await ketua.agent
      .post(`/rt/${rtId}/kuitansi`)
      .field('_csrf', ketua.csrf).field('year', '2026').field('requestKey', d.requestKey)
      .field('date', '2026-11-27').field('category', 'ADM').field('description', 'Fotokopi dari draf').field('vendor', 'Fotokopi Barokah').field('amount', '15.000');
    expect(again.status).toBe(303);
    expect(s.receipts.ofRt(rtId, 2026).filter((x) => x.description === 'Fotokopi dari draf')).toHaveLength(1);
  });

  it('deletes a draft with its photos, audited', async () => {
    const d = drafts()[0]!;
    const r = await ketua.agent.post(`/draf/${d.id}/hapus`).type('form').send({ _csrf: ketua.csrf });
    expect(r.status).toBe(303);
    expect(s.receiptDrafts.find(d.id)).toBeUndefined();
    expect(s.receiptDrafts.files(d.id)).toEqual([]);
    expect(auditOf('receipt_draft.delete').c).toBe(1);
  });
});
