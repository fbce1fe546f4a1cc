import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../../src/common/sleep';
import { AbortedError } from '../../../src/errors';

describe('sleep', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves after the given time, not before', async () => {
    let done = false;
    const p = sleep(100).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
  });

  it('rejects with AbortedError at once when the signal fires, and leaves no timer behind', async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal);
    c.abort('stop');
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AbortedError);
    expect((e as AbortedError).cause).toBe('stop');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects without starting a timer when the signal has already fired', async () => {
    const c = new AbortController();
    c.abort();
    await expect(sleep(10, c.signal)).rejects.toBeInstanceOf(AbortedError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('removes its abort listener once it has resolved', async () => {
    const c = new AbortController();
    const remove = vi.spyOn(c.signal, 'removeEventListener');
    const p = sleep(5, c.signal);
    await vi.advanceTimersByTimeAsync(5);
    await p;
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
