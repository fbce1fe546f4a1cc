/**
 * Reconnection back-off for the PC/SC service. Why exponential from 250 ms to 10 s: Windows stops
 * SCardSvr when the last reader is unplugged and starts it again when one returns (any moment);
 * pcscd is socket-activated by systemd on most Linux systems and restarts within a second. A
 * fixed fast poll would burn CPU on a laptop with no reader for hours; 10 s is the longest a user
 * waits after plugging a reader in.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000 };

export class Backoff {
  private attempt = 0;
  constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The wait before the next attempt; each call doubles it up to `maxMs`. */
  next(): number {
    const ms = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** this.attempt);
    if (ms < this.opts.maxMs) this.attempt++;
    return ms;
  }

  /** After a success: the next failure starts from `initialMs` again. */
  reset(): void {
    this.attempt = 0;
  }
}
