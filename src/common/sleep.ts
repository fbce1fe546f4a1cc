/**
 * The one abortable wait: retry back-offs (CM HTTP), poll intervals (flows waiting for approval)
 * and the Web Smart Card watcher's back-off all sleep through it, so cancelling a flow ends every
 * wait at once instead of leaving a timer to fire into a finished operation.
 */
import { AbortedError } from '../errors';

/**
 * Resolves after `ms`, or rejects with `AbortedError` as soon as `signal` fires (at once when it
 * already has); the timer and the listener are removed either way.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError(signal.reason));
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new AbortedError(signal?.reason));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
