/** Runtime configuration from environment variables (documented in the README). */
import path from 'node:path';

const int = (name: string, fallback: number) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
};

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  databasePath: string;
  /** Where evidence files are stored (outside any public folder). */
  evidenceDir: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginLockAfter: number;
  loginLockMinutes: number;
  /** Base delay (ms) added per failed sign-in after the third; 0 in tests. */
  loginDelayMs: number;
  trustProxy: boolean;
  logLevel: string;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const databasePath = path.resolve(overrides.databasePath ?? process.env.DATABASE_PATH ?? './data/dana-rt.sqlite');
  const env = (process.env.NODE_ENV === 'production' ? 'production' : process.env.NODE_ENV === 'test' ? 'test' : 'development') as Config['env'];
  return {
    env,
    port: int('PORT', 3000),
    host: process.env.HOST ?? '0.0.0.0',
    databasePath,
    evidenceDir: path.resolve(process.env.EVIDENCE_DIR ?? path.join(path.dirname(databasePath), 'evidence')),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 120),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12),
    loginLockAfter: int('LOGIN_LOCK_AFTER', 5),
    loginLockMinutes: int('LOGIN_LOCK_MINUTES', 15),
    loginDelayMs: int('LOGIN_DELAY_MS', env === 'test' ? 0 : 250),
    trustProxy: process.env.TRUST_PROXY === '1',
    logLevel: process.env.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    ...overrides,
  };
}
