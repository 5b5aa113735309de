/**
 * The crash test's users, each a loop that behaves like a person at a browser: load the page,
 * take the form's one-time key, post, follow on. RT chairs request tranches and record
 * receipts with photos; two treasurers per kelurahan approve, verify, reject and reverse,
 * racing each other for the same items. A loop ends when the server dies under it.
 */
import type { Chair } from './fixture';
import { Browser, sha256, uniquePng, type Reply } from './http-client';
import type { Op, OpLog, OpRequest } from './operations';

export interface Traffic {
  /** False from the moment the kill is decided: loops finish their request and stop. */
  alive: boolean;
  log: OpLog;
  year: number;
  today: string;
  rand: () => number;
  /** Unknown operations, per user, to send again after the restart. */
  retries: Map<string, Op[]>;
  /** Approved tranches of "drawer" RTs, per treasurer, to reverse next. */
  reversals: Map<string, number[]>;
  drawerRts: Set<number>;
  /** The kelurahan each treasurer pays from (bank batches). */
  treasurerKelurahan: Map<string, string>;
  markerPrefix: string;
  anomalies: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lost = (r: Reply) => r.status === 'lost';
let markerSeq = 0;

/** Sends an operation (first time or again) and files it under its outcome. */
export async function send(t: Traffic, b: Browser, op: Op): Promise<Reply> {
  const r = op.request;
  const reply = r.multipart ? await b.postMultipart(r.path, r.multipart.fields, r.multipart.files) : await b.postForm(r.path, r.form ?? {});
  const outcome = t.log.record(op, reply);
  if (outcome === 'unknown') {
    const list = t.retries.get(op.actor) ?? [];
    list.push(op);
    t.retries.set(op.actor, list);
  }
  if (outcome === 'anomaly') t.anomalies.push(`op #${op.id} ${op.kind} by ${op.actor}: ${op.history.at(-1)} ${reply.status !== 'lost' ? reply.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300) : ''}`);
  return reply;
}

/** Sends this user's unknown operations again, unchanged (same key, same files); false if the server died meanwhile. */
async function retryUnknown(t: Traffic, b: Browser): Promise<boolean> {
  const list = t.retries.get(b.username) ?? [];
  while (list.length && t.alive) {
    const op = list.shift()!;
    if (lost(await send(t, b, op))) return false;
  }
  return true;
}

const keyOf = (html: string) => /name="requestKey" value="([^"]+)"/.exec(html)?.[1];
const marker = (t: Traffic) => `${t.markerPrefix}-${++markerSeq}`;
const rupiah = (n: number, dotted: boolean) => (dotted ? n.toLocaleString('id-ID') : String(n));

async function requestTranche(t: Traffic, b: Browser, chair: Chair): Promise<Reply | 'locked'> {
  const page = await b.get(`/rt/${chair.rtId}/pencairan?tahun=${t.year}`);
  if (lost(page)) return page;
  const key = page.status === 200 ? keyOf(page.text) : undefined;
  const month = /<select id="month" name="month"><option value="(\d{4}-\d{2})"/.exec(page.status === 200 ? page.text : '')?.[1];
  if (!key || !month) return 'locked';
  const m = marker(t);
  const lines: Array<[string, number]> = chair.role === 'drawer' ? [['SOS', 1_000_000]] : [['SOS', 5_000_000], ['ADM', 500_000]];
  const request: OpRequest = {
    path: `/rt/${chair.rtId}/pencairan`,
    form: {
      year: String(t.year),
      requestKey: key,
      month,
      lineCategory: lines.map((l) => l[0]),
      lineDescription: lines.map((l) => `Kerja bakti dan rapat warga ${m}`),
      lineAmount: lines.map((l) => rupiah(l[1], true)),
    },
    success: new RegExp(`^/rt/${chair.rtId}/pencairan\\?tahun=${t.year}$`),
  };
  const op = t.log.add({ kind: 'tranche.request', actor: b.username, rtId: chair.rtId, key, marker: m, amount: lines.reduce((a, l) => a + l[1], 0), request });
  return send(t, b, op);
}

async function recordReceipt(t: Traffic, b: Browser, chair: Chair): Promise<Reply> {
  const page = await b.get(`/rt/${chair.rtId}/kuitansi?tahun=${t.year}`);
  const key = page.status === 200 ? keyOf(page.text) : undefined;
  if (lost(page) || !key) return page;
  const m = marker(t);
  const admin = t.rand() < 0.2;
  const amount = admin ? 2_000 + Math.floor(t.rand() * 8) * 1_000 : 10_000 + Math.floor(t.rand() * 50) * 1_000;
  const kinds: Array<[string, string]> = admin ? [['nota', 'nota.png']] : [['nota', 'nota.png'], ['fotoKegiatan', 'kegiatan.png'], ['daftarHadir', 'hadir.png']];
  const files = kinds.map(([field, name]) => ({ field, name, bytes: uniquePng() }));
  const request: OpRequest = {
    path: `/rt/${chair.rtId}/kuitansi`,
    multipart: {
      fields: [
        ['year', String(t.year)],
        ['requestKey', key],
        ['date', t.today],
        ['category', admin ? 'ADM' : 'SOS'],
        ['description', admin ? `Fotokopi undangan rapat ${m}` : `Konsumsi kerja bakti warga ${m}`],
        ['vendor', 'Toko Uji Tabrakan'],
        ['notaNumber', m],
        ['amount', rupiah(amount, t.rand() < 0.5)],
      ],
      files,
    },
    success: new RegExp(`^/rt/${chair.rtId}/kuitansi\\?tahun=${t.year}$`),
  };
  const op = t.log.add({ kind: 'receipt.record', actor: b.username, rtId: chair.rtId, key, marker: m, amount, fileShas: files.map((f) => sha256(f.bytes)).sort(), request });
  return send(t, b, op);
}

