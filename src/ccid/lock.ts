/**
 * A counting semaphore, used for "one outstanding command per slot" (capacity 1, CCID 1.1 §6.1:
 * a second command to a busy slot fails with CMD_SLOT_BUSY) and for bMaxCCIDBusySlots (§5.1:
 * how many slots may be busy at once).
 */
export class Semaphore {
  private free: number;
  private readonly waiters: Array<() => void> = [];

  constructor(capacity: number) {
    this.free = Math.max(1, capacity);
  }

  /** Resolves once a unit is held; `release` hands it back (to the next waiter first). */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/**
 * Exclusive use of one card by one connection for a sequence of APDUs — the per-slot lock behind
 * `CardConnection.transaction()` on CCID (what PC/SC SCardBeginTransaction gives on a shared
 * reader): while one connection holds it, another connection's APDUs wait. Re-entrant for the
 * holder. Shared by every connection to the same slot.
 */
export class CardLock {
  private readonly sem = new Semaphore(1);
  private holder: object | undefined;
  private depth = 0;
  private release: (() => void) | undefined;

  /** True when `who` holds the lock. */
  heldBy(who: object): boolean {
    return this.holder === who;
  }

  /** Takes the lock for `who` (re-entrant); resolves with the function that gives it back. */
  async take(who: object): Promise<() => void> {
    if (this.holder !== who) {
      const release = await this.sem.acquire();
      this.holder = who;
      this.release = release;
    }
    this.depth++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.depth > 0) return;
      this.holder = undefined;
      const r = this.release;
      this.release = undefined;
      r?.();
    };
  }
}
