/** Downloads in the browser: the bendahara's LPJ PDF, and the auditor's bundle, verified offline. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signInAs, useServerAndBrowser, watchConsole, clickMenu } from '../helpers/browser';
import { tempDbPath } from '../helpers/db';

const ctx = useServerAndBrowser();
const signIn = (page: Page, username: string) => signInAs(page, ctx.server.url, username);
describe('report downloads in the browser', () => {
  it('the bendahara opens the LPJ and downloads its PDF', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    const errors = watchConsole(page);
    await signIn(page, 'bendahara.pleburan');
    await clickMenu(page, 'Laporan');
    await page.click('text=Laporan pertanggungjawaban (LPJ)');
    await page.locator('h1', { hasText: 'LAPORAN PERTANGGUNGJAWABAN' }).waitFor();
    await page.locator('svg.chart').first().waitFor();
    await screenshot(page, 'lpj-page');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Unduh PDF')]);
    expect(download.suggestedFilename()).toBe('LPJ-2026-Pleburan.pdf');
    const file = `${tempDbPath()}.pdf`;
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Kelurahan Pleburan');
    expect(text).toContain('Bendahara Kelurahan');
    expect(errors).toEqual([]);
  });

  it('the auditor downloads a kelurahan bundle and it verifies offline', async () => {
    const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    await signIn(page, 'auditor');
    await clickMenu(page, 'Laporan');
    await page.locator('li', { hasText: 'Pleburan (Semarang Selatan)' }).locator('button', { hasText: 'bundel audit' }).click();
    // The bundle is built in the background; the progress page refreshes itself until the download is ready.
    await page.waitForURL(/\/laporan\/bundel\/proses\//);
    await page.locator('text=Unduh bundel').waitFor({ timeout: 60_000 });
    await screenshot(page, 'bundle-job-done');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Unduh bundel')]);
    expect(download.suggestedFilename()).toBe('bundel-audit-2026-Pleburan.zip');
    const file = `${tempDbPath()}.zip`;
    await download.saveAs(file);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    const out = execFileSync('npx', ['tsx', 'scripts/verify-bundle.ts', file], { encoding: 'utf8' });
    expect(out).toMatch(/^OK: /);
  });
});
