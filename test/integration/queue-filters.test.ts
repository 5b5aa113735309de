/**
 * Issue 19, helper 26b item 3: the treasurer's queue (/antrian) holds every kind of item waiting
 * for her (kuitansi, SPJ, RAP, pencairan), oldest first, and narrows by kind, RW/RT and text,
 * as GET parameters kept in the form, with the counts shown. Bad input never refuses the page:
 * a bad value is dropped and the queue shows unfiltered by it. Replayed through HTTP on the
 * seeded demo (Kelurahan Pleburan); abuse first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toActor } from '../../src/db/user-repository';
import { readQueue, waitingItems } from '../../src/app/read-queue';
import { seededApp, signedIn, type Agent, type Services } from '../helpers/http';

let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
let bendahara: Agent;
const actor = () => toActor(s.users.findByUsername('bendahara.pleburan')!);
/** The rows of the page: kind and the link of each (data-kind rows, in page order). */
const rows = (html: string) => [...html.matchAll(/<tr data-kind="([a-z]+)">\s*(?:<td>(?:<input[^>]*>)?<\/td>\s*)?<td><a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ kind: m[1]!, href: m[2]!.replace(/&#x3D;/g, "="), label: m[3]! }));
const shown = (html: string) => Number(/class="js-queue-shown">(\d+)</.exec(html)?.[1]);

beforeAll(async () => {
  ({ s, app } = await seededApp({}, () => new Date('2026-12-06T03:00:00Z')));
  bendahara = (await signedIn(app, 'bendahara.pleburan')).agent;
}, 120_000);

describe('bad filter input never refuses the queue (abuse first)', () => {
  const cases: Array<[string, string, 'all' | 'none']> = [
    ['an unknown kind', 'jenis=semua%27%3B--', 'all'],
    ['a kind repeated', 'jenis=kuitansi&jenis=spj', 'all'],
    ['a kind as an object', 'jenis[a]=kuitansi', 'all'],
    ['a negative RW', 'rw=-1', 'all'],
    ['an RT of letters', 'rt=abc', 'all'],
    ['an RT too long', 'rt=99999999999999999999', 'all'],
    ['a search of 500 characters', `q=${'a'.repeat(500)}`, 'all'],
    ['a search of spaces only', 'q=%20%20%20', 'all'],
    ['a search repeated', 'q=a&q=b', 'all'],
    // A byte sequence that is no text decodes to U+FFFD: a search like any other, matching nothing.
    ['a lone surrogate', 'q=%ED%A0%80', 'none'],
  ];
  it.each(cases)('%s → 200, shown: %s', async (_name, query, expected) => {
    const all = readQueue(s, actor()).counts.total;
    expect(all).toBeGreaterThan(0);
    const res = await bendahara.get(`/antrian?${query}`);
    expect(res.status).toBe(200);
    expect(shown(res.text)).toBe(expected === 'all' ? all : 0);
  });

  it('a search carrying markup is kept in the form, escaped, and matches nothing', async () => {
    const res = await bendahara.get(`/antrian?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(shown(res.text)).toBe(0);
    expect(res.text).toContain('Tidak ada butir yang cocok dengan saringan.');
  });
});

describe('the queue: every kind, filtered, counted', () => {
  it('unfiltered, it lists every waiting item of every kind present, oldest first within each kind', async () => {
    const items = waitingItems(s, actor());
    const kinds = new Set(items.map((i) => i.kind));
    // The seed leaves receipts, SPJs and tranches waiting in Pleburan.
    for (const k of ['kuitansi', 'spj', 'pencairan']) expect(kinds.has(k as never), k).toBe(true);
    const res = await bendahara.get('/antrian');
    const page = rows(res.text);
    expect(page.map((r) => r.href).sort()).toEqual(items.map((i) => i.href).sort());
    expect(shown(res.text)).toBe(items.length);
    expect(res.text).toContain(`dari ${items.length} butir yang menunggu`);
    for (const kind of kinds) {
      const ofKind = items.filter((i) => i.kind === kind).map((i) => i.href);
      expect(page.filter((r) => r.kind === kind).map((r) => r.href)).toEqual(ofKind);
    }
  });

  it('by kind: only that kind, the choice kept selected, each choice with its count', async () => {
    const items = waitingItems(s, actor());
    for (const kind of ['kuitansi', 'spj', 'rap', 'pencairan']) {
      const res = await bendahara.get(`/antrian?jenis=${kind}`);
      expect(res.status).toBe(200);
      const ofKind = items.filter((i) => i.kind === kind);
      expect(rows(res.text).map((r) => r.kind)).toEqual(ofKind.map(() => kind));
      expect(shown(res.text)).toBe(ofKind.length);
      expect(res.text).toMatch(new RegExp(`<option value="${kind}" selected>[^<]+\\(${ofKind.length}\\)</option>`));
    }
  });

  it('by RW and RT: only that RT’s items, both numbers kept in the form', async () => {
    const items = waitingItems(s, actor());
    const one = items[0]!;
    const res = await bendahara.get(`/antrian?rw=${one.rwNumber}&rt=${one.rtNumber}`);
    const page = rows(res.text);
    const expected = items.filter((i) => i.rwNumber === one.rwNumber && i.rtNumber === one.rtNumber);
    expect(page.map((r) => r.href).sort()).toEqual(expected.map((i) => i.href).sort());
    expect(page.every((r) => r.label === one.label)).toBe(true);
    expect(res.text).toContain(`name="rw" min="1" max="999" inputmode="numeric" value="${one.rwNumber}"`);
    expect(res.text).toContain(`name="rt" min="1" max="999" inputmode="numeric" value="${one.rtNumber}"`);
    // RW alone: every RT of that RW.
    const rw = await bendahara.get(`/antrian?rw=${one.rwNumber}`);
    expect(shown(rw.text)).toBe(items.filter((i) => i.rwNumber === one.rwNumber).length);
  });

  it('by text: a receipt found by a word of its description and its seller, case aside; the words kept', async () => {
    const receipt = readQueue(s, actor()).receipts[0]!;
    const word = receipt.vendor.split(/\s+/).at(-1)!;
    const res = await bendahara.get(`/antrian?q=${encodeURIComponent(word.toUpperCase())}`);
    const page = rows(res.text);
    expect(page.map((r) => r.href)).toContain(`/verifikasi#kuitansi-${receipt.id}`);
    expect(res.text).toContain(`value="${word.toUpperCase()}"`);
    // Every row shown carries the word somewhere in what it says.
    const items = waitingItems(s, actor());
    for (const r of page) {
      const it = items.find((i) => i.href === r.href)!;
      expect(`${it.label} ${it.kindLabel} ${it.summary}`.toLowerCase()).toContain(word.toLowerCase());
    }
    // Kind and text together.
    const spj = await bendahara.get(`/antrian?jenis=spj&q=${encodeURIComponent(word)}`);
    expect(rows(spj.text).every((r) => r.kind === 'spj')).toBe(true);
  });
});

describe('the treasurer’s home lists the oldest waiting items under the counts (item 4)', () => {
  const oldestOf = (html: string) =>
    [...html.matchAll(/<li data-kind="([a-z]+)"><a href="([^"]+)">([^<]+)<\/a> <span class="small">[^<]*<\/span> <span class="badge [^"]+">(\d+) hari<\/span>/g)].map((m) => ({
      kind: m[1]!,
      href: m[2]!.replace(/&#x3D;/g, '='),
      text: m[3]!,
      ageDays: Number(m[4]),
    }));

  it('the 5 oldest across kinds, oldest first, each linking to the queue’s own item, with its RT, kind and age', async () => {
    const home = await bendahara.get('/');
    expect(home.status).toBe(200);
    const listed = oldestOf(home.text);
    const items = waitingItems(s, actor());
    expect(items.length).toBeGreaterThan(5);
    expect(listed.map((l) => l.href)).toEqual(items.slice(0, 5).map((i) => i.href));
    // Oldest first across kinds, and more than one kind among them when the queue mixes them.
    const since = listed.map((l) => items.find((i) => i.href === l.href)!.since);
    expect([...since].sort()).toEqual(since);
    expect(listed.map((l) => l.ageDays)).toEqual([...listed.map((l) => l.ageDays)].sort((a, b) => b - a));
    for (const [i, l] of listed.entries()) {
      expect(l.text).toBe(`${items[i]!.kindLabel} · ${items[i]!.label}`.replace(/&/g, '&amp;'));
      expect(l.ageDays).toBe(items[i]!.ageDays);
    }
    // Under the counts, which count the same items.
    expect(home.text.indexOf('Paling lama menunggu')).toBeGreaterThan(home.text.indexOf('Menunggu tindakan'));
    const counted = [...home.text.matchAll(/data-kind="(receipts|spj|plans|tranches)"><span class="work-count">(\d+)/g)].reduce((a, m) => a + Number(m[2]), 0);
    expect(counted).toBe(items.length);
    // The same items stand in the queue, with the same age.
    const queue = await bendahara.get('/antrian');
    for (const l of listed) {
      expect(rows(queue.text).map((r) => r.href)).toContain(l.href);
      const row = queue.text.slice(queue.text.indexOf(`href="${l.href.replace(/=/g, '&#x3D;')}"`));
      expect(row.slice(0, row.indexOf('</tr>'))).toContain(`${l.ageDays} hari`);
    }
  });

  it('another role’s home lists none (the lurah waits on steps, not on these items)', async () => {
    const lurah = await signedIn(app, 'lurah.pleburan');
    expect(oldestOf(lurah.home.text)).toEqual([]);
    expect(lurah.home.text).not.toContain('Paling lama menunggu');
  });
});
