/**
 * multipart/form-data bodies, bounded while they stream in (issue 17, item 1); busboy directly.
 *
 * - Limits (config.ts `uploads`): a text field, the number of fields, files a form, a file, the
 *   whole request (a byte counter on the stream, and Content-Length refused before reading), an
 *   upload that receives nothing for `stallMs` is cut, at most `perUser` uploads in flight per
 *   signed-in user (the next one: 429 before its body is read).
 * - Nothing is buffered past a limit: busboy keeps at most `fieldBytes` of a field, files stream
 *   into the quarantine as this request's files (hashed while they stream), and the moment a limit is
 *   passed the body stops being parsed: the answer goes out at once, the rest of the body is
 *   thrown away unread (bounded: `discardRest`) so the client receives the answer.
 * - When the text fields were read (the form's CSRF token among them), a refusal re-renders the
 *   form with the typed input (`req.uploadError`, the route's formHandler); otherwise it is the
 *   error page, with its status (413, 429) and an Indonesian message.
 * - When the first file part starts, the text fields are checked (CSRF, then the route's
 *   `precheck`: every rule that needs no file); a refusal answers without reading any file.
 * - The request's files left in the quarantine are removed when its response ends, whatever happened (files
 *   its use case committed were moved into the store before).
 */
import busboy from 'busboy';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Transform, type Readable } from 'node:stream';
import type { QuarantinedFile } from '../../app/evidence-store';
import type { UploadLimits } from '../../config';
import { fail, isDomainError } from '../../domain/errors';
import { CSRF_FIELD, csrfMatches } from './csrf';
import { STATUS } from './errors';

/** What a multipart route declares: its file fields and their counts, a size per file. */
export interface MultipartSpec {
  files: Array<{ name: string; maxCount: number }>;
  maxBytes: number;
  maxFiles: number;
  /** Text fields this form needs when more than the default (e.g. 60 plan rows × 3). */
  maxFields?: number;
  /** Keep the file in memory (a small CSV import) instead of the quarantine. */
  memory?: boolean;
  /** Checks the text fields before any file is read; throws the failure (a domain error). */
  precheck?: (req: Request) => void;
}

/** One uploaded file: in the quarantine (path, hash) or, for `memory` routes, a buffer. */
export interface UploadedPart {
  field: string;
  originalName: string;
  size: number;
  sha256?: string;
  path?: string;
  buffer?: Buffer;
}

export interface QuarantinePort {
  receive(stream: Readable, field: string, originalName: string): Promise<QuarantinedFile>;
  dispose(): Promise<void>;
}

/**
 * After a refusal the rest of the body is read and thrown away, for a bounded while (up to the
 * request limit in all, and no longer than the stall time without a byte), then the connection
 * is cut: closing a socket with unread data resets it, and the client (a phone still sending)
 * would lose the answer. Nothing is kept: the bytes go nowhere.
 */
function discardRest(req: Request, limits: UploadLimits, alreadyRead: number): void {
  let seen = alreadyRead;
  const cut = setTimeout(() => req.socket.destroy(), limits.stallMs);
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    cut.refresh();
    if (seen > limits.requestBytes) {
      clearTimeout(cut);
      req.socket.destroy();
    }
  });
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
  req.resume();
}

/** Kinds a form shows on itself (the rest is an error page). */
const ON_FORM = new Set(['validation', 'conflict', 'too_large', 'rate_limited']);

async function collect(stream: Readable, field: string, originalName: string): Promise<UploadedPart> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const buffer = Buffer.concat(chunks);
  return { field, originalName, size: buffer.length, buffer };
}

