// PC/SC codes → SmartCardError response-code names (WICG § SmartCardError) and DOMException names.
import { describe, expect, it } from 'vitest';
import { RPC_ERROR } from '../../src/transport/bridge-protocol';
import { SMART_CARD_RESPONSE_CODES } from '../../src/transport/web-smart-card-api';
import { pcscToRpcError } from '../src/errors';
import { pcscError } from '../src/pcsc';
import { b64, connectShared, ready, useWorld } from './world';

describe('pcscToRpcError', () => {
  const camel = (code: string) =>
    code.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()).replace('Smartcard', 'SmartCard');
  it.each(SMART_CARD_RESPONSE_CODES.map((c) => [camel(c), c]))('%s → %s', (pcsc, responseCode) => {
    const e = pcscToRpcError(pcscError(pcsc));
    expect(e.code).toBe(RPC_ERROR.pcsc);
    expect(e.data).toEqual({ responseCode, pcsc });
  });
  it.each([
    ['InvalidHandle', 'InvalidStateError'],
    ['ServiceStopped', 'InvalidStateError'],
    ['Cancelled', 'AbortError'],
    ['InvalidParameter', 'TypeError'],
    ['Timeout', 'UnknownError'],
    ['InsufficientBuffer', 'UnknownError'],
    ['toString', 'UnknownError'],
  ])('%s → %s', (pcsc, domName) => {
    expect(pcscToRpcError(pcscError(pcsc)).data).toEqual({ domName, pcsc });
  });
  it('maps pcsc-lite NoReadersAvailable like WinSCard UnknownReader', () => {
    expect(pcscToRpcError(pcscError('NoReadersAvailable')).data?.responseCode).toBe('unknown-reader');
  });
});

describe('errors over the socket', () => {
  const w = useWorld();

  it('reports a card pulled mid-session as removed-card, then a new connect works', async () => {
    w.pcsc.insert('Reader A');
    const c = await w.client();
    const context = await ready(c);
    const connection = await connectShared(c, context);
    w.pcsc.pull('Reader A');
    const r = await c.call('transmit', { connection, data: b64('00a40400') });
    expect(r.error?.data).toEqual({ responseCode: 'removed-card', pcsc: 'RemovedCard' });
    expect(
      (await c.call('connect', { context, reader: 'Reader A', accessMode: 'shared' })).error?.data
        ?.responseCode,
    ).toBe('no-smartcard');
    w.pcsc.insert('Reader A');
    expect(
      (await c.call('connect', { context, reader: 'Reader A', accessMode: 'shared' })).result?.connection,
    ).toBeTypeOf('number');
  });

  it('reports an unplugged reader as unknown-reader', async () => {
    const c = await w.client();
    const context = await ready(c);
    w.pcsc.removeReader('Reader A');
    expect(
      (await c.call('connect', { context, reader: 'Reader A', accessMode: 'shared' })).error?.data
        ?.responseCode,
    ).toBe('unknown-reader');
    expect((await c.call('listReaders', { context })).result).toEqual({ readers: [] });
  });

  it('refuses handles of another socket or already released ones as InvalidStateError', async () => {
    w.pcsc.insert('Reader A');
    const a = await w.client();
    const b = await w.client();
    const ctxA = await ready(a);
    // b has said hello but owns no handles: a's numbers mean nothing on b's socket.
    await b.call('hello', { protocol: 1 });
    const { connection } = (
      await a.call('connect', { context: ctxA, reader: 'Reader A', accessMode: 'shared' })
    ).result!;
    expect((await b.call('transmit', { connection, data: b64('00') })).error?.data?.domName).toBe(
      'InvalidStateError',
    );
    expect((await b.call('listReaders', { context: ctxA })).error?.data?.domName).toBe('InvalidStateError');
    await a.call('disconnect', { connection });
    expect((await a.call('transmit', { connection, data: b64('00') })).error?.data?.domName).toBe(
      'InvalidStateError',
    );
  });

  it('turns the service going away into no-service and tells the client, then recovers', async () => {
    const c = await w.client();
    const context = await ready(c);
    w.pcsc.setService('unavailable', 500);
    expect((await c.call('listReaders', { context })).error?.data?.responseCode).toBe('no-service');
    expect(c.notifications).toContainEqual({
      method: 'serviceState',
      params: { state: 'unavailable', retryInMs: 500 },
    });
    w.pcsc.setService('running');
    expect((await c.call('listReaders', { context })).result).toEqual({ readers: ['Reader A'] });
    expect(c.notifications.at(-1)).toEqual({ method: 'serviceState', params: { state: 'running' } });
  });

  it('tells a client that says hello while the service is down', async () => {
    w.pcsc.setService('unavailable', 250);
    const c = await w.client();
    await c.call('hello', { protocol: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(c.notifications).toEqual([
      { method: 'serviceState', params: { state: 'unavailable', retryInMs: 250 } },
    ]);
    expect((await c.call('establishContext')).error?.data?.responseCode).toBe('no-service');
  });
});
