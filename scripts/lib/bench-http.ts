/** HTTP helpers of the benchmark (the process starter is shared with the tests): start a server process, sign in, measure latency and load. */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './free-port';

export interface Proc {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Resident memory now. */
  rssMb(): number;
  /** CPU seconds used so far (user + system). */
  cpuSeconds(): number;
  /** CPU seconds used so far per kind of thread (the thread's name: main, libuv pool, V8, libvips...), live threads only. */
  cpuByThread(): Map<string, number>;
}

/** CPU seconds per thread name (`/proc/PID/task/TID/stat`); a thread that ended is no longer counted. */
function threadSeconds(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[\d-]+$/, '');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / CLK_TCK);
  }
  return out;
}

const CLK_TCK = 100;

export async function startProcess(args: string[], env: Record<string, string>, readyPath = '/'): Promise<Proc> {
  const port = await freePort();
  const proc = spawn(process.execPath, args, { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // BENCH_SERVER_LOG=FILE: everything the process prints, kept (e.g. with --trace-gc in the server's arguments).
  const log = process.env.BENCH_SERVER_LOG ? fs.createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : null;
  proc.stdout!.on('data', (d) => ((output = (output + d).slice(-4000)), log?.write(d)));
  proc.stderr!.on('data', (d) => ((output = (output + d).slice(-4000)), log?.write(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(url + readyPath, { redirect: 'manual' });
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
    peakRssMb: () => {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    rssMb: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    cpuSeconds: () => {
      const fields = fs.readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    },
    cpuByThread: () => threadSeconds(proc.pid!),
  };
}

/** A signed-in browser in miniature: the session cookie and the session's CSRF token. */
export interface Client {
  cookie: string;
  csrf: string;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

export async function signIn(url: string, username: string, password: string): Promise<Client> {
  const login = await fetch(`${url}/login`);
  const pre = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
    body: new URLSearchParams({ _csrf: csrfOf(await login.text()), username, password }),
  });
  const sid = res.headers.getSetCookie().find((c) => c.startsWith('dana_rt_sid='))?.split(';')[0];
  if (res.status !== 303 || !sid) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  const home = await fetch(`${url}/`, { headers: { cookie: sid } });
  return { cookie: sid, csrf: csrfOf(await home.text()) };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sequential requests: latency p50/p99 in ms, every response checked. */
export async function latency(urls: string[], client: Client, expect: (r: Response, body: Buffer) => boolean): Promise<{ p50: number; p99: number; n: number }> {
  const times: number[] = [];
  for (const u of urls) {
    const t0 = performance.now();
    const r = await fetch(u, { headers: { cookie: client.cookie } });
    const body = Buffer.from(await r.arrayBuffer());
    times.push(performance.now() - t0);
    if (!expect(r, body)) throw new Error(`unexpected answer from ${u}: ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), n: times.length };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ ...opts });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}
