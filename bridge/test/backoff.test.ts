// Service loss and recovery: back-off schedule, the pcsc-mini adapter's restart, keep-alive.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../src/backoff';
import { plausibleAtr, PcscMiniService } from '../src/pcsc-mini-service';
import { b64, connectShared, ready, startWorld, type World } from './world';

describe('Backoff', () => {
  it('doubles from the initial wait up to the cap, and starts over after reset', () => {
    const b = new Backoff({ initialMs: 250, maxMs: 2000 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([
      250, 500, 1000, 2000, 2000, 2000,
    ]);
    b.reset();
    expect(b.next()).toBe(250);
  });
});

/** A stand-in for the pcsc-mini module: `start()` fails while `up` is false. */
function fakeMini() {
  const world = { up: false, starts: 0, clients: [] as FakeClient[] };
  class FakeReader extends EventEmitter {
    constructor(private readonly n: string) {
      super();
    }
    name() {
      return this.n;
    }
  }
  class FakeClient extends EventEmitter {
    readonly readers = new Map<string, FakeReader>();
    stopped = false;
    start() {
      world.starts++;
      if (!world.up) throw Object.assign(new Error('[ NoService ]'), { code: 'NoService' });
      world.clients.push(this);
      return this;
    }
    stop() {
      this.stopped = true;
      if (!world.up) throw Object.assign(new Error('[ NoService ]'), { code: 'NoService' });
    }
    reader(name: string) {
      return this.readers.get(name);
    }
    /** The monitor thread reporting a reader state (raw dwEventState). */
    report(name: string, raw: number, atr: number[]) {
      let r = this.readers.get(name);
      if (!r) {
        r = new FakeReader(name);
        this.readers.set(name, r);
        this.emit('reader', r);
      }
      r.emit('change', { raw }, Uint8Array.from(atr));
    }
  }
  const mini = { Client: FakeClient, Protocol: { RAW: 4, ANY: 3 } } as unknown as typeof import('pcsc-mini');
  return { mini, world };
}

describe('PcscMiniService', () => {
  afterEach(() => vi.useRealTimers());

  it('retries with back-off while there is no service, then runs and reports readers', () => {
    vi.useFakeTimers();
    const { mini, world } = fakeMini();
    const svc = new PcscMiniService(mini, { initialMs: 100, maxMs: 400 });
    const seen: string[] = [];
    svc.onChange(() => seen.push(`${svc.state}:${svc.retryInMs ?? '-'}`));
    expect(svc.state).toBe('unavailable');
    expect(svc.retryInMs).toBe(100);
    vi.advanceTimersByTime(100);
    vi.advanceTimersByTime(200);
    vi.advanceTimersByTime(400);
    expect(world.starts).toBe(4);
    expect(seen).toEqual(['unavailable:200', 'unavailable:400', 'unavailable:400']);
    world.up = true;
    vi.advanceTimersByTime(400);
    expect(svc.state).toBe('running');
    expect(seen.at(-1)).toBe('running:-');
    world.clients[0]!.report('R', 0x10022, [0x3b, 0x01]);
    expect(svc.readers()).toEqual([
      { name: 'R', state: 0x20, eventCount: 1, atr: Uint8Array.of(0x3b, 0x01) },
    ]);
    svc.close();
  });

  it('drops every reader when the monitor fails, and recovers with a fresh client', () => {
    vi.useFakeTimers();
    const { mini, world } = fakeMini();
    world.up = true;
    const svc = new PcscMiniService(mini, { initialMs: 100, maxMs: 400 });
    const first = world.clients[0]!;
    first.report('R', 0x10022, [0x3b]);
    const countBefore = svc.readerListCount;
    world.up = false;
    first.emit('error', { code: 'CommError' });
    expect(svc.state).toBe('unavailable');
    expect(svc.readers()).toEqual([]);
    expect(svc.readerListCount).toBe(countBefore + 1);
    expect(first.stopped).toBe(true);
    // A late event from the dead client must not resurrect its readers.
    first.report('R', 0x10022, [0x3b]);
    expect(svc.readers()).toEqual([]);
    world.up = true;
    vi.advanceTimersByTime(100);
    expect(svc.state).toBe('running');
    expect(world.clients).toHaveLength(2);
    svc.close();
  });

  it('drops an ATR that cannot be one (ISO/IEC 7816-3 §8.1 TS byte)', () => {
    expect(plausibleAtr(Uint8Array.of(0x25, 0, 0))).toEqual(new Uint8Array(0));
    expect(plausibleAtr(Uint8Array.of(0x3f, 0x11))).toEqual(Uint8Array.of(0x3f, 0x11));
  });
});

describe('transaction keep-alive', () => {
  let w: World | undefined;
  afterEach(() => w?.close());

  it('calls SCardStatus while a transaction sits idle, and stops after endTransaction', async () => {
    w = await startWorld({ limits: { maxContexts: 4, maxConnections: 8, keepAliveMs: 60 } });
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    const connection = await connectShared(c, context);
    await c.call('beginTransaction', { connection });
    await c.call('transmit', { connection, data: b64('00') });
    await new Promise((r) => setTimeout(r, 400));
    const card = w.pcsc.cards[0]!;
    const pings = card.calls.filter((x) => x === 'status').length;
    expect(pings).toBeGreaterThanOrEqual(2);
    await c.call('endTransaction', { connection, disposition: 'leave' });
    const after = card.calls.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(card.calls.length).toBe(after);
  });

  it('does not ping a card without a transaction', async () => {
    w = await startWorld({ limits: { maxContexts: 4, maxConnections: 8, keepAliveMs: 60 } });
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    await c.call('connect', { context, reader: 'Reader A', accessMode: 'shared' });
    await new Promise((r) => setTimeout(r, 300));
    expect(w.pcsc.cards[0]!.calls).not.toContain('status');
  });
});
