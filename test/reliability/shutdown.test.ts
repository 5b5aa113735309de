/**
 * Graceful shutdown of the real server (dist/server.mjs as npm start runs it): SIGTERM while a
 * request is still arriving. The server stops accepting at once, lets that request finish, folds
 * the WAL into the database file, closes it and exits 0; a request that never finishes is cut
 * after SHUTDOWN_TIMEOUT_MS and the exit is still clean.
 */
import fs from 'node:fs';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/app/verify-ledger';
import { bootstrap } from '../../src/app/bootstrap';
import { DEMO_PASSWORD } from '../builders';
import { seededServices } from '../helpers/db';
import { startServer } from '../helpers/server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serverOnSeededCopy(env: Record<string, string> = {}) {
  const s = await seededServices();
  const file = s.db.sqlite.name;
  s.db.close();
  const server = await startServer({ DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence`, ...env });
  let said = '';
  server.proc.stdout!.on('data', (d) => (said += String(d)));
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    server.proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { server, file, exited, said: () => said };
}

/** A sign-in POST whose body is sent in two halves: the request is in flight until the second half goes. */
async function slowSignIn(url: string) {
  const form = await fetch(`${url}/login`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const body = Buffer.from(new URLSearchParams({ _csrf: csrf, username: 'auditor', password: DEMO_PASSWORD }).toString());
  const u = new URL(`${url}/login`);
  const req = http.request({ host: u.hostname, port: u.port, path: '/login', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length, cookie } });
  const answer = new Promise<{ status: number; location?: string; error?: string }>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message }));
  });
  req.write(body.subarray(0, 10));
  await sleep(300); // the server has the headers and the first bytes of the body
  return { answer, finish: () => req.end(body.subarray(10)) };
}

const refused = async (url: string) => {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
};

describe('graceful shutdown', () => {
  it('SIGTERM during a slow request: no new connection, the request completes, an idle keep-alive holds nothing up, WAL checkpointed, exit 0', async () => {
    // A long timeout: the stop must come from the request finishing, not from the cut.
    const { server, file, exited, said } = await serverOnSeededCopy({ SHUTDOWN_TIMEOUT_MS: '30000', LOG_LEVEL: 'info' });
    const keepAlive = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(`${server.url}/login`, { agent: keepAlive }, (res) => res.resume().on('end', () => resolve())));
    const slow = await slowSignIn(server.url);
    const sent = Date.now();
    server.proc.kill('SIGTERM');
    await sleep(400);
    expect(server.proc.exitCode).toBeNull(); // still finishing the request in flight
    expect(await refused(server.url)).toBe(true); // but no longer accepting
    slow.finish();
    const answer = await slow.answer;
    expect(answer).toEqual({ status: 303, location: '/' });
    const exit = await exited;
    keepAlive.destroy();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sent).toBeLessThan(10_000);
    // The stop ran to its end (the WAL's fold thread stopped, the final fold, the close), not an
    // exit of a process left with nothing to do halfway through it (a reviewer's case).
    expect(said()).toContain('server berhenti dengan bersih');
    // The WAL was folded in and the file closed: no -wal left with frames in it.
    expect(!fs.existsSync(`${file}-wal`) || fs.statSync(`${file}-wal`).size === 0).toBe(true);
    // The sign-in that was in flight is in the database, and the ledger verifies.
    const s = bootstrap({ databasePath: file, evidenceDir: `${file}.evidence` });
    try {
      expect(s.audit.count('auth.login')).toBeGreaterThan(0);
      expect(s.audit.list({ action: 'auth.login', page: 1, pageSize: 1 }).rows[0]!.actorName).toBe('auditor');
      expect(verifyLedger(s).ok).toBe(true);
    } finally {
      s.db.close();
    }
  });

  it('SIGTERM on an idle server: the stop runs to its end (the WAL\'s fold thread stopped, the last fold, the close), exit 0', async () => {
    const { server, file, exited, said } = await serverOnSeededCopy({ LOG_LEVEL: 'info' });
    // Let the fold thread start (its first fold comes within WAL_FOLD_MS).
    await sleep(600);
    server.proc.kill('SIGTERM');
    const exit = await exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Awaiting the fold thread's end with nothing else to keep the process alive once let Node
    // exit halfway through the stop, before its last fold and close (a reviewer's case).
    expect(said()).toContain('server berhenti dengan bersih');
    expect(!fs.existsSync(`${file}-wal`) || fs.statSync(`${file}-wal`).size === 0).toBe(true);
  });

  it('a request that never finishes is cut after SHUTDOWN_TIMEOUT_MS, and the exit is still 0', async () => {
    const { server, exited } = await serverOnSeededCopy({ SHUTDOWN_TIMEOUT_MS: '1500' });
    const stuck = await slowSignIn(server.url); // never finished
    const sent = Date.now();
    server.proc.kill('SIGTERM');
    const exit = await exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sent).toBeGreaterThanOrEqual(1400);
    expect(exit.at - sent).toBeLessThan(8_000);
    expect((await stuck.answer).status).toBe(0); // its connection was cut
  });
});
