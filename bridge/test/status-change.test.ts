// getStatusChange over the reader table: insert/remove, counts, PnP, timeout, cancel, service loss.
import { describe, expect, it } from 'vitest';
import { PNP_NOTIFICATION } from '../src/status-change';
import { b64, ready, useWorld, type World } from './world';

describe('getStatusChange', () => {
  const w = useWorld();

  const gsc = (
    c: Awaited<ReturnType<World['client']>>,
    context: number,
    currentState: Record<string, boolean>,
    { currentCount, timeout = 2000 }: { currentCount?: number; timeout?: number | undefined } = {},
  ) =>
    c.call('getStatusChange', {
      context,
      readerStates: [{ readerName: 'Reader A', currentState, currentCount }],
      timeout,
    });

  it('answers at once for an unaware caller, then waits for the insertion', async () => {
    const c = await w.client();
    const context = await ready(c);
    const first = (await gsc(c, context, { unaware: true })).result!.readerStates as {
      eventState: Record<string, boolean>;
      eventCount: number;
    }[];
    expect(first[0]!.eventState).toMatchObject({ empty: true, present: false, changed: true });
    const waiting = gsc(c, context, { empty: true }, { currentCount: first[0]!.eventCount, timeout: 2000 });
    await new Promise((r) => setTimeout(r, 30));
    w.pcsc.insert('Reader A');
    const [s] = (await waiting).result!.readerStates as {
      eventState: Record<string, boolean>;
      eventCount: number;
      answerToReset: string;
    }[];
    expect(s!.eventState).toMatchObject({ present: true, empty: false, changed: true });
    expect(s!.eventCount).toBe(1);
    expect(s!.answerToReset).toBe(b64('3b8d01'));
  });

  it('sees a swap between two calls by the event count even though the flags match', async () => {
    const c = await w.client();
    const context = await ready(c);
    w.pcsc.insert('Reader A');
    w.pcsc.pull('Reader A');
    w.pcsc.insert('Reader A');
    const r = await gsc(c, context, { present: true }, { currentCount: 1, timeout: 100 });
    expect((r.result!.readerStates as { eventCount: number }[])[0]!.eventCount).toBe(3);
  });

  it('reports a reader that disappeared as unknown', async () => {
    const c = await w.client();
    const context = await ready(c);
    const waiting = gsc(c, context, { empty: true });
    w.pcsc.removeReader('Reader A');
    const [s] = (await waiting).result!.readerStates as { eventState: Record<string, boolean> }[];
    expect(s!.eventState).toMatchObject({ unknown: true, changed: true });
  });

  it('reports reader arrival through the PnP pseudo-reader', async () => {
    const c = await w.client();
    const context = await ready(c);
    const count = w.pcsc.readerListCount;
    const waiting = c.call('getStatusChange', {
      context,
      readerStates: [{ readerName: PNP_NOTIFICATION, currentState: {}, currentCount: count }],
      timeout: 2000,
    });
    w.pcsc.addReader('Reader B');
    const [s] = (await waiting).result!.readerStates as {
      eventState: Record<string, boolean>;
      eventCount: number;
    }[];
    expect(s!.eventState.changed).toBe(true);
    expect(s!.eventCount).toBe(count + 1);
  });

  it('times out with UnknownError (SCARD_E_TIMEOUT has no response code)', async () => {
    const c = await w.client();
    const context = await ready(c);
    const r = await gsc(c, context, { empty: true }, { timeout: 50 });
    expect(r.error?.data).toEqual({ domName: 'UnknownError', pcsc: 'Timeout' });
  });

  it('is cancelled by cancel {context} with AbortError, and the context stays usable', async () => {
    const c = await w.client();
    const context = await ready(c);
    const waiting = gsc(c, context, { empty: true }, { timeout: undefined });
    await new Promise((r) => setTimeout(r, 20));
    expect((await c.call('cancel', { context })).result).toEqual({});
    expect((await waiting).error?.data?.domName).toBe('AbortError');
    expect((await gsc(c, context, { unaware: true })).result).toBeDefined();
  });

  it('fails with no-service when the service goes away while waiting', async () => {
    const c = await w.client();
    const context = await ready(c);
    const waiting = gsc(c, context, { empty: true });
    w.pcsc.setService('unavailable', 250);
    expect((await waiting).error?.data?.responseCode).toBe('no-service');
  });

  it('skips readers marked ignore', async () => {
    const c = await w.client();
    const context = await ready(c);
    const r = await gsc(c, context, { ignore: true }, { timeout: 50 });
    expect(r.error?.data?.pcsc).toBe('Timeout');
  });
});
