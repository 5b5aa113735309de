/**
 * A category's share of the allocation (administration: at most 2,5 %), the one rule used by
 * the plan, a receipt at entry, its verification, and the pages.
 *
 * Invariants:
 * - the limit is floor(allocation × percent / 100) in exact decimal arithmetic (never a float);
 * - a category without a share has no limit (null);
 * - what is asked fits when used + adding ≤ limit: reaching the limit exactly is allowed.
 */
import Decimal from 'decimal.js';
import type { Category } from './programme-year';

/** The rupiah a category may use of an allocation, or null when it has no share limit. */
export function categoryLimit(category: Pick<Category, 'maxPercentOfAllocation'>, allocation: number): number | null {
  if (!category.maxPercentOfAllocation) return null;
  return new Decimal(allocation).times(category.maxPercentOfAllocation).dividedBy(100).floor().toNumber();
}

export interface CapCheck {
  limit: number;
  /** What would be used with the new amount. */
  total: number;
  /** What is left under the limit before the new amount (never negative). */
  room: number;
}

/** The cap a new amount would break (with the figures to say so), or null when it fits or there is no cap. */
export function categoryCapBreach(category: Pick<Category, 'maxPercentOfAllocation'>, allocation: number, used: number, adding: number): CapCheck | null {
  const limit = categoryLimit(category, allocation);
  if (limit === null) return null;
  const total = used + adding;
  return total > limit ? { limit, total, room: Math.max(0, limit - used) } : null;
}