/** An RT chair: drawers request tranches (which treasurers approve and reverse); spenders record receipts. */
export async function chairLoop(t: Traffic, b: Browser, chair: Chair): Promise<void> {
  if (!(await retryUnknown(t, b))) return;
  let needCash = true;
  while (t.alive) {
    if (chair.role === 'drawer' || needCash) {
      const r = await requestTranche(t, b, chair);
      if (r !== 'locked' && lost(r)) return;
      needCash = false;
      if (chair.role === 'drawer') {
        await sleep(r === 'locked' ? 150 : 20);
        continue;
      }
    }
    const r = await recordReceipt(t, b, chair);
    if (lost(r)) return;
    // Out of cash: ask for the next tranche (refused until the SPJ gate allows it), and slow down.
    if (r.status === 422 && r.text.includes('melebihi kas RT')) {
      needCash = true;
      await sleep(300);
    }
  }
}

async function decide(t: Traffic, b: Browser, kind: Op['kind'], rtId: number, targetId: number, path: string, form: Record<string, string>, success: RegExp, refused?: RegExp): Promise<Reply> {
  const op = t.log.add({ kind, actor: b.username, rtId, targetId, request: { path, form, success, refused } });
  return send(t, b, op);
}

/** One round of a treasurer: reverse what is due, then approve a tranche or decide a receipt. */
async function treasurerRound(t: Traffic, b: Browser): Promise<Reply | 'idle'> {
  const due = t.reversals.get(b.username) ?? [];
  if (due.length) {
    const [id, rtId] = [due.shift()!, due.shift()!];
    return decide(t, b, 'tranche.reverse', rtId, id, `/pencairan/${id}/batalkan`, { reason: `Uji pembatalan ${marker(t)}` }, new RegExp(`^/rt/${rtId}/pencairan`));
  }
  if (t.rand() < 0.15) {
    // The bank pays what was approved (a batch of the kelurahan, marked paid): only paid tranches
    // are cash the chairs may spend. Not an operation the checker follows; the money it moves is.
    const batch = await b.postForm(`/kelurahan/${t.treasurerKelurahan.get(b.username)}/bank`, {});
    if (lost(batch)) return batch;
    const id = /^\/bank\/batch\/(\d+)$/.exec(batch.location)?.[1];
    return id ? b.postForm(`/bank/batch/${id}/dibayar`, {}) : 'idle';
  }
  if (t.rand() < 0.4) {
    const page = await b.get('/antrian');
    if (lost(page)) return page;
    const rows = [...page.text.matchAll(/value="tranche:(\d+)"[\s\S]*?href="\/rt\/(\d+)\/pencairan/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    if (!rows.length) return 'idle';
    const [id, rtId] = rows[Math.floor(t.rand() * Math.min(3, rows.length))]!;
    const r = await decide(t, b, 'tranche.approve', rtId, id, `/pencairan/${id}/setujui`, { back: 'antrian' }, /^\/antrian$/);
    if (r.status === 303 && t.drawerRts.has(rtId)) t.reversals.set(b.username, [...due, id, rtId]);
    return r;
  }
  const page = await b.get('/verifikasi');
  if (lost(page)) return page;
  const ids = [...page.text.matchAll(/action="\/kuitansi\/(\d+)\/verifikasi"/g)].map((m) => Number(m[1]));
  if (!ids.length) return 'idle';
  const id = ids[Math.floor(t.rand() * Math.min(3, ids.length))]!;
  // Done: back to the review page (at another item, or its top). Refused: back at this same item with
  // the message (a tranche reversed under it, say), which is no acknowledgement.
  const done = new RegExp(`^/verifikasi(#kuitansi-(?!${id}$)\\d+)?$`);
  const refused = new RegExp(`^/verifikasi#kuitansi-${id}$`);
  if (t.rand() < 0.08) return decide(t, b, 'receipt.reject', 0, id, `/kuitansi/${id}/tolak`, { reason: `Uji penolakan ${marker(t)}`, back: 'verifikasi' }, done, refused);
  return decide(t, b, 'receipt.verify', 0, id, `/kuitansi/${id}/verifikasi`, { back: 'verifikasi' }, done, refused);
}

export async function treasurerLoop(t: Traffic, b: Browser): Promise<void> {
  if (!(await retryUnknown(t, b))) return;
  while (t.alive) {
    const r = await treasurerRound(t, b);
    if (r === 'idle') await sleep(100);
    else if (lost(r)) return;
  }
}
