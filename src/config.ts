/** Runtime configuration from environment variables (documented in the README). */
import net from 'node:net';
import path from 'node:path';

/** A whole number of at least 1 (a count that cannot be zero). */
const positive = (name: string, fallback: number) => {
  const n = int(name, fallback);
  if (n < 1) throw new Error(`${name} must be at least 1, got "${process.env[name]}"`);
  return n;
};

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
  /** Failed sign-ins one client address may make in a window (all usernames together). */
  loginIpLimit: number;
  loginIpWindowMinutes: number;
  /** (username, address) pairs tracked in memory for the lock; the oldest unlocked ones go first. */
  loginTrackMax: number;
  /** Which proxies' X-Forwarded-For is believed: false (none), a hop count, or addresses/CIDRs. Never "all". */
  trustProxy: TrustProxy;
  logLevel: string;
  /** /healthz fails when the database's or the evidence store's filesystem has less free space than this. */
  healthMinFreeMb: number;
  /** SIGTERM: how long requests in flight may take before the server exits anyway. */
  shutdownTimeoutMs: number;
  /** Audit bundles built at once across the server (each in its own child process); city-wide ones are one at a time whatever this says. */
  exportMaxRunning: number;
  /** Bundle jobs one user may have waiting or running; one more is refused (429). */
  exportMaxQueuedPerUser: number;
  /** The old-generation heap limit (MB) of the child process that builds a bundle; 0 builds in the server's own process. */
  exportWorkerHeapMb: number;
  /** A download whose client reads nothing for this long is cut (its read snapshot released); 0 never. */
  downloadStallSeconds: number;
  /** How often the server folds the WAL into the database file (PRAGMA wal_checkpoint(PASSIVE)); 0 never (besides after each export). */
  walCheckpointSeconds: number;
  /** Every how many milliseconds a thread of its own folds the WAL (0: the writer's commits fold it, SQLite's default). */
  walFoldMs: number;
  /** Request bodies: limits enforced while the body streams in (src/http/middleware/upload.ts). */
  uploads: UploadLimits;
  /** Evidence bytes one RT may store per programme year (receipts and berita acara together). */
  evidenceQuotaBytes: number;
  /** The Ed25519 private key that signs checkpoints (mode 0600, outside the database; created at first start). */
  signingKeyPath: string;
  /** Worker threads that examine uploaded photos (decode, fingerprint), each one photo at a time; 0 examines them on the main thread. */
  imageWorkers: number;
  /** Files each image worker thread holds at once (their decodes share one pixel budget). */
  imageWorkerFiles: number;
  /** Notifications (issue 19): the outbox worker, e-mail over SMTP, the WhatsApp-ready channel. */
  notifications: NotificationConfig;
  /** Issue 20: requests to the public pages one client address may make per minute (0: no limit). */
  publicIpLimit: number;
  /** Issue 20: public pages, posters and photos one address may have computed (not served from the cache) per minute (0: no limit). */
  publicRenderLimit: number;
  /** Issue 20: the address the public pages, QR codes and share links name (e.g. https://danart.semarangkota.go.id); null: the request's own host. */
  publicBaseUrl: string | null;
}

export interface NotificationConfig {
  /** The delivery worker's look at the outbox (ms); 0 starts no worker. */
  workerIntervalMs: number;
  /** Deliveries sent per look. */
  batch: number;
  /** The scheduler tick (SPJ due/overdue, lapse, daily summary), in ms; 0 none. */
  tickIntervalMs: number;
  /** Where links in e-mails point (the sign-in page is `${publicUrl}/login`). */
  publicUrl: string;
  /** SMTP: no host, no e-mail sent (deliveries wait, marked with the reason). */
  smtp: { host: string | null; port: number; secure: boolean; user: string | null; pass: string | null; from: string };
  /** WhatsApp: 'log' (default: one JSON line per message into logPath) or 'webhook' (POST {to, text} to webhookUrl with a bearer token). */
  whatsapp: { transport: 'log' | 'webhook'; logPath: string; webhookUrl: string | null; token: string | null };
}

export interface UploadLimits {
  /** One text field (multipart or urlencoded). */
  fieldBytes: number;
  /** Text fields in one form. */
  maxFields: number;
  /** Files in one form. */
  maxFiles: number;
  /** One file. */
  fileBytes: number;
  /** One multipart request, everything counted. */
  requestBytes: number;
  /** One urlencoded form (no files: much smaller). */
  formBytes: number;
  /** An upload that receives no byte for this long is cut. */
  stallMs: number;
  /** Multipart uploads in flight at once for one signed-in user. */
  perUser: number;
}

export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: empty/0 (no proxy), a hop count ("1": one proxy in front, e.g. nginx on the same
 * host), or a comma-separated list of proxy addresses/CIDRs (express's names loopback, linklocal,
 * uniquelocal allowed). "true"/"all" is refused: it would believe any client's X-Forwarded-For.
 */
