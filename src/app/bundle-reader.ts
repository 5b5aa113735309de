/**
 * Reading an audit bundle without holding it: the ZIP's central directory is indexed once
 * (name → entry, lazily, with yauzl), then each file is opened as a stream by name, in any order,
 * as often as needed. A Map of names to bytes reads the same way (tests that edit a bundle).
 *
 * Lines are read as they stream, each file's SHA-256 computed over the bytes as they pass, so
 * a file is read once for both its hash and its content.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface BundleReader {
  /** Every file name, in the ZIP's order (directories left out). */
  readonly names: readonly string[];
  /** Names that occur more than once in the ZIP. */
  readonly duplicates: readonly string[];
  has(name: string): boolean;
  open(name: string): Promise<Readable>;
  /** SHA-256 of a file's bytes (verify-bundle's evidence: a small stored file is hashed where it lies, without a copy). */
  sha256(name: string): Promise<string>;
  close(): void;
}

export function mapReader(files: ReadonlyMap<string, Buffer>): BundleReader {
  return {
    names: [...files.keys()],
    duplicates: [],
    has: (name) => files.has(name),
    open: async (name) => {
      const body = files.get(name);
      if (!body) throw new Error(`${name} tidak ada`);
      return Readable.from([body]);
    },
    sha256: async (name) => {
      const body = files.get(name);
      if (!body) throw new Error(`${name} tidak ada`);
      return createHash('sha256').update(body).digest('hex');
    },
    close: () => undefined,
  };
}

/** Reads served from memory: the central directory's records and small files (evidence photos, CSV parts). */
const BLOCK_BYTES = 1 << 20;
const BLOCKS_KEPT = 4;
const SMALL_READ = 256 * 1024;

/**
 * yauzl's own file reader queues every read behind the one before (one at a time, each a trip to
 * the thread pool): a ZIP of 30,000 files took ~1,3 s to index and the evidence reads mostly waited.
 * This reader keeps the last few 1 MB blocks of the file: indexing and small files are served from
 * them (read with one synchronous call per block), larger files stream from the disk as before.
 */
class BlockReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Buffer>();
  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {
    super();
  }

  private block(index: number): Buffer {
    let b = this.blocks.get(index);
    if (b) {
      // Most recently used last.
      this.blocks.delete(index);
      this.blocks.set(index, b);
      return b;
    }
    const start = index * BLOCK_BYTES;
    // The evicted block's memory is reused: a new 1 MB buffer per block left the whole ZIP's size
    // in garbage behind a pass over it. (Every use of a block copies or hashes it before the next read.)
    let spare: Buffer | undefined;
    if (this.blocks.size >= BLOCKS_KEPT) {
      const oldest = this.blocks.keys().next().value!;
      spare = this.blocks.get(oldest);
      this.blocks.delete(oldest);
    }
    b = (spare ? Buffer.from(spare.buffer, spare.byteOffset, BLOCK_BYTES) : Buffer.allocUnsafe(BLOCK_BYTES)).subarray(0, Math.min(BLOCK_BYTES, this.size - start));
    let got = 0;
    while (got < b.length) {
      const n = fs.readSync(this.fd, b, got, b.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    b = b.subarray(0, got);
    this.blocks.set(index, b);
    return b;
  }

  /** Copies [position, position + length) into target; returns the bytes copied (short at the end of the file). */
  copy(target: Buffer, offset: number, length: number, position: number): number {
    let done = 0;
    while (done < length && position + done < this.size) {
      const at = position + done;
      const b = this.block(Math.floor(at / BLOCK_BYTES));
      const from = at % BLOCK_BYTES;
      if (from >= b.length) break;
      done += b.copy(target, offset + done, from, Math.min(b.length, from + length - done));
    }
    return done;
  }

  /** Feeds [position, position + length) to a hash straight from the blocks; returns the bytes fed. */
  hashRange(hash: ReturnType<typeof createHash>, length: number, position: number): number {
    let done = 0;
    while (done < length && position + done < this.size) {
      const at = position + done;
      const b = this.block(Math.floor(at / BLOCK_BYTES));
      const from = at % BLOCK_BYTES;
      if (from >= b.length) break;
      const to = Math.min(b.length, from + length - done);
      hash.update(b.subarray(from, to));
      done += to - from;
    }
    return done;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    let n: number;
    try {
      n = this.copy(buffer, offset, length, position);
    } catch (e) {
      queueMicrotask(() => callback(e as Error));
      return;
    }
    // Not called back synchronously: yauzl's lazy indexing would then recurse once per entry.
    queueMicrotask(() => callback(null, n));
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start <= SMALL_READ) {
      const b = Buffer.allocUnsafe(end - start);
      const n = this.copy(b, 0, b.length, start);
      return Readable.from([b.subarray(0, n)], { objectMode: false });
    }
    // Not fs.createReadStream({ fd }): destroying it closes the shared descriptor, whatever autoClose says.
    const fd = this.fd;
    let at = start;
    return new Readable({
      highWaterMark: SMALL_READ,
      read(size) {
        const want = Math.min(size, SMALL_READ, end - at);
        if (want <= 0) return void this.push(null);
        const b = Buffer.allocUnsafe(want);
        fs.read(fd, b, 0, want, at, (e, n) => {
          if (e) return this.destroy(e);
          if (n === 0) return this.destroy(new Error('unexpected EOF'));
          at += n;
          this.push(b.subarray(0, n));
        });
      },
    });
  }

  override close(callback: (err: Error | null) => void): void {
    fs.close(this.fd, (e) => callback(e));
  }
}

