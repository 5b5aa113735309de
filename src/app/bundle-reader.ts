/**
 * Reading an audit bundle without holding it: the ZIP's central directory is indexed once
 * (name → entry, lazily, with yauzl), then each file is opened as a stream by name, in any order,
 * as often as needed. A Map of names to bytes reads the same way (tests that edit a bundle).
 *
 * Lines are read as they stream, each file's SHA-256 computed over the bytes as they pass, so
 * a file is read once for both its hash and its content.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';

export interface BundleReader {
  /** Every file name, in the ZIP's order (directories left out). */
  readonly names: readonly string[];
  /** Names that occur more than once in the ZIP. */
  readonly duplicates: readonly string[];
  has(name: string): boolean;
  open(name: string): Promise<Readable>;
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
    close: () => undefined,
  };
}

/** Opens a ZIP and indexes its entries (names only; nothing is decompressed). Rejects a file that is no ZIP or is cut short. */
export function openZip(file: string): Promise<BundleReader> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const entries = new Map<string, yauzl.Entry>();
      const names: string[] = [];
      const duplicates: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) {
          if (entries.has(entry.fileName)) duplicates.push(entry.fileName);
          else names.push(entry.fileName);
          entries.set(entry.fileName, entry);
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
              zip.openReadStream(entry, (e, stream) => (e || !stream ? rej(e ?? new Error('stream')) : res(stream)));
            }),
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
