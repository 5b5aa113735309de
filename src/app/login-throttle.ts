/**
 * Failed sign-ins per (username, client address), in memory.
 *
 * - The lock is on the pair: the address that failed too often is locked out of that username;
 *   the owner signing in from another address is not. An anonymous attacker cannot keep an
 *   account closed to its user by failing on purpose.
 * - Known and unknown usernames are counted alike, so a lock reveals nothing about which exist.
 * - Bounded: past `max` pairs the oldest unlocked ones are forgotten first; an active lock is
 *   dropped only when every tracked pair is locked (logged by the caller as a warning), so a
 *   flood of invented usernames cannot clear the locks (it used to clear them all at 10,000).
 * - Every attempt from an address (refused by the lock or not) counts towards what the user and
 *   the admin are told: "N percobaan gagal dari alamat X", until the user next signs in.
 * Restarting the server forgets the counts (the audit log keeps every failure).
 */
export interface AddressFailures {
  ip: string;
  /** Attempts from this address since the user's last sign-in (locked-out ones included). */
  attempts: number;
  lockedUntil: Date | null;
}

interface Pair {
  username: string;
  ip: string;
  /** Failures towards the lock (restart after a lock expires). */
  failures: number;
  attempts: number;
  lockedUntil: number | null;
}

export class LoginThrottle {
  private readonly pairs = new Map<string, Pair>();
  private readonly byUser = new Map<string, Set<string>>();
  /** How many active locks were dropped because every tracked pair was locked. */
  droppedLocks = 0;

  constructor(private readonly o: { lockAfter: number; lockMinutes: number; max: number }) {}

  get size(): number {
    return this.pairs.size;
  }

  /**
   * Counts an attempt before its password is checked (synchronous: parallel guesses are
   * serialised). Returns the lock's end when the pair is locked (the attempt is refused), else
   * null; `failuresOf` then tells whether this attempt started a lock.
   */
  claim(username: string, ip: string, now: number): Date | null {
    const pair = this.touch(username, ip);
    pair.attempts += 1;
    if (pair.lockedUntil !== null && pair.lockedUntil > now) return new Date(pair.lockedUntil);
    if (pair.lockedUntil !== null) {
      pair.failures = 0; // the lock expired: start afresh
      pair.lockedUntil = null;
    }
    pair.failures += 1;
    if (pair.failures >= this.o.lockAfter) pair.lockedUntil = now + this.o.lockMinutes * 60_000;
    this.bound(now);
    return null;
  }

  /** Failures in a row from this address (after claim), and whether they now lock it. */
  failuresOf(username: string, ip: string): { failures: number; lockedUntil: Date | null } {
    const p = this.pairs.get(key(username, ip));
    return { failures: p?.failures ?? 1, lockedUntil: p?.lockedUntil ? new Date(p.lockedUntil) : null };
  }

  /**
   * A successful sign-in from `ip` (the user has been told `of` the others): that address's
   * count is cleared (a typo before the right password is no attack), and the other addresses'
   * attempts start again from zero (their locks stay).
   */
  succeeded(username: string, ip: string): void {
    this.forget(key(username, ip));
    for (const k of this.byUser.get(username) ?? []) this.pairs.get(k)!.attempts = 0;
  }

  /** What addresses have tried on this username since its last sign-in, most attempts first. */
  of(username: string, now = Date.now()): AddressFailures[] {
    return [...(this.byUser.get(username) ?? [])]
      .map((k) => this.pairs.get(k)!)
      .filter((p) => p.attempts > 0)
      .map((p) => ({ ip: p.ip, attempts: p.attempts, lockedUntil: p.lockedUntil !== null && p.lockedUntil > now ? new Date(p.lockedUntil) : null }))
      .sort((a, b) => b.attempts - a.attempts);
  }

  private touch(username: string, ip: string): Pair {
    const k = key(username, ip);
    let pair = this.pairs.get(k);
    if (pair) this.pairs.delete(k); // re-inserted last: Map order is least recently used first
    else {
      pair = { username, ip, failures: 0, attempts: 0, lockedUntil: null };
      let keys = this.byUser.get(username);
      if (!keys) this.byUser.set(username, (keys = new Set()));
      keys.add(k);
    }
    this.pairs.set(k, pair);
    return pair;
  }

  private forget(k: string): void {
    const p = this.pairs.get(k);
    if (!p) return;
    this.pairs.delete(k);
    const keys = this.byUser.get(p.username);
    keys?.delete(k);
    if (keys?.size === 0) this.byUser.delete(p.username);
  }

  /**
   * Past the bound, forgets down to 90 % of it in one sweep (amortised: one pass per tenth of
   * the bound of new pairs): unlocked or expired pairs first, oldest first; active locks only
   * if nothing else is left.
   */
  private bound(now: number): void {
    if (this.pairs.size <= this.o.max) return;
    const target = Math.floor(this.o.max * 0.9);
    for (const [k, p] of this.pairs) {
      if (this.pairs.size <= target) return;
      if (p.lockedUntil === null || p.lockedUntil <= now) this.forget(k);
    }
    for (const k of this.pairs.keys()) {
      if (this.pairs.size <= target) return;
      this.forget(k);
      this.droppedLocks += 1;
    }
  }
}

const key = (username: string, ip: string) => `${username}\n${ip}`;