/** What is kept of a small entry (yauzl's Entry objects held ~60 MB for 30,000 files). */
interface SmallEntry {
  fileName: string;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  relativeOffsetOfLocalHeader: number;
}

const isSmall = (e: yauzl.Entry) =>
  e.compressedSize <= SMALL_READ && e.uncompressedSize <= SMALL_READ && (e.generalPurposeBitFlag & 0x1) === 0 && (e.compressionMethod === 0 || e.compressionMethod === 8);

/**
 * A small stored or deflated entry read whole from the cached blocks (no stream pipeline per file:
 * 30,000 evidence photos made that pipeline the larger part of verify-bundle's memory). Its sizes
 * are held to the central directory's as yauzl holds them. Larger, encrypted or otherwise compressed
 * entries are read through yauzl.
 */
function dataStart(reader: BlockReader, size: number, entry: SmallEntry): number {
  const at = entry.relativeOffsetOfLocalHeader;
  const header = Buffer.alloc(30);
  if (reader.copy(header, 0, 30, at) !== 30 || header.readUInt32LE(0) !== 0x04034b50) throw new Error(`${entry.fileName}: kepala berkas lokal rusak`);
  const start = at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > size) throw new Error(`${entry.fileName}: terpotong`);
  return start;
}

function smallEntry(reader: BlockReader, size: number, entry: SmallEntry): Buffer {
  const { compressedSize, uncompressedSize, compressionMethod } = entry;
  const start = dataStart(reader, size, entry);
  const raw = Buffer.allocUnsafe(compressedSize);
  reader.copy(raw, 0, compressedSize, start);
  const body = compressionMethod === 0 ? raw : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, uncompressedSize) });
  if (body.length !== uncompressedSize) throw new Error(`${entry.fileName}: ukuran ${body.length} byte, menurut direktori ZIP ${uncompressedSize}`);
  return body;
}

/** A small entry's SHA-256: a stored one hashed where it lies in the blocks, a deflated one inflated first. */
function smallEntrySha256(reader: BlockReader, size: number, entry: SmallEntry): string {
  const hash = createHash('sha256');
  if (entry.compressionMethod !== 0) return hash.update(smallEntry(reader, size, entry)).digest('hex');
  if (entry.compressedSize !== entry.uncompressedSize) throw new Error(`${entry.fileName}: ukuran ${entry.compressedSize} byte, menurut direktori ZIP ${entry.uncompressedSize}`);
  reader.hashRange(hash, entry.compressedSize, dataStart(reader, size, entry));
  return hash.digest('hex');
}