export function uploadBodies(limits: UploadLimits, openQuarantine: () => QuarantinePort, onCut?: (req: Request, why: string) => void) {
  /** Uploads in flight per user (or per address before sign-in). */
  const inFlight = new Map<string, number>();

  return (m: MultipartSpec): RequestHandler =>
    (req: Request, res: Response, next: NextFunction) => {
      if (!req.is('multipart')) return next();
      const refuseNow = (err: Error) => {
        discardRest(req, limits, 0);
        req.body = {};
        next(err);
      };
      const who = req.actor?.userId != null ? `u${req.actor.userId}` : `ip${req.ip}`;
      const busy = inFlight.get(who) ?? 0;
      if (busy >= limits.perUser) return refuseNow(fail('upload_busy', { max: limits.perUser }));
      // Node's parser already refuses a malformed length; only digits are read as one (the byte counter bounds the rest).
      const length = req.headers['content-length'];
      const declared = length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : Number.NaN;
      if (Number.isFinite(declared) && declared > limits.requestBytes) return refuseNow(fail('upload_too_large', { maxBytes: limits.requestBytes }));

      const maxFields = m.maxFields ?? limits.maxFields;
      const maxFiles = Math.min(m.maxFiles, limits.maxFiles);
      const fileBytes = Math.min(m.maxBytes, limits.fileBytes);
      let bb: busboy.Busboy;
      try {
        bb = busboy({
          headers: req.headers,
          defParamCharset: 'utf8',
          // busboy reports a limit once it is reached; one more lets exactly the limit through.
          limits: { fieldSize: limits.fieldBytes + 1, fields: maxFields, files: limits.maxFiles, fileSize: fileBytes + 1, parts: maxFields + limits.maxFiles + 1, fieldNameSize: 200 },
        });
      } catch (err) {
        // No boundary, an unknown charset: busboy's own error, answered 400 (middleware/errors.ts).
        return refuseNow(err as Error);
      }

      inFlight.set(who, busy + 1);
      const quarantine = openQuarantine();
      const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
      const parts: UploadedPart[] = [];
      const perField = new Map<string, number>();
      let settled = false;
      let released = false;
      let bodyDone = false;
      let firstFile = true;
      let pending = 0;
      let received = 0;

      const release = () => {
        if (released) return;
        released = true;
        clearTimeout(stall);
        const n = (inFlight.get(who) ?? 1) - 1;
        if (n > 0) inFlight.set(who, n);
        else inFlight.delete(who);
        void quarantine.dispose().catch(() => undefined);
      };
      res.once('close', release);

      /** Stops reading the body and answers: on the form when its fields (and token) were read, else the error page. */
      const stop = (err: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(stall);
        req.unpipe(meter);
        meter.unpipe(bb);
        discardRest(req, limits, received);
        req.body = fields;
        req.uploads = [];
        if (err === null) return next(); // verifyCsrf answers (403, or sign in again)
        if (isDomainError(err) && ON_FORM.has(err.kind) && CSRF_FIELD in fields) {
          req.uploadError = { status: STATUS[err.kind], message: err.message, errors: err.fields };
          return next();
        }
        next(err);
      };

      const stall = setTimeout(() => {
        if (released) return;
        onCut?.(req, `no byte for ${limits.stallMs} ms after ${received} bytes`);
        settled = true;
        req.socket.destroy();
        release();
      }, limits.stallMs);

      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          received += chunk.length;
          stall.refresh();
          if (received > limits.requestBytes) {
            stop(fail('upload_too_large', { maxBytes: limits.requestBytes }));
            return cb();
          }
          cb(null, chunk);
        },
      });

      const maybeDone = () => {
        if (!bodyDone || pending > 0 || settled) return;
        settled = true;
        req.body = fields;
        req.uploads = parts;
        next();
      };

      /** At the first file: the CSRF token, then every rule the route can check without the files. */
      const fieldsPass = (): boolean => {
        req.body = fields;
        if (!csrfMatches(req)) {
          stop(null);
          return false;
        }
        try {
          m.precheck?.(req);
          return true;
        } catch (e) {
          stop(e as Error);
          return false;
        }
      };

      bb.on('field', (name, value, info) => {
        if (settled) return;
        if (info.nameTruncated || info.valueTruncated) return stop(fail('upload_field_too_large', { maxBytes: limits.fieldBytes }));
        const prev = fields[name];
        if (prev === undefined) fields[name] = value;
        else if (Array.isArray(prev)) prev.push(value);
        else fields[name] = [prev, value];
      });
      bb.on('fieldsLimit', () => stop(fail('upload_too_many_fields', { max: maxFields })));
      bb.on('partsLimit', () => stop(fail('upload_too_many_fields', { max: maxFields })));
      bb.on('filesLimit', () => stop(fail('upload_too_many_files', { max: limits.maxFiles })));
      bb.on('file', (name, stream, info) => {
        // A body cut off inside this part destroys its stream with busboy's error, which busboy also
        // emits on itself (answered below). A stream no one reads (ignored, or after a refusal)
        // would otherwise throw it as an uncaught exception and stop the server.
        stream.on('error', () => undefined);
        if (settled || !info.filename) return void stream.resume();
        if (firstFile) {
          firstFile = false;
          if (!fieldsPass()) return void stream.resume();
        }
        const spec = m.files.find((f) => f.name === name);
        const count = perField.get(name) ?? 0;
        if (parts.length + pending >= limits.maxFiles) {
          stream.resume();
          return stop(fail('upload_too_many_files', { max: limits.maxFiles }));
        }
        if (!spec || count >= spec.maxCount || parts.length + pending >= maxFiles) {
          stream.resume();
          return stop(fail('upload_wrong_field', { max: maxFiles }));
        }
        perField.set(name, count + 1);
        const originalName = info.filename;
        stream.on('limit', () => stop(fail('upload_file_too_large', { file: originalName.slice(0, 60), maxBytes: fileBytes })));
        pending += 1;
        const landed: Promise<UploadedPart> = m.memory ? collect(stream, name, originalName) : quarantine.receive(stream, name, originalName);
        landed
          .then(
            (part) => {
              if (!settled) parts.push(part);
            },
            (err: unknown) => stop(isDomainError(err) ? err : (err as Error)),
          )
          .finally(() => {
            pending -= 1;
            maybeDone();
          });
      });
      // A body cut off or malformed: busboy's error, answered 400 *Unggahan terputus atau rusak*.
      bb.on('error', (err) => stop(err));
      bb.on('close', () => {
        bodyDone = true;
        clearTimeout(stall);
        maybeDone();
      });
      req.on('close', () => {
        // The client went away before the body ended: nothing to answer; clean up.
        if (req.readableEnded || bodyDone) return;
        settled = true;
        release();
      });
      req.pipe(meter).pipe(bb);
    };
}
