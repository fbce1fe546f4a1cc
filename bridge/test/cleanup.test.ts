// On socket close every PC/SC handle is given back: end transaction (leave), disconnect (leave).
import { describe, expect, it } from 'vitest';
import { b64, connectShared, ready, until, useWorld } from './world';

describe('cleanup on close', () => {
  const w = useWorld();

  it('ends a held transaction and disconnects with leave when the socket drops', async () => {
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    const connection = await connectShared(c, context);
    const other = await connectShared(c, context);
    await c.call('beginTransaction', { connection });
    await c.call('transmit', { connection, data: b64('0020008000') });
    c.ws.terminate(); // a crashed tab: no close handshake
    const [held, idle] = w.pcsc.cards;
    await until(() => !held!.connected && !idle!.connected, 'both cards disconnected');
    expect(held!.calls.slice(-2)).toEqual(['endTransaction 0', 'disconnect 0']);
    expect(held!.inTransaction).toBe(false);
    expect(idle!.calls.at(-1)).toBe('disconnect 0');
    expect(idle!.calls).not.toContain('endTransaction 0');
    expect(other).not.toBe(connection);
    expect(w.server.sessions.size).toBe(0);
  });

  it('cancels an outstanding getStatusChange of the closed socket', async () => {
    const c = await w.client();
    const context = await ready(c);
    void c.call('getStatusChange', {
      context,
      readerStates: [{ readerName: 'Reader A', currentState: { empty: true } }],
    });
    await new Promise((r) => setTimeout(r, 30));
    const listenersBefore = (w.pcsc as unknown as { listeners: Set<unknown> }).listeners.size;
    c.ws.terminate();
    await until(
      () => (w.pcsc as unknown as { listeners: Set<unknown> }).listeners.size < listenersBefore - 1,
      'status waiter and session listener removed',
    );
  });

  it('releaseContext disconnects the connections it made, not those of other contexts', async () => {
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const a = await ready(c);
    const b = (await c.call('establishContext')).result!.context as number;
    await c.call('connect', { context: a, reader: 'Reader A', accessMode: 'shared' });
    const kept = (await c.call('connect', { context: b, reader: 'Reader A', accessMode: 'shared' })).result!
      .connection;
    expect((await c.call('releaseContext', { context: a })).result).toEqual({});
    expect(w.pcsc.cards[0]!.connected).toBe(false);
    expect(w.pcsc.cards[1]!.connected).toBe(true);
    expect((await c.call('transmit', { connection: kept, data: b64('00') })).result).toBeDefined();
    expect((await c.call('listReaders', { context: a })).error?.data?.domName).toBe('InvalidStateError');
  });
});
