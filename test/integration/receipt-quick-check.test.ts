/**
 * Issue 19, item 1: the quick check a phone runs before it sends any byte of a photo. Every rule
 * that needs no file, through HTTP, written as a table of abuses first: each refusal of the quick
 * check is the refusal the full multipart post meets (same status, same Indonesian message, same
 * fields marked), because both call the same domain function (checkReceiptFields). A passing
 * check records nothing.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceImage } from '../../src/app/seed-documents';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;
let ketua: { agent: Agent; csrf: string };
let other: { agent: Agent; csrf: string };
let rtId: number;
let n = 0;

beforeAll(async () => {
  // The demo RT 001 / RW 001 on 28 November 2026: Rp180.000 can be spent, SPJs sent through October.
  const app = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  ketua = await signedIn(app.app, 'ketua.pleburan');
  other = await signedIn(app.app, 'bendahara.pleburan');
});

type Fields = Record<string, string | string[]>;
const ok: Fields = { date: '2026-11-20', category: 'ADM', description: 'Fotokopi undangan rapat', vendor: 'Fotokopi Barokah', notaNumber: 'FB-19', amount: '25.000' };
const key = () => randomBytes(12).toString('base64url');
const KIND_FIELD = { nota: 'nota', foto_kegiatan: 'fotoKegiatan', daftar_hadir: 'daftarHadir', foto_barang: 'fotoBarang' } as const;
type Kind = keyof typeof KIND_FIELD;

function quickCheck(agent: Agent, csrf: string, fields: Fields, kinds: Kind[], requestKey = key()) {
  return agent
    .post(`/rt/${rtId}/kuitansi/periksa`)
    .type('form')
    .set('Accept', 'application/json')
    .send({ _csrf: csrf, year: '2026', requestKey, ...fields, evidenceKind: kinds });
}

async function fullPost(fields: Fields, kinds: Kind[]) {
  const req = ketua.agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', ketua.csrf).field('year', '2026').field('requestKey', key());
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) req.field(k, x);
  for (const k of kinds) req.attach(KIND_FIELD[k], await evidenceImage(k, [`quick ${++n}`, randomBytes(4).toString('hex')], 700 + n), `${k}.jpg`);
  return req;
}

// Handlebars' escaping, to find a message in the page the full post renders.
const escaped = (t: string) => t.replace(/[&<>"'`=]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#x27', '`': '#x60', '=': '#x3D' }[c]};`);

const ABUSES: Array<[string, Fields, Kind[], number, RegExp, string[]]> = [
  ['more than the cash that can be spent', { ...ok, amount: '500.000' }, ['nota'], 422, /Rp180\.000/, ['amount']],
  ['a date in a month already reported (October)', { ...ok, date: '2026-10-15' }, ['nota'], 422, /Oktober 2026 sudah diajukan/, ['date']],
  ['a date in the future', { ...ok, date: '2026-12-30' }, ['nota'], 422, /masa depan|belum/, ['date']],
  ['an item over the per-item cap (Peralatan ≤ Rp300.000)', { ...ok, category: 'PRL', description: 'Tenda lipat', amount: '350.000', itemName: ['Tenda lipat'], itemQuantity: ['1'], itemUnitPrice: ['350.000'] }, ['nota', 'foto_barang'], 422, /Rp300\.000/, ['items']],
  ['items that do not add up to the amount', { ...ok, itemName: ['Fotokopi'], itemQuantity: ['10'], itemUnitPrice: ['2.000'] }, ['nota'], 422, /Rp20\.000/, ['items']],
  ['a forbidden use (a new building)', { ...ok, description: 'Pembangunan pos ronda baru' }, ['nota'], 422, /Dilarang|dilarang|bangunan/, ['description']],
  ['a required field left empty (the seller)', { ...ok, vendor: '' }, ['nota'], 422, /penjual/, ['vendor']],
  ['no category', { ...ok, category: '' }, ['nota'], 422, /kategori/, ['category']],
  ['an activity without its "foto kegiatan" and attendance list', { ...ok, category: 'SOS', description: 'Konsumsi rapat warga' }, ['nota'], 422, /Foto kegiatan/, ['file_foto_kegiatan', 'file_daftar_hadir']],
];

describe('the quick check before upload (issue 19)', () => {
  it.each(ABUSES)('refuses %s before any file, as the full post does', async (_what, fields, kinds, status, text, marked) => {
    const receiptsBefore = s.receipts.ofRt(rtId, 2026).length;
    const quick = await quickCheck(ketua.agent, ketua.csrf, fields, kinds);
    expect(quick.status, quick.text).toBe(status);
    expect(quick.headers['content-type']).toMatch(/json/);
    const body = quick.body as { ok: boolean; message: string; errors: Record<string, string> };
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(text);
    expect(Object.keys(body.errors)).toEqual(expect.arrayContaining(marked));

    const full = await fullPost(fields, kinds);
    expect(full.status).toBe(status);
    expect(full.text).toContain(escaped(body.message));
    for (const [, fieldMessage] of Object.entries(body.errors)) expect(full.text).toContain(escaped(fieldMessage));
    expect(s.receipts.ofRt(rtId, 2026).length).toBe(receiptsBefore);
  });

  it('passes a receipt that fits and records nothing; the full post of it is then recorded', async () => {
    const receiptsBefore = s.receipts.ofRt(rtId, 2026).length;
    const pass = await quickCheck(ketua.agent, ketua.csrf, ok, ['nota']);
    expect(pass.status).toBe(200);
    expect(pass.body).toEqual({ ok: true, notes: [] });
    expect(s.receipts.ofRt(rtId, 2026).length).toBe(receiptsBefore);
    // The same receipt posted whole is recorded (the check did not use its key up).
    expect((await fullPost(ok, ['nota'])).status).toBe(303);
    expect(s.receipts.ofRt(rtId, 2026).length).toBe(receiptsBefore + 1);
  });

  it('judges the evidence only against the kinds the form names: with them the activity passes', async () => {
    const r = await quickCheck(ketua.agent, ketua.csrf, { ...ok, category: 'SOS', description: 'Konsumsi rapat warga', amount: '50.000' }, ['nota', 'foto_kegiatan', 'daftar_hadir']);
    expect(r.status, r.text).toBe(200);
    const unknownKind = await quickCheck(ketua.agent, ketua.csrf, ok, ['bukan_jenis' as Kind]);
    // An unknown kind counts as no file at all: the nota is then missing.
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.body.errors).toHaveProperty('file_nota');
  });

  it('is refused outside the chair\'s scope and without the CSRF token', async () => {
    const wrongRole = await quickCheck(other.agent, other.csrf, ok, ['nota']);
    expect(wrongRole.status).toBe(403);
    const noToken = await quickCheck(ketua.agent, 'salah', ok, ['nota']);
    expect(noToken.status).toBe(403);
  });
});
