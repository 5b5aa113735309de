/**
 * The content-addressed store of uploaded documents (berita acara, receipts, photos).
 *
 * - A file is named by its SHA-256 and lives outside any public folder; it is served only
 *   through a route that checks the reader's scope.
 * - The type is decided by the bytes (magic numbers), never by the name or the browser.
 * - A file is written (temp file, fsync, rename) BEFORE the database row that points to it is
 *   committed, so a committed row never points to a missing file; a file whose row never
 *   committed is an orphan that sweepOrphans() removes.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { fail } from '../domain/errors';
import { cleanText } from '../domain/registry/rows';
import { examineBytes, MAX_IMAGE_PIXELS, type Examined } from './examine-file';
import { fingerprintImage, isImageMime, type ImageFingerprint } from './image-fingerprint';
import type { ImageWorkers } from './image-workers';

export { ALLOWED_TYPES, MAX_IMAGE_PIXELS } from './examine-file';

// Every photo is decoded once and never again: libvips' operation cache (50 MB by default) only
// holds memory here.
sharp.cache(false);

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** A PDF is parsed (pdfjs-dist) within these bounds: a hostile one cannot hold the server. */
export const MAX_PDF_PAGES = 200;
export const PDF_PARSE_MS = 5_000;

/** The quarantine, beside the store (`<evidence>.quarantine`): uploads stream there and move into the store only when their record commits. */
export const QUARANTINE_SUFFIX = '.quarantine';

/** A file streamed into the quarantine (hashed and counted while it streamed). */
export interface QuarantinedFile {
  path: string;
  size: number;
  sha256: string;
  originalName: string;
  field: string;
}

export interface StoredFile {
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  /** The fingerprint of a photo's decoded pixels (src/app/image-fingerprint.ts); null for a PDF. */
  pixelSha256: string | null;
  phash: string | null;
}

export interface InspectedFile {
  mime: string;
  /** A photo's fingerprint, from the decode that checked it; null for a PDF. */
  fingerprint: ImageFingerprint | null;
}

const SHA = /^[0-9a-f]{64}$/;
/** A directory that is not there (yet, or any more) lists as empty; any other failure is thrown. */
const ignoreMissing =
  <T>(empty: T) =>
  (err: NodeJS.ErrnoException): T => {
    if (err.code === 'ENOENT') return empty;
    throw err;
  };
const PREFIX = /^[0-9a-f]{2}$/;

/** An empty file, or one over MAX_FILE_BYTES, is refused before its bytes are looked at. */
function refuseBySize(size: number, field: string, label: string): void {
  if (size === 0) throw fail('file_empty', { label }, { [field]: 'Berkas kosong.' });
  if (size > MAX_FILE_BYTES) throw fail('file_too_large', { label, maxBytes: MAX_FILE_BYTES }, { [field]: 'Berkas terlalu besar.' });
}

