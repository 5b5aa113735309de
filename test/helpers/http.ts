/** supertest helpers: an app on a fresh seeded database, and signed-in agents. */
import request from 'supertest';
import type { Services } from './db';
import { loadConfig, type Config } from '../../src/config';
import { createApplication } from '../../src/app/application';
import { allRoutes, createApp } from '../../src/http/create-app';
import { DEMO_PASSWORD } from '../builders';
import { seededServices } from './db';

export { DEMO_PASSWORD };

/** The HTTP app over these services, built as the server builds it (the one place tests do). */
export function appOf(s: Services, cfgOverrides: Partial<Config> = {}) {
  const cfg = loadConfig({ loginDelayMs: 0, logLevel: 'silent', ...cfgOverrides });
  return { cfg, app: createApp(createApplication(s, cfg), cfg) };
}

/** The app on its own copy of the seeded demo database. */
export async function seededApp(cfgOverrides: Partial<Config> = {}, now?: () => Date) {
  const s = await seededServices(now);
  return { s, ...appOf(s, cfgOverrides) };
}

/** Every route the app serves (method, path pattern, what it needs), listed without building the app. */
export function appRoutes() {
  return allRoutes({ app: {} as never, cfg: {} as never });
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

export type Agent = ReturnType<typeof request.agent>;

/** An agent holding the pre-session CSRF cookie and the token of the login form. */
export async function anonymous(app: Parameters<typeof request.agent>[0]): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  return { agent, csrf: csrfFrom(page.text) };
}

/** Signs in and returns the agent with the session's CSRF token. */
export async function signedIn(app: Parameters<typeof request.agent>[0], username: string, password = DEMO_PASSWORD) {
  const { agent, csrf } = await anonymous(app);
  const res = await agent.post('/login').type('form').send({ _csrf: csrf, username, password });
  if (res.status !== 303) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.text.slice(0, 300)}`);
  const home = await agent.get('/');
  return { agent, csrf: csrfFrom(home.text), home };
}

export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const set = res.headers['set-cookie'] as string[] | undefined;
  return set?.filter((c) => c.startsWith('dana_rt_sid=') && !c.startsWith('dana_rt_sid=;')).at(-1)?.split(';')[0];
}

export type { Services };

/** A supertest body parser that keeps a binary download (PDF, XLSX, ZIP) as a Buffer. */
export const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
