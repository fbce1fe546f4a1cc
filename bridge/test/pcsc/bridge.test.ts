// The bridge over real pcsc-lite: pcscd (private mount namespace) + vpcd + virtual GIDS/PIV cards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { VpcdCardServer } from '../../../test/pcsc/vpcd-card-server';
import { RpcClient } from '../rpc-client';
import { b64, hex } from '../world';
import { startBridge, type BridgeProcess } from './bridge-process';
import { restartablePcscd, type RestartablePcscd } from './restartable-pcscd';

const ORIGIN = 'https://selfservice.test:8443';
const SELECT_GIDS = b64('00 a4 04 00 0b a0 00 00 03 97 42 54 46 59 02 01 00');
const SELECT_PIV = b64('00 a4 04 00 09 a0 00 00 03 08 00 00 10 00 00');

let pcscd: RestartablePcscd;
let bridge: BridgeProcess;
let vpcd: VpcdCardServer;

beforeAll(async () => {
  pcscd = await restartablePcscd();
  bridge = await startBridge(pcscd.env, [ORIGIN]);
  vpcd = new VpcdCardServer({ port: pcscd.port });
});

afterAll(async () => {
  await vpcd?.close().catch(() => undefined);
  await bridge?.stop();
  await pcscd?.dispose();
});

async function client(): Promise<{ c: RpcClient; context: number }> {
  const c = await RpcClient.open(bridge.url, { origin: ORIGIN });
  expect((await c.call('hello', { protocol: 1 })).result?.protocol).toBe(1);
  const context = (await c.call('establishContext')).result!.context as number;
  return { c, context };
}

type StateOut = {
  readerName: string;
  eventState: Record<string, boolean>;
  eventCount: number;
  answerToReset?: string;
};

async function waitState(
  c: RpcClient,
  context: number,
  reader: string,
  believed: Record<string, boolean>,
  count?: number,
): Promise<StateOut> {
  const r = await c.call('getStatusChange', {
    context,
    readerStates: [{ readerName: reader, currentState: believed, currentCount: count }],
    timeout: 10_000,
  });
  expect(r.error).toBeUndefined();
  return (r.result!.readerStates as StateOut[])[0]!;
}

