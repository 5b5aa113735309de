/**
 * Times every SQLite statement call of this process (better-sqlite3's run, get, all and
 * iterate), to tell how much of a workload is SQLite itself and how much is JavaScript around
 * it. For benchmarks only: it wraps the statement prototype for the whole process.
 */
import Database from 'better-sqlite3';

export interface SqlTime {
  seconds: number;
  statements: number;
}

export function timeSqlStatements(): () => SqlTime {
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  probe.close();
  let ns = 0n;
  let statements = 0;
  for (const name of ['run', 'get', 'all'] as const) {
    const original = proto[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const t = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        ns += process.hrtime.bigint() - t;
        statements += 1;
      }
    };
  }
  const iterate = proto.iterate!;
  proto.iterate = function* (this: unknown, ...args: unknown[]) {
    statements += 1;
    const rows = iterate.apply(this, args) as Iterator<unknown>;
    try {
      for (;;) {
        const t = process.hrtime.bigint();
        const r = rows.next();
        ns += process.hrtime.bigint() - t;
        if (r.done) return;
        yield r.value;
      }
    } finally {
      // A caller that leaves the loop early must not leave the statement open (the connection would stay busy).
      rows.return?.();
    }
  };
  return () => ({ seconds: Number(ns) / 1e9, statements });
}
