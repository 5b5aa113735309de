/**
 * Compressed responses (brotli when the browser takes it, else gzip) for text: pages, CSS, JS,
 * CSV and JSON. Photos, PDFs, ZIPs and XLSX are compressed already and go out as they are, with
 * their length (a phone shows download progress). Streamed exports stay streamed: compression
 * writes each chunk through and keeps the response's backpressure.
 */
import compression from 'compression';
import type { RequestHandler } from 'express';

const TEXT = /^(text\/(html|css|csv|plain|javascript)|application\/(json|javascript|xml)|image\/svg\+xml)\b/i;

export function compress(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (_req, res) => TEXT.test(String(res.getHeader('Content-Type') ?? '')),
  });
}
