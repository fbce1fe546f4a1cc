/**
 * Bounded waits. WebUSB calls (open, claim, control transfers) have no timeout of their own
 * (whatwg/usb#25), so every one the driver awaits is raced against a timer here.
 */
import { timeoutError } from './errors';

/** Resolves like `p`, or rejects with `transport/timeout` after `ms`; the timer never outlives it. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(what, ms)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
