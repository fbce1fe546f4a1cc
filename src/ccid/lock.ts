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