/** A display-safe version of a browser-supplied file name (never used as a path). */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? 'berkas').split(/[\\/]/).pop() ?? 'berkas';
  // cleanText also drops bidi overrides: "\u202egpj.exe" would read as "exe.jpg".
  const cleaned = cleanText(base).replace(/[<>:"|?*]/g, '').trim().slice(0, 120);
  return cleaned || 'berkas';
}

/**
 * A real PDF: pdfjs-dist (Mozilla's parser) opens it and reads its first page; `%PDF` + random
 * bytes + `%%EOF` is refused as damaged. Bounded: at most MAX_PDF_PAGES pages and PDF_PARSE_MS
 * (the parse is abandoned and its document destroyed). No worker, no eval, no fonts, no network.
 */
async function checkPdf(buffer: Buffer, field: string, label: string): Promise<void> {
  if (!buffer.subarray(-1024).toString('latin1').includes('%%EOF')) throw fail('file_corrupt', { label }, { [field]: 'PDF rusak; unggah ulang.' });
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: true,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), PDF_PARSE_MS);
  });
  try {
    const parsed = await Promise.race([
      task.promise.then(async (doc) => {
        if (doc.numPages < 1) return { pages: 0 };
        if (doc.numPages > MAX_PDF_PAGES) return { pages: doc.numPages };
        await doc.getPage(1);
        return { pages: doc.numPages };
      }),
      timeout,
    ]).catch(() => ({ pages: 0 }));
    if (parsed === 'timeout') throw fail('pdf_too_slow', { label, seconds: PDF_PARSE_MS / 1000 }, { [field]: 'PDF tidak dapat dibaca.' });
    if (parsed.pages < 1) throw fail('file_corrupt', { label }, { [field]: 'PDF rusak; unggah ulang.' });
    if (parsed.pages > MAX_PDF_PAGES) throw fail('pdf_too_many_pages', { label, pages: parsed.pages, max: MAX_PDF_PAGES }, { [field]: `Paling banyak ${MAX_PDF_PAGES} halaman.` });
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

/**
 * One request's files in the quarantine (`<evidence dir>.quarantine/u-<request>-<n>`, in the
 * store's parent folder: the same filesystem, so adopting a file is a rename; a store mounted on
 * a filesystem of its own gets a copy instead). Each file is hashed and counted while it streams
 * in, and made durable (fsync) once whole, before anything refers to it: moving it into the
 * store is then a rename alone. `dispose` removes whatever of this request's files is still here
 * (a refused request leaves nothing), and destroys writes still running (a request cut mid-file).
 */
/** An upload is written to the quarantine in pieces of at most about this size (held in memory meanwhile). */
const WRITE_BYTES = 256 * 1024;

/** Writes every buffer in order with as few writev calls as the file takes (a short write goes on from where it stopped). */
export async function writeAllv(out: Pick<fs.promises.FileHandle, 'writev'>, buffers: readonly Buffer[]): Promise<void> {
  let left = buffers.filter((b) => b.length > 0);
  while (left.length) {
    let done = (await out.writev(left)).bytesWritten;
    if (done <= 0) throw new Error('writev wrote nothing');
    while (left.length && done >= left[0]!.length) done -= left.shift()!.length;
    if (done > 0) left = [left[0]!.subarray(done), ...left.slice(1)];
  }
}

export class Quarantine {
  private readonly prefix = `u-${randomBytes(8).toString('hex')}-`;
  private n = 0;
  private disposed = false;
  private readonly open = new Set<Readable>();
  private readonly files: string[] = [];

  /** `folder` makes the quarantine folder (once per store; `again` after it went away). */
  constructor(
    private readonly dir: string,
    private readonly folder: (again?: boolean) => Promise<void>,
  ) {}

  async receive(stream: Readable, field: string, originalName: string): Promise<QuarantinedFile> {
    this.open.add(stream);
    let file: string | null = null;
    let fh: fs.promises.FileHandle | null = null;
    try {
      await this.folder();
      if (this.disposed) throw new Error('quarantine disposed');
      file = path.join(this.dir, `${this.prefix}${this.n++}`);
      this.files.push(file);
      const name = file;
      fh = await fs.promises.open(name, 'wx', 0o640).catch(async (err: NodeJS.ErrnoException) => {
        // The quarantine folder went away since (cleaned by hand): make it again.
        if (err.code !== 'ENOENT') throw err;
        await this.folder(true);
        return fs.promises.open(name, 'wx', 0o640);
      });
      const hash = createHash('sha256');
      let size = 0;
      // The socket's chunks (16–64 KB) are gathered into writes of up to WRITE_BYTES: a write per
      // chunk cost the thread that serves requests a trip through libuv's pool each (~10 per photo).
      // One writev of the chunks as they are (no copy of them into one buffer); a short write, rare
      // on a file, goes on from where it stopped.
      const gathered: Buffer[] = [];
      let gatheredBytes = 0;
      const out = fh;
      const flush = async () => {
        const data = gathered.splice(0);
        gatheredBytes = 0;
        await writeAllv(out, data);
      };
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        gathered.push(chunk);
        gatheredBytes += chunk.length;
        if (gatheredBytes >= WRITE_BYTES) await flush();
      }
      if (gatheredBytes > 0) await flush();
      await fh.sync();
      if (this.disposed) throw new Error('quarantine disposed');
      return { path: file, size, sha256: hash.digest('hex'), originalName, field };
    } catch (err) {
      await fh?.close().catch(() => undefined);
      fh = null;
      if (file) await fs.promises.rm(file, { force: true });
      throw err;
    } finally {
      this.open.delete(stream);
      await fh?.close();
    }
  }

  /** Removes this request's files still in the quarantine (those adopted were moved out of it). */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const s of this.open) s.destroy();
    // Most were moved into the store already: a look first (fs.rm with force stats each twice).
    await Promise.all(this.files.map((f) => (fs.existsSync(f) ? fs.promises.unlink(f).catch(() => undefined) : undefined)));
  }
}

