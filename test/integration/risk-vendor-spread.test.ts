/**
 * A vendor's spread (how many RTs and kelurahan hold it) counted once per write transaction: a
 * refresh pass asks it for every grantee of a city where one chain store sits in thousands of RTs.
 * The memo must never answer a stale count: a link written in the same transaction, a rollback
 * and the next transaction each give the count of the links as they are.
 */
import { describe, expect, it } from 'vitest';
import type { RiskLink } from '../../src/app/ports';
import { freshServices } from '../helpers/db';

const link = (rtId: number, kelurahanCode: string, key = 'toko sinar'): RiskLink => ({ kind: 'vendor', key, rtId, kelurahanCode, receiptId: rtId * 10, num: null });

describe('vendorSpread', () => {
  it('counts each key once per transaction, sees links written in it, and forgets on rollback', () => {
    const s = freshServices();
    s.risk.replaceLinks(2026, 1, [link(1, 'K1'), link(1, 'K1', 'warung bu sri')]);
    s.risk.replaceLinks(2026, 2, [link(2, 'K2')]);
    const proto = Object.getPrototypeOf(s.db.sqlite.prepare('SELECT 1')) as { all: (...a: unknown[]) => unknown };
    const all = proto.all;
    let counts = 0;
    proto.all = function (this: { source: string }, ...a: unknown[]) {
      if (this.source.includes('COUNT(DISTINCT rt_id)')) counts += 1;
      return all.apply(this, a);
    };
    try {
      expect(s.risk.vendorSpread(2026, ['toko sinar'])).toEqual([{ key: 'toko sinar', rts: 2, kelurahan: 2 }]);
      s.db.transaction(() => {
        const before = counts;
        for (let i = 0; i < 5; i++) expect(s.risk.vendorSpread(2026, ['toko sinar', 'warung bu sri', 'tidak ada'])).toEqual([
          { key: 'toko sinar', rts: 2, kelurahan: 2 },
          { key: 'warung bu sri', rts: 1, kelurahan: 1 },
        ]);
        // One count per key (two with links, one without), whatever the number of asks.
        expect(counts - before).toBe(3);
        s.risk.replaceLinks(2026, 3, [link(3, 'K1')]);
        expect(s.risk.vendorSpread(2026, ['toko sinar'])).toEqual([{ key: 'toko sinar', rts: 3, kelurahan: 2 }]);
        // Another year's count is its own.
        expect(s.risk.vendorSpread(2027, ['toko sinar'])).toEqual([]);
      });
      expect(() =>
        s.db.transaction(() => {
          s.risk.replaceLinks(2026, 4, [link(4, 'K3')]);
          expect(s.risk.vendorSpread(2026, ['toko sinar'])).toEqual([{ key: 'toko sinar', rts: 4, kelurahan: 3 }]);
          throw new Error('rollback');
        }),
      ).toThrow('rollback');
      s.db.transaction(() => expect(s.risk.vendorSpread(2026, ['toko sinar'])).toEqual([{ key: 'toko sinar', rts: 3, kelurahan: 2 }]));
      // Outside a transaction (verify's recomputation) kept until the next commit.
      const outside = counts;
      for (let i = 0; i < 5; i++) expect(s.risk.vendorSpread(2026, ['toko sinar'])).toEqual([{ key: 'toko sinar', rts: 3, kelurahan: 2 }]);
      expect(counts - outside).toBe(1);
      s.db.transaction(() => s.risk.replaceLinks(2026, 5, [link(5, 'K4')]));
      expect(s.risk.vendorSpread(2026, ['toko sinar'])).toEqual([{ key: 'toko sinar', rts: 4, kelurahan: 3 }]);
    } finally {
      proto.all = all;
    }
  });
});