export function parseTrustProxy(v: string | undefined): TrustProxy {
  const raw = (v ?? '').trim();
  if (raw === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (/^(true|all|\*)$/i.test(raw)) {
    throw new Error(
      `TRUST_PROXY="${raw}" ditolak: mempercayai semua alamat berarti X-Forwarded-For dari siapa pun dicatat sebagai IP klien. ` +
        'Pakai jumlah proxy di depan server (mis. TRUST_PROXY=1) atau daftar alamat/CIDR proxy (mis. TRUST_PROXY=127.0.0.1,10.0.0.0/8).',
    );
  }
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((x) => x.trim()).filter(Boolean);
  for (const item of list) {
    const [addr, bits, extra] = item.split('/');
    const family = net.isIP(addr ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(PROXY_NAMES.has(item) || (family !== 0 && bitsOk && extra === undefined))) {
      throw new Error(`TRUST_PROXY: "${item}" bukan alamat IP, CIDR, atau loopback/linklocal/uniquelocal`);
    }
  }
  return list;
}

/** The signing key's default place: beside the database file, named after it (data/dana-rt.sqlite → data/dana-rt.signing-key.pem). */
export function defaultSigningKeyPath(databasePath: string): string {
  const base = path.basename(databasePath).replace(/\.(sqlite3?|db)$/i, '');
  return path.join(path.dirname(path.resolve(databasePath)), `${base}.signing-key.pem`);
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
    loginIpLimit: int('LOGIN_IP_LIMIT', 30),
    loginIpWindowMinutes: int('LOGIN_IP_WINDOW_MINUTES', 15),
    loginTrackMax: int('LOGIN_TRACK_MAX', 50_000),
    trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
    logLevel: process.env.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    healthMinFreeMb: int('HEALTH_MIN_FREE_MB', 500),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 25_000),
    exportMaxRunning: Math.max(1, int('EXPORT_MAX_RUNNING', 2)),
    exportMaxQueuedPerUser: Math.max(1, int('EXPORT_MAX_QUEUED_PER_USER', 10)),
    exportWorkerHeapMb: int('EXPORT_WORKER_HEAP_MB', 384),
    downloadStallSeconds: int('DOWNLOAD_STALL_SECONDS', 60),
    walCheckpointSeconds: int('WAL_CHECKPOINT_SECONDS', 60),
    walFoldMs: int('WAL_FOLD_MS', 250),
    uploads: {
      fieldBytes: int('UPLOAD_FIELD_BYTES', 10 * 1024),
      maxFields: int('UPLOAD_MAX_FIELDS', 100),
      maxFiles: int('UPLOAD_MAX_FILES', 10),
      fileBytes: int('UPLOAD_FILE_BYTES', 10 * 1024 * 1024),
      requestBytes: int('UPLOAD_REQUEST_BYTES', 40 * 1024 * 1024),
      formBytes: int('FORM_BYTES', 64 * 1024),
      stallMs: int('UPLOAD_STALL_MS', 30_000),
      perUser: int('UPLOADS_PER_USER', 2),
    },
    evidenceQuotaBytes: int('EVIDENCE_QUOTA_MB_PER_RT_YEAR', 500) * 1024 * 1024,
    signingKeyPath: process.env.SIGNING_KEY_PATH ? path.resolve(process.env.SIGNING_KEY_PATH) : defaultSigningKeyPath(databasePath),
    // One thread by default: on 2 cores a second one cost ~30 MB of resident memory; the same thread
    // holding 3 files at once (one decoding while another is hashed) gave more (BENCHMARKS.md).
    imageWorkers: int('IMAGE_WORKERS', 1),
    imageWorkerFiles: positive('IMAGE_WORKER_FILES', 3),
    notifications: {
      workerIntervalMs: int('NOTIFY_WORKER_MS', env === 'test' ? 0 : 5_000),
      batch: positive('NOTIFY_BATCH', 50),
      tickIntervalMs: int('NOTIFY_TICK_MS', env === 'test' ? 0 : 15 * 60_000),
      publicUrl: (process.env.PUBLIC_URL ?? `http://localhost:${int('PORT', 3000)}`).replace(/\/+$/, ''),
      smtp: {
        host: process.env.SMTP_HOST || null,
        port: int('SMTP_PORT', 587),
        secure: process.env.SMTP_SECURE === '1' || process.env.SMTP_SECURE === 'true',
        user: process.env.SMTP_USER || null,
        pass: process.env.SMTP_PASS || null,
        from: process.env.SMTP_FROM ?? 'Dana RT <no-reply@dana-rt.semarangkota.go.id>',
      },
      whatsapp: {
        transport: process.env.WHATSAPP_TRANSPORT === 'webhook' ? 'webhook' : 'log',
        logPath: path.resolve(process.env.WHATSAPP_LOG ?? path.join(path.dirname(databasePath), 'whatsapp-outbox.log')),
        webhookUrl: process.env.WHATSAPP_WEBHOOK_URL || null,
        token: process.env.WHATSAPP_TOKEN || null,
      },
    },
    publicIpLimit: int('PUBLIC_IP_LIMIT', 600),
    publicRenderLimit: int('PUBLIC_RENDER_LIMIT', 60),
    publicBaseUrl: process.env.PUBLIC_BASE_URL ? process.env.PUBLIC_BASE_URL.replace(/\/+$/, '') : null,
    ...overrides,
  };
}