export class EvidenceStore {
  /** Directories known to exist (an upload asked mkdir for each file). */
  private readonly madeDirs = new Set<string>();
  /** Files adopted by requests whose record has not committed yet (hash → how many). */
  private readonly adopting = new Map<string, number>();
  /** Where photos are examined: worker threads, or (null) this thread. */
  private workers: ImageWorkers | null = null;
  /** The quarantine folder, once made. */
  private quarantineMade: Promise<void> | null = null;

  constructor(readonly dir: string) {}

  /** Where uploads wait: beside the store, in its parent folder (same filesystem); never served, never listed as evidence. */
  get quarantineDir(): string {
    return `${this.dir}${QUARANTINE_SUFFIX}`;
  }

  openQuarantine(): Quarantine {
    return new Quarantine(this.quarantineDir, (again) => this.quarantineFolder(again));
  }

  /** The quarantine folder, made once (not once per upload); again when it went away. */
  private quarantineFolder(again = false): Promise<void> {
    if (again) this.quarantineMade = null;
    this.quarantineMade ??= fs.promises.mkdir(this.quarantineDir, { recursive: true }).then(
      () => undefined,
      (err: unknown) => {
        this.quarantineMade = null;
        throw err;
      },
    );
    return this.quarantineMade;
  }

  /** Removes what is in the quarantine (files, and folders of older versions) older than `olderThanMs` (0 at start: no request is in flight). */
  async clearQuarantine(olderThanMs = 0, now = Date.now()): Promise<number> {
    const subs = await fs.promises.readdir(this.quarantineDir, { withFileTypes: true }).catch(ignoreMissing([]));
    let removed = 0;
    for (const sub of subs) {
      const p = path.join(this.quarantineDir, sub.name);
      const stat = await fs.promises.stat(p).catch(() => null);
      if (!stat || stat.mtimeMs > now - olderThanMs) continue;
      await fs.promises.rm(p, { recursive: true, force: true });
      removed += 1;
    }
    return removed;
  }

