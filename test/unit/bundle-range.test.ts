/** Which checkpoints a bundle rests on: the latest before its first in-scope entry (if any) through the one signed for it. */
import { describe, expect, it } from 'vitest';
import { checkpointsOfRange } from '../../src/app/export-bundle';
import type { SignedCheckpoint } from '../../src/domain/ledger/checkpoint';

const cp = (seq: number, entryCount: number) => ({ seq, entryCount }) as SignedCheckpoint;
const all = [cp(1, 10), cp(2, 50), cp(3, 50), cp(4, 120)];
const end = all[3]!;

describe('checkpointsOfRange', () => {
  it.each<[string, number | null, number[]]>([
    ['first entry after a checkpoint: from that checkpoint', 60, [3, 4]],
    ['first entry right after a checkpoint', 51, [3, 4]],
    ['first entry before any checkpoint: the end one only (the range starts at entry 1)', 5, [4]],
    ['first entry at a checkpoint: the one before it', 50, [1, 2, 3, 4]],
    ['a scope without entries: still the last link, from the latest checkpoint before the end', null, [3, 4]],
  ])('%s', (_what, firstId, seqs) => {
    expect(checkpointsOfRange(all, end, firstId).map((c) => c.seq)).toEqual(seqs);
  });

  it('ignores checkpoints signed after the end one', () => {
    expect(checkpointsOfRange([...all, cp(5, 130)], end, 60).map((c) => c.seq)).toEqual([3, 4]);
  });
});
