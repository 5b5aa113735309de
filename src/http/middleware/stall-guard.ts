/**
 * Downloads that stop reading are cut. A client that opens a long download (the journal, a
 * bundle) and then reads nothing holds its response open for ever — and with it a read snapshot,
 * which keeps SQLite from checkpointing past it while the WAL grows. When the response has bytes
 * waiting in the socket and none of them has left for `ms`, the connection is destroyed; the
 * stream feeding it then fails and releases what it holds. A server that is slow to produce (a
 * bundle waiting in the queue, or being built) is not a stall: nothing is waiting in the socket.
 */
import type { Response } from 'express';

export function cutWhenStalled(res: Response, ms: number, onCut: () => void = () => undefined): void {
  const socket = res.socket;
  if (!ms || !socket) return;
  let sent = socket.bytesWritten;
  let since = Date.now();
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (socket.bytesWritten !== sent || socket.writableLength === 0) {
        sent = socket.bytesWritten;
        since = now;
        return;
      }
      if (now - since >= ms) {
        clearInterval(timer);
        onCut();
        res.destroy();
        socket.destroy();
      }
    },
    Math.min(1000, Math.max(50, Math.floor(ms / 4))),
  );
  timer.unref();
  res.once('close', () => clearInterval(timer));
}
