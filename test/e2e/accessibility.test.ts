/**
 * Issue 19, item 6: 0 serious or critical axe-core findings on every page kind, for every demo role,
 * at 390 px (a phone) and 1280 px (a desk). The pages are found as a user finds them: from the home
 * page through the links on each page (one page per URL shape, e.g. /rt/:id/kuitansi), so a new
 * page joins the check by being linked. Each page is loaded once and checked at both widths.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInAs, useServerAndBrowser } from '../helpers/browser';

const ctx = useServerAndBrowser();
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ROLES = ['anon', 'ketua.pleburan', 'bendahara.pleburan', 'lurah.pleburan', 'camat.semarangselatan', 'auditor', 'admin', 'bpkad', 'ketua.rw01.pleburan'] as const;
/** Page kinds per role: enough for every shape a role reaches from its menu in the demo. */
const MAX_SHAPES = 18;
const SKIP = /\/(logout|berkas\/|laporan\/jurnal)|\.(pdf|csv|xlsx|zip|json|journal)(\?|$)|\/(pdf|csv|xlsx|unduh)(\?|$)|\/laporan\/bundel/;

const shapeOf = (url: URL) => `${url.pathname.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/\d{7,10}(?=\/|$)/g, '/:code')}`;

interface Finding {
  url: string;
  width: number;
  rule: string;
  impact: string;
  targets: string[];
}

async function axeAt(page: Page, width: number): Promise<Finding[]> {
  await page.setViewportSize({ width, height: 900 });
  const found = (await page.evaluate(async (source) => {
    type Axe = { run: (ctx: unknown, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
    const g = globalThis as unknown as { axe?: Axe; document: unknown };
    // eslint-disable-next-line no-eval
    if (!g.axe) (0, eval)(source);
    const r = await g.axe!.run(g.document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, AXE)) as Array<Omit<Finding, 'url' | 'width'>>;
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical').map((f) => ({ ...f, url: page.url(), width }));
}

describe('accessibility (axe-core) of every page kind, every role, phone and desk', () => {
  it('finds 0 serious or critical problems', async () => {
    const findings: Finding[] = [];
    const visited: string[] = [];
    for (const role of ROLES) {
      const context = await ctx.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 900 } });
      const page = await context.newPage();
      if (role !== 'anon') await signInAs(page, ctx.server.url, role);
      const seen = new Set<string>();
      const queue = [role === 'anon' ? '/login' : '/', '/istilah'];
      while (queue.length > 0 && seen.size < MAX_SHAPES) {
        const url = new URL(queue.shift()!, ctx.server.url);
        const shape = shapeOf(url);
        if (seen.has(shape) || SKIP.test(url.pathname)) continue;
        seen.add(shape);
        // A link that turns out to be a download (a journal, an export) is no page.
        const res = await page.goto(url.href).catch((err: Error) => {
          if (/Download is starting/.test(err.message)) return null;
          throw err;
        });
        if (!res || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
        visited.push(`${role} ${shape}`);
        findings.push(...(await axeAt(page, 390)), ...(await axeAt(page, 1280)));
        const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as unknown as { href: string }).href));
        for (const href of links) {
          const u = new URL(href);
          if (u.origin === ctx.server.url.replace(/\/$/, '') || u.origin === new URL(ctx.server.url).origin) queue.push(u.pathname + u.search);
        }
      }
      if (role === 'bendahara.pleburan') {
        await page.goto(`${ctx.server.url}/verifikasi`);
        await page.setViewportSize({ width: 390, height: 900 });
        await screenshot(page, 'a11y-review-390');
      }
      await context.close();
    }
    console.info(`axe: ${visited.length} pages × 2 widths checked`);
    expect(visited.length).toBeGreaterThan(40);
    expect(findings, JSON.stringify(findings.slice(0, 20), null, 1)).toEqual([]);
  }, 240_000);
});
