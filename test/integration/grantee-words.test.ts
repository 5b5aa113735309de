/**
 * The chair's word per grantee (brief 29a, item 1): an RT's chair is "Ketua RT", an RW grantee's
 * "Ketua RW", a PKK group's "Ketua PKK RT", everywhere: the header of her own pages, the
 * treasurer's review ("Kembalikan ke ketua PKK RT"), the messages after a decision, the LPJ's
 * column. One table, one row per grantee kind and programme; each row names the words that must
 * show and the ones that must not.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceImage } from '../../src/app/seed-documents';
import { toActor } from '../../src/db/user-repository';
import { lpjCsv } from '../../src/reports/lpj-formats';
import { readLpj } from '../../src/app/read-lpj';
import type { Services } from '../helpers/db';
import { seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
let n = 0;
const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => evidenceImage(kind, [`kata ${++n}`, randomBytes(4).toString('hex')], 900 + n);

let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
let bendahara: { agent: Agent; csrf: string };

interface Row {
  kind: string;
  username: string;
  grantee: () => number;
  /** The title in her header. */
  title: string;
  /** How sentences name her. */
  word: string;
  /** What must not show in her header (another grantee's title). */
  notTitle: RegExp;
  /** A category of her programme the receipt is recorded in. */
  category: string;
}

const ROWS: Row[] = [
  { kind: 'RT', username: 'ketua.pleburan', grantee: () => s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id, title: 'Ketua RT', word: 'ketua RT', notTitle: /Ketua (RW|PKK)/, category: 'SOS' },
  { kind: 'RW', username: 'ketua.rw01.pleburan', grantee: () => s.registry.findRtByNumbers(PLEBURAN, 1, 0)!.id, title: 'Ketua RW', word: 'ketua RW', notTitle: /Ketua (RT|PKK)/, category: 'SOS' },
  { kind: 'PKK RT', username: 'ketua.pkk.rt001.pleburan', grantee: () => s.registry.findRtByNumbers(PLEBURAN, 1, 1, 'PKK')!.id, title: 'Ketua PKK RT', word: 'ketua PKK RT', notTitle: /Ketua RT|Ketua RW/, category: 'LAT' },
];

const headerRole = (html: string) => /<span class="who-role">([^<]*)<\/span>/.exec(html)?.[1];

beforeAll(async () => {
  const seeded = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => new Date('2026-11-28T03:00:00Z'));
  s = seeded.s;
  app = seeded.app;
  bendahara = await signedIn(app, 'bendahara.pleburan');
});

/** A receipt of an activity recorded by the chair through HTTP, waiting for the treasurer. */
async function aPendingReceipt(chair: { agent: Agent; csrf: string }, rtId: number, category: string): Promise<number> {
  const nota = `W-${++n}`;
  const req = chair.agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', chair.csrf).field('year', '2026').field('requestKey', randomBytes(12).toString('base64url'));
  const fields = { date: '2026-11-27', category, description: 'Pelatihan kader', vendor: 'Ibu Narsih', notaNumber: nota, amount: '5.000', itemName: 'Air minum', itemQuantity: '1', itemUnitPrice: '5.000' };
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  req.attach('nota', await img('nota'), 'nota.jpg').attach('fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg').attach('daftarHadir', await img('daftar_hadir'), 'hadir.jpg');
  const res = await req;
  expect(res.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(res.text)?.[1]).toBe(303);
  return s.receipts.ofRt(rtId, 2026).find((r) => r.notaNumber === nota)!.id;
}

describe('each grantee’s chair is named by her own title', () => {
  it.each(ROWS)('$kind: her header says "$title"', async (row) => {
    const chair = await signedIn(app, row.username);
    const home = await chair.agent.get('/');
    expect(headerRole(home.text)).toBe(row.title);
    expect(headerRole(home.text)).not.toMatch(row.notTitle);
  });

  it.each(ROWS)('$kind: the treasurer’s review offers "Kembalikan ke $word", and returning says so', async (row) => {
    const chair = await signedIn(app, row.username);
    const id = await aPendingReceipt(chair, row.grantee(), row.category);
    const review = await bendahara.agent.get('/verifikasi');
    const item = review.text.slice(review.text.indexOf(`action="/kuitansi/${id}/kembalikan"`));
    expect(item.slice(0, 1500)).toContain(`Kembalikan ke ${row.word}</button>`);
    const res = await bendahara.agent.post(`/kuitansi/${id}/kembalikan`).set('x-dana-rt', 'latar').type('form').send({ _csrf: bendahara.csrf, note: 'Foto buram.' });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(`Kuitansi #${id} dikembalikan ke ${row.word} untuk dilengkapi.`);
  });
});

describe('the LPJ names the chairs’ column by the grantees it lists', () => {
  it('Pleburan (RTs, an RW and a PKK group): "Ketua"; Wonodri (RTs only): "Ketua RT"', () => {
    const admin = toActor(s.users.findByUsername('admin')!);
    const head = (code: string) => lpjCsv(readLpj(s, admin, code, 2026)).split('\n')[0]!.replace(/^\uFEFF/, '');
    expect(head(PLEBURAN).split(/[;,]/).slice(0, 3)).toEqual(['No', 'RT/RW', 'Ketua']);
    expect(head(WONODRI).split(/[;,]/).slice(0, 3)).toEqual(['No', 'RT/RW', 'Ketua RT']);
  });
});