  /**
   * Moves a quarantined file into the store under its hash (a rename: the quarantine made it
   * durable when it arrived; idempotent: a file already stored is only refreshed) BEFORE the row
   * that points to it commits. The caller calls `settle` after its transaction: committed or not,
   * and `settle` removes a file this request brought in that no row refers to (unless another
   * request is adopting it too).
   */
  async adopt(q: QuarantinedFile): Promise<void> {
    this.adopting.set(q.sha256, (this.adopting.get(q.sha256) ?? 0) + 1);
    const target = this.pathOf(q.sha256);
    if (this.refresh(target)) return;
    const dir = path.dirname(target);
    if (!this.madeDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    await fs.promises.rename(q.path, target).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EXDEV') {
        // The store is a filesystem of its own: copy into a temp file there, then rename (atomic there).
        const tmp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
        await fs.promises.copyFile(q.path, tmp, fs.constants.COPYFILE_EXCL);
        const t = await fs.promises.open(tmp, 'r');
        try {
          await t.sync();
        } finally {
          await t.close();
        }
        return fs.promises.rename(tmp, target);
      }
      if (err.code !== 'ENOENT') throw err;
      // The store's prefix folder went away since (restored or cleaned): make it again.
      await fs.promises.mkdir(dir, { recursive: true });
      await fs.promises.rename(q.path, target);
    });
  }

  /**
   * After the transaction (committed or refused): the adoption ends; a file no row refers to and
   * no other request is adopting is removed now, not an hour later. Synchronous, like the sweep.
   */
  settle(sha256s: readonly string[], isReferenced: (sha256: string) => boolean): void {
    for (const sha of sha256s) {
      const left = (this.adopting.get(sha) ?? 1) - 1;
      if (left > 0) this.adopting.set(sha, left);
      else this.adopting.delete(sha);
      if (left <= 0 && !isReferenced(sha)) fs.rmSync(this.pathOf(sha), { force: true });
    }
  }

  pathOf(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error('not a sha256');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  exists(sha256: string): boolean {
    return SHA.test(sha256) && fs.existsSync(this.pathOf(sha256));
  }

  /**
   * `exists` for many hashes asked in ascending order: each two-character directory is listed once
   * (256 listings instead of one stat per file: a city's 1,5 M stats took 14 s). Only the current
   * directory's names are held.
   */
  existsInOrder(): (sha256: string) => boolean {
    let prefix = '';
    let names = new Set<string>();
    return (sha256) => {
      if (!SHA.test(sha256)) return false;
      const p = sha256.slice(0, 2);
      if (p !== prefix) {
        prefix = p;
        try {
          names = new Set(fs.readdirSync(path.join(this.dir, p)));
        } catch {
          names = new Set();
        }
      }
      return names.has(sha256);
    };
  }

  /**
   * Photos are examined on these worker threads from now on (image-workers.ts; the server sets
   * them from IMAGE_WORKERS); without, in this thread. The same function either way
   * (examine-file.ts), with the same answers.
   */
  examineOn(workers: ImageWorkers | null): void {
    this.workers = workers;
  }

  /** Checks the bytes and returns the detected type (and a photo's fingerprint); throws a validation error naming the field. */
  async inspect(buffer: Buffer, field: string, label: string): Promise<InspectedFile> {
    refuseBySize(buffer.length, field, label);
    return this.verdict(await examineBytes(buffer, MAX_IMAGE_PIXELS), () => Promise.resolve(buffer), field, label);
  }

  /**
   * `inspect` for a file on disk (an upload in the quarantine): on an image worker when there
   * are workers, which reads the file itself (the bytes never enter this thread's heap; only a
   * PDF is read here, to be parsed). With `thumbnailOf` (the file's SHA-256, for a photo whose
   * review thumbnail is asked for right after the commit), the worker makes that thumbnail from
   * the same decode and keeps it for the thumbnail store (image-workers.ts), but only while the
   * workers keep up (`keepsUp`): under a rush the photo's first view makes it instead.
   */
  async inspectFile(file: { path: string; size: number }, field: string, label: string, thumbnailOf?: string): Promise<InspectedFile> {
    refuseBySize(file.size, field, label);
    // The thumbnail from the same decode only while the workers keep up; under a rush the first view makes it.
    const examined = this.workers ? await this.workers.examine(file.path, MAX_IMAGE_PIXELS, this.workers.keepsUp ? thumbnailOf : undefined) : await examineBytes(await fs.promises.readFile(file.path), MAX_IMAGE_PIXELS);
    return this.verdict(examined, () => fs.promises.readFile(file.path), field, label);
  }

  /**
   * A type not allowed, a truncated or corrupt photo, a decompression bomb: refused now, naming
   * the field, not found out by the auditor. A PDF is parsed here (bounded).
   */
  private async verdict(examined: Examined, bytes: () => Promise<Buffer>, field: string, label: string): Promise<InspectedFile> {
    if (!examined.ok) {
      if (examined.problem === 'type') throw fail('file_type_not_allowed', { label }, { [field]: 'Hanya JPEG, PNG, WebP, atau PDF.' });
      if (examined.problem === 'corrupt') throw fail('file_corrupt', { label }, { [field]: 'Gambar rusak; foto ulang.' });
      throw fail('image_too_large', { label, width: examined.width ?? undefined, height: examined.height ?? undefined }, { [field]: 'Dimensi gambar terlalu besar.' });
    }
    if (examined.mime === 'application/pdf') await checkPdf(await bytes(), field, label);
    return { mime: examined.mime, fingerprint: examined.fingerprint };
  }

  /**
   * Makes a stored file fresh again, so the orphan sweep leaves it to the commit about to point
   * to it; false when it is not there (never stored, or the sweep just removed it). Synchronous
   * on purpose: the sweep's last look and removal are one synchronous step on this thread, so
   * the two never interleave (a refresh on the thread pool could land between them).
   */
  private refresh(target: string): boolean {
    // A new file (the usual case) is not there: answered without an exception (whose stack costs more than the look).
    if (!fs.existsSync(target)) return false;
    try {
      const now = new Date();
      fs.utimesSync(target, now, now);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /**
   * Writes the bytes under their hash (idempotent) and returns what was stored. A photo's
   * fingerprint is the one `inspect` computed, or computed here (the seed, scripts) by the same
   * function.
   */
  async put(buffer: Buffer, mime: string, originalName: string, fingerprint?: ImageFingerprint | null): Promise<StoredFile> {
    const print = fingerprint !== undefined ? fingerprint : isImageMime(mime) ? await fingerprintImage(buffer) : null;
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const target = this.pathOf(sha256);
    if (!this.refresh(target)) {
      const dir = path.dirname(target);
      const tmp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      const mkdir = async () => {
        await fs.promises.mkdir(dir, { recursive: true });
        this.madeDirs.add(dir);
      };
      if (!this.madeDirs.has(dir)) await mkdir();
      const fh = await fs.promises.open(tmp, 'wx', 0o640).catch(async (err: NodeJS.ErrnoException) => {
        // The directory went away since (the store was restored or cleaned): make it again.
        if (err.code !== 'ENOENT') throw err;
        await mkdir();
        return fs.promises.open(tmp, 'wx', 0o640);
      });
      try {
        await fh.writeFile(buffer);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, target);
    }
    return { sha256, size: buffer.length, mime, originalName: cleanFileName(originalName), pixelSha256: print?.pixelSha256 ?? null, phash: print?.phash ?? null };
  }

  /**
   * Removes stored files that no database row refers to and that are older than the grace
   * period. A city holds ~1,5 M files: one directory at a time, listed asynchronously against
   * the hashes the database holds under that prefix (one indexed query), so the server keeps
   * answering while it runs (a stat and a lookup per file in one go held the event loop 6,2 s
   * for 150,000 files, about a minute for a city). Only an
   * orphan is looked at closely, and its last check and removal are one synchronous step, as is
   * an upload's refresh of the same file (`refresh`): the two cannot interleave in this process.
   * `npm run evidence:sweep` from another process has no such guarantee; run it with the server
   * stopped (the server sweeps hourly by itself).
   */
  async sweepOrphans(store: { referencedUnder(prefix: string): Set<string>; isReferenced(sha256: string): boolean }, olderThanMs = 60 * 60_000, now = Date.now()): Promise<number> {
    const subs = await fs.promises.readdir(this.dir, { withFileTypes: true }).catch(ignoreMissing([]));
    let removed = 0;
    for (const sub of subs) {
      if (!sub.isDirectory() || !PREFIX.test(sub.name)) continue;
      const subdir = path.join(this.dir, sub.name);
      const names = await fs.promises.readdir(subdir).catch(ignoreMissing([] as string[]));
      const referenced = store.referencedUnder(sub.name);
      for (const name of names) {
        const orphan = name.startsWith('.tmp-') || (SHA.test(name) && !referenced.has(name));
        if (orphan && this.removeIfStale(path.join(subdir, name), name, store, now - olderThanMs)) removed += 1;
      }
    }
    return removed;
  }

  private removeIfStale(file: string, name: string, store: { isReferenced(sha256: string): boolean }, staleBefore: number): boolean {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs >= staleBefore || this.adopting.has(name) || (SHA.test(name) && store.isReferenced(name))) return false;
    fs.rmSync(file, { force: true });
    return true;
  }
}