/** Opens a ZIP and indexes its entries (names only; nothing is decompressed). Rejects a file that is no ZIP or is cut short. */
export async function openZip(file: string): Promise<BundleReader> {
  // A plain descriptor (a FileHandle would be closed when collected, under the reads still to come).
  const fd = await new Promise<number>((res, rej) => fs.open(file, 'r', (e, n) => (e ? rej(e) : res(n))));
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  const reader = new BlockReader(fd, size);
  return new Promise((resolve, reject) => {
    yauzl.fromRandomAccessReader(reader, size, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        fs.close(fd, () => undefined);
        return reject(err ?? new Error('zip'));
      }
      const entries = new Map<string, SmallEntry | yauzl.Entry>();
      const names: string[] = [];
      const duplicates: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) {
          if (entries.has(entry.fileName)) duplicates.push(entry.fileName);
          else names.push(entry.fileName);
          const { fileName, compressedSize, uncompressedSize, compressionMethod, relativeOffsetOfLocalHeader } = entry;
          entries.set(fileName, isSmall(entry) ? { fileName, compressedSize, uncompressedSize, compressionMethod, relativeOffsetOfLocalHeader } : entry);
        }
        zip.readEntry();
      });
      zip.on('error', reject);
      zip.on('end', () =>
        resolve({
          names,
          duplicates,
          has: (name) => entries.has(name),
          open: (name) =>
            new Promise((res, rej) => {
              const entry = entries.get(name);
              if (!entry) return rej(new Error(`${name} tidak ada`));
              if (!(entry instanceof yauzl.Entry)) {
                try {
                  return res(Readable.from([smallEntry(reader, size, entry)]));
                } catch (e) {
                  return rej(e as Error);
                }
              }
              zip.openReadStream(entry, (e, stream) => (e || !stream ? rej(e ?? new Error('stream')) : res(stream)));
            }),
          sha256: async (name) => {
            const entry = entries.get(name);
            if (!entry) throw new Error(`${name} tidak ada`);
            if (!(entry instanceof yauzl.Entry)) return smallEntrySha256(reader, size, entry);
            const stream = await new Promise<Readable>((res, rej) => zip.openReadStream(entry, (e, st) => (e || !st ? rej(e ?? new Error('stream')) : res(st))));
            return (await streamSha256(stream)).sha256;
          },
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}

/** A file's lines (without "\n"), its SHA-256 once read to the end, and how it ended. */
export class LineReader {
  private readonly hash = createHash('sha256');
  private readonly decoder = new StringDecoder('utf8');
  private readonly it: AsyncIterator<Buffer>;
  private rest = '';
  private lines: string[] = [];
  private at = 0;
  private ended = false;
  sha256: string | null = null;
  /** The file did not end with "\n" (its last line is still returned). */
  unterminated = false;
  lineNo = 0;

  constructor(stream: Readable) {
    this.it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** The next line, or null at the end. */
  async next(): Promise<string | null> {
    while (this.at >= this.lines.length) {
      if (this.ended) return null;
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        this.sha256 = this.hash.digest('hex');
        this.rest += this.decoder.end();
        this.lines = this.rest === '' ? [] : [this.rest];
        this.unterminated = this.rest !== '';
        this.rest = '';
        this.at = 0;
        continue;
      }
      this.hash.update(r.value);
      const parts = (this.rest + this.decoder.write(r.value)).split('\n');
      this.rest = parts.pop()!;
      this.lines = parts;
      this.at = 0;
    }
    this.lineNo += 1;
    return this.lines[this.at++]!;
  }

  /** Reads to the end (for the hash). */
  async drain(): Promise<string> {
    while ((await this.next()) !== null);
    return this.sha256!;
  }
}

/** SHA-256 of a whole stream. */
export async function streamSha256(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * CSV records over a LineReader (RFC 4180 as csv-writer.ts writes it: a quoted field may hold
 * line breaks). Fields come back as written (not restored: compare them with csvField's output).
 */
export class CsvReader {
  private peeked: { fields: string[]; raw: string } | null | undefined;
  header: string[] | null = null;
  constructor(readonly lines: LineReader) {}

  static async open(stream: Readable): Promise<CsvReader> {
    const r = new CsvReader(new LineReader(stream));
    r.header = (await r.next())?.fields ?? null;
    return r;
  }

  async peek(): Promise<{ fields: string[]; raw: string } | null> {
    if (this.peeked === undefined) this.peeked = await this.read();
    return this.peeked;
  }

  async next(): Promise<{ fields: string[]; raw: string } | null> {
    const p = await this.peek();
    this.peeked = undefined;
    return p;
  }

  /** A record as a map by header name. */
  static row(header: readonly string[], fields: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    header.forEach((h, i) => (out[h] = fields[i] ?? ''));
    return out;
  }

  private async read(): Promise<{ fields: string[]; raw: string } | null> {
    let raw = await this.lines.next();
    if (raw === null) return null;
    while (quotes(raw) % 2 === 1) {
      const more = await this.lines.next();
      if (more === null) break;
      raw += `\n${more}`;
    }
    return { fields: parseCsvRecord(raw), raw };
  }
}

const quotes = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 34) n++;
  return n;
};

export function parseCsvRecord(raw: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (raw[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = raw.indexOf('"', i);
        if (q === -1) {
          v += raw.slice(i);
          i = raw.length;
          break;
        }
        v += raw.slice(i, q);
        if (raw[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      const c = raw.indexOf(',', i);
      if (c === -1) return out;
      i = c + 1;
    } else {
      const c = raw.indexOf(',', i);
      if (c === -1) {
        out.push(raw.slice(i));
        return out;
      }
      out.push(raw.slice(i, c));
      i = c + 1;
    }
  }
}

/** Every file of a ZIP in memory (tests and tools that edit a small bundle; verify itself streams). */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const reader = await openZip(file);
  try {
    const files = new Map<string, Buffer>();
    for (const name of reader.names) {
      const chunks: Buffer[] = [];
      for await (const c of (await reader.open(name)) as AsyncIterable<Buffer>) chunks.push(c);
      files.set(name, Buffer.concat(chunks));
    }
    return files;
  } finally {
    reader.close();
  }
}