describe('card bridge over pcscd + vpcd', () => {
  it('lists the vpcd readers', async () => {
    const { c, context } = await client();
    const r = await c.call('listReaders', { context });
    expect(r.result!.readers).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
    await c.close();
  });

  it('reports insertion and removal through getStatusChange, then connects and transmits', async () => {
    const { c, context } = await client();
    const empty = await waitState(c, context, pcscd.readerName, { unaware: true });
    expect(empty.eventState.empty).toBe(true);
    const inserted = waitState(c, context, pcscd.readerName, { empty: true }, empty.eventCount);
    await vpcd.insert(new VirtualGidsCard());
    const present = await inserted;
    expect(present.eventState).toMatchObject({ present: true, changed: true });

    const conn = await c.call('connect', {
      context,
      reader: pcscd.readerName,
      accessMode: 'shared',
      preferredProtocols: ['t0', 't1'],
    });
    expect(conn.result?.activeProtocol).toBe('t1');
    const connection = conn.result!.connection as number;
    const st = await c.call('status', { connection });
    expect(hex(st.result!.answerToReset)).toBe('3b8d0180fba000000397425446590301c8');
    const sel = await c.call('transmit', { connection, data: SELECT_GIDS });
    expect(hex(sel.result!.data).slice(-4)).toBe('9000');
    expect(vpcd.exchanges.at(-1)?.command.length).toBe(17);
    expect((await c.call('disconnect', { connection, disposition: 'leave' })).result).toEqual({});

    const removed = waitState(c, context, pcscd.readerName, { present: true }, present.eventCount);
    await vpcd.remove();
    expect((await removed).eventState).toMatchObject({ empty: true, present: false, changed: true });
    await c.close();
  });

  it('serialises two clients with real PC/SC transactions', async () => {
    await vpcd.insert(new VirtualPivCard({ guid: new Uint8Array(16).fill(7), pin: '123456' }));
    const a = await client();
    const b = await client();
    const reader = pcscd.readerName;
    const waitPresent = await waitState(a.c, a.context, reader, { unaware: true });
    if (!waitPresent.eventState.present) await waitState(a.c, a.context, reader, { empty: true });
    const ca = (
      await a.c.call('connect', {
        context: a.context,
        reader,
        accessMode: 'shared',
        preferredProtocols: ['t1'],
      })
    ).result!.connection;
    const cb = (
      await b.c.call('connect', {
        context: b.context,
        reader,
        accessMode: 'shared',
        preferredProtocols: ['t1'],
      })
    ).result!.connection;
    expect((await a.c.call('beginTransaction', { connection: ca })).result).toEqual({});
    let bGot = false;
    const bTx = b.c.call('beginTransaction', { connection: cb }).then((r) => ((bGot = true), r));
    const sel = await a.c.call('transmit', { connection: ca, data: SELECT_PIV });
    expect(hex(sel.result!.data).slice(-4)).toBe('9000');
    await new Promise((r) => setTimeout(r, 400));
    expect(bGot).toBe(false); // pcsc-lite blocks B's SCardBeginTransaction while A holds one
    expect((await a.c.call('endTransaction', { connection: ca, disposition: 'leave' })).result).toEqual({});
    expect((await bTx).result).toEqual({});
    expect(
      hex((await b.c.call('transmit', { connection: cb, data: SELECT_PIV })).result!.data).slice(-4),
    ).toBe('9000');
    // B's socket dies holding the transaction: the bridge ends it, so A can take it again.
    b.c.ws.terminate();
    const again = await Promise.race([
      a.c.call('beginTransaction', { connection: ca }),
      new Promise((r) => setTimeout(() => r('blocked'), 5000)),
    ]);
    expect(again).toMatchObject({ result: {} });
    await a.c.call('endTransaction', { connection: ca, disposition: 'leave' });
    await a.c.call('disconnect', { connection: ca });
    await a.c.close();
    await vpcd.remove();
  });

  it('recovers from a pcscd restart mid-session without restarting the bridge', async () => {
    await vpcd.insert(new VirtualGidsCard());
    const { c, context } = await client();
    const reader = pcscd.readerName;
    const s = await waitState(c, context, reader, { unaware: true });
    if (!s.eventState.present) await waitState(c, context, reader, { empty: true });
    const connection = (
      await c.call('connect', { context, reader, accessMode: 'shared', preferredProtocols: ['t1'] })
    ).result!.connection;
    expect(hex((await c.call('transmit', { connection, data: SELECT_GIDS })).result!.data).slice(-4)).toBe(
      '9000',
    );

    await pcscd.stop();
    await bridge.waitFor('PC/SC service unavailable');
    const failed = await c.call('transmit', { connection, data: SELECT_GIDS });
    expect(failed.error?.data?.responseCode ?? failed.error?.data?.domName).toMatch(
      /no-service|InvalidStateError/,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(c.notifications.map((n) => n.params.state)).toContain('unavailable');
    expect((await c.call('listReaders', { context })).error?.data?.responseCode).toBe('no-service');

    await pcscd.start();
    await vpcd.insert(new VirtualGidsCard()).catch(async () => {
      await vpcd.remove().catch(() => undefined);
      await vpcd.insert(new VirtualGidsCard());
    });
    // The same context works again once the bridge's back-off reconnected.
    const deadline = Date.now() + 20_000;
    let readers: unknown;
    while (Date.now() < deadline) {
      const r = await c.call('listReaders', { context });
      if (r.result && (r.result.readers as string[]).includes(reader)) {
        readers = r.result.readers;
        break;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    expect(readers).toContain(reader);
    expect(c.notifications.at(-1)?.params.state).toBe('running');
    const st = await waitState(c, context, reader, { unaware: true });
    if (!st.eventState.present) await waitState(c, context, reader, { empty: true });
    const again = (
      await c.call('connect', { context, reader, accessMode: 'shared', preferredProtocols: ['t1'] })
    ).result!.connection;
    expect(
      hex((await c.call('transmit', { connection: again, data: SELECT_GIDS })).result!.data).slice(-4),
    ).toBe('9000');
    await c.close();
    await vpcd.remove();
  });
});
