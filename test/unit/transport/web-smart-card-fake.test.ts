/**
 * The fake `navigator.smartCard` keeps the WICG algorithm rules the provider depends on — so the
 * provider's tests cannot pass against a fake kinder than the browser: one operation per context,
 * the transaction callback's default "reset", abort reasons, full flag dictionaries, error shapes.
 */
import { describe, expect, it } from 'vitest';
import { FakePcscService, installFakeSmartCard, SmartCardError } from '../../../src/sim/fake-smart-card';
import { VirtualGidsCard } from '../../../src/sim/gids-card';

async function ctx() {
  const service = new FakePcscService();
  service.addReader('R', new VirtualGidsCard());
  const env = { navigator: {} as { smartCard?: unknown } };
  const api = installFakeSmartCard(service, env);
  return { service, env, context: await api.establishContext() };
}
const SELECT_GIDS = Uint8Array.of(
  0x00,
  0xa4,
  0x04,
  0x00,
  0x09,
  0xa0,
  0x00,
  0x00,
  0x03,
  0x97,
  0x42,
  0x54,
  0x46,
  0x59,
  0x00,
);

describe('fake navigator.smartCard (WICG IDL rules)', () => {
  it('defines navigator.smartCard and SmartCardError (a DOMException with responseCode)', async () => {
    const { env, context } = await ctx();
    expect(typeof (env.navigator.smartCard as { establishContext: unknown }).establishContext).toBe(
      'function',
    );
    const e = await context
      .connect('nope', 'shared', { preferredProtocols: ['t1'] })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmartCardError);
    expect(e).toBeInstanceOf(DOMException);
    expect(e).toMatchObject({ name: 'SmartCardError', responseCode: 'unknown-reader' });
  });

  it('rejects a second call while one runs in the same context (InvalidStateError)', async () => {
    const { context } = await ctx();
    const first = context.listReaders();
    await expect(context.listReaders()).rejects.toMatchObject({ name: 'InvalidStateError' });
    expect(await first).toEqual(['R']);
  });

  it('reports every flag member, and waits in getStatusChange until something differs', async () => {
    const { service, context } = await ctx();
    const [now] = await context.getStatusChange([{ readerName: 'R', currentState: { unaware: true } }]);
    expect(Object.keys(now!.eventState).sort()).toEqual([
      'changed',
      'empty',
      'exclusive',
      'ignore',
      'inuse',
      'mute',
      'present',
      'unavailable',
      'unknown',
      'unpowered',
    ]);
    expect(now).toMatchObject({ eventState: { present: true, changed: true }, eventCount: 1 });
    const wait = context.getStatusChange(
      [{ readerName: 'R', currentState: { present: true }, currentCount: 1 }],
      { timeout: 2000 },
    );
    setTimeout(() => service.remove('R'), 20);
    const [after] = await wait;
    expect(after).toMatchObject({
      eventState: { empty: true, present: false, changed: true },
      eventCount: 2,
    });
  });

  it('getStatusChange: an abort rejects with the signal reason; a timeout with UnknownError', async () => {
    const { context } = await ctx();
    const same = [{ readerName: 'R', currentState: { present: true }, currentCount: 1 }];
    const ac = new AbortController();
    const p = context.getStatusChange(same, { signal: ac.signal });
    const reason = new Error('stop');
    ac.abort(reason);
    await expect(p).rejects.toBe(reason);
    await expect(context.getStatusChange(same, { timeout: 10 })).rejects.toMatchObject({
      name: 'UnknownError',
    });
  });

  it('a transaction callback that returns nothing ends with "reset"; returning "leave" keeps the card state', async () => {
    const { service, context } = await ctx();
    const { connection } = await context.connect('R', 'shared', { preferredProtocols: ['t1'] });
    const r = service.reader('R');
    await connection.startTransaction(async () => {
      await connection.transmit(SELECT_GIDS);
      return 'leave';
    });
    expect(r.generation).toBe(1);
    await connection.startTransaction(async () => undefined);
    expect(r.generation).toBe(2); // reset by EndTransaction(SCARD_RESET_CARD)
    // Our own handle stays valid after our own reset (pcsc-lite clears the caller's event state).
    expect(new Uint8Array(await connection.transmit(SELECT_GIDS)).slice(-2)).toEqual(
      Uint8Array.of(0x90, 0x00),
    );
  });

  it('another connection in the same context cannot transmit while a transaction is held', async () => {
    const { context } = await ctx();
    const a = (await context.connect('R', 'shared', { preferredProtocols: ['t1'] })).connection;
    const b = (await context.connect('R', 'shared', { preferredProtocols: ['t1'] })).connection;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = a.startTransaction(async () => {
      await held;
      return 'leave';
    });
    await new Promise((r) => setTimeout(r, 10));
    await expect(b.transmit(SELECT_GIDS)).rejects.toMatchObject({ name: 'InvalidStateError' });
    await expect(context.connect('R', 'shared')).rejects.toMatchObject({ name: 'InvalidStateError' });
    release();
    await tx;
    expect(new Uint8Array(await b.transmit(SELECT_GIDS)).slice(-2)).toEqual(Uint8Array.of(0x90, 0x00));
  });
});
