// Limits: frame size, requests in flight, contexts and connections per socket, idle time.
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES, MAX_FRAME_BYTES, RPC_ERROR } from '../../src/transport/bridge-protocol';
import { DEFAULT_LIMITS } from '../src/session';
import { ready, startWorld, type World } from './world';

describe('limits', () => {
  let w: World | undefined;
  afterEach(() => w?.close());

  it('closes a socket that sends a frame over 64 KiB (RFC 6455 1009) and keeps serving others', async () => {
    w = await startWorld();
    const c = await w.client();
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'hello',
      params: { pad: 'x'.repeat(MAX_FRAME_BYTES) },
    });
    c.ws.send(big);
    expect((await c.closed).code).toBe(1009);
    const d = await w.client();
    expect((await d.call('hello', { protocol: 1 })).result).toBeDefined();
  });

  it('accepts a frame just under the limit', async () => {
    w = await startWorld();
    const c = await w.client();
    const pad = 'x'.repeat(MAX_FRAME_BYTES - 100);
    expect((await c.call('hello', { protocol: 1, client: pad })).result).toBeDefined();
  });

  it('closes a socket with too many requests in flight', async () => {
    w = await startWorld({ maxInFlight: 3 });
    const c = await w.client();
    const context = await ready(c);
    // getStatusChange on an unchanged reader stays in flight until its timeout.
    const wait = {
      context,
      readerStates: [{ readerName: 'Reader A', currentState: { empty: true } }],
      timeout: 5000,
    };
    for (let i = 0; i < 4; i++) void c.call('getStatusChange', wait);
    expect((await c.closed).code).toBe(CLOSE_CODES.tooManyInFlight);
  });

  it('refuses more contexts than allowed with -32002', async () => {
    w = await startWorld();
    const c = await w.client();
    await c.call('hello', { protocol: 1 });
    for (let i = 0; i < DEFAULT_LIMITS.maxContexts; i++)
      expect((await c.call('establishContext')).result).toBeDefined();
    const r = await c.call('establishContext');
    expect(r.error?.code).toBe(RPC_ERROR.limit);
    expect(r.error?.data?.responseCode).toBe('server-too-busy');
  });

  it('refuses more connections than allowed', async () => {
    w = await startWorld({ limits: { ...DEFAULT_LIMITS, maxConnections: 2 } });
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    const p = { context, reader: 'Reader A', accessMode: 'shared' };
    expect((await c.call('connect', p)).result).toBeDefined();
    expect((await c.call('connect', p)).result).toBeDefined();
    expect((await c.call('connect', p)).error?.code).toBe(RPC_ERROR.limit);
  });

  it('closes an idle socket and releases its handles', async () => {
    w = await startWorld({ idleTimeoutMs: 150 });
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    await c.call('connect', { context, reader: 'Reader A', accessMode: 'shared' });
    const closed = await c.closed;
    expect(closed.code).toBe(CLOSE_CODES.idle);
    const card = w.pcsc.cards[0]!;
    await new Promise((r) => setTimeout(r, 50));
    expect(card.calls.at(-1)).toBe('disconnect 0');
  });
});
