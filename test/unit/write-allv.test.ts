/**
 * The quarantine writes an upload's chunks with writev as they came (no copy into one buffer);
 * a file can take fewer bytes than asked in one call, and the rest must follow in order.
 */
import { describe, expect, it } from 'vitest';
import { writeAllv } from '../../src/app/evidence-store';

/** A file that takes at most `max` bytes per call (`max` as a list: one per call, the last repeated). */
function aFile(max: number[]) {
  const written: Buffer[] = [];
  let calls = 0;
  return {
    written,
    calls: () => calls,
    writev: async (buffers: readonly NodeJS.ArrayBufferView[]) => {
      const cap = max[Math.min(calls, max.length - 1)]!;
      calls += 1;
      const all = Buffer.concat(buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)));
      const took = all.subarray(0, cap);
      written.push(Buffer.from(took));
      return { bytesWritten: took.length, buffers: buffers as NodeJS.ArrayBufferView[] };
    },
  };
}

const chunks = [Buffer.from('abcde'), Buffer.from(''), Buffer.from('fgh'), Buffer.from('ijklmnop')];

describe('writeAllv', () => {
  it.each<[string, number[], number]>([
    ['the file takes everything at once', [1000], 1],
    ['a short write inside the first chunk', [3, 1000], 2],
    ['a short write at a chunk boundary', [5, 1000], 2],
    ['a byte at a time', [1], 16],
    ['short writes across chunks', [7, 4, 1000], 3],
  ])('%s', async (_what, max, calls) => {
    const f = aFile(max);
    await writeAllv(f as never, chunks);
    expect(Buffer.concat(f.written).toString()).toBe('abcdefghijklmnop');
    expect(f.calls()).toBe(calls);
  });

  it('nothing to write makes no call; a file that takes nothing is an error, not a loop', async () => {
    const none = aFile([1000]);
    await writeAllv(none as never, [Buffer.alloc(0)]);
    expect(none.calls()).toBe(0);
    await expect(writeAllv(aFile([0]) as never, chunks)).rejects.toThrow('writev wrote nothing');
  });
});
