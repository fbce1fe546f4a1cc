// The JSON-RPC codec and parameter checks: every malformed frame gets a typed error, never a crash.
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/common/base64';
import { fromBase64, RPC_ERROR } from '../../src/transport/bridge-protocol';
import { decodeRequest } from '../src/server';
import { b64, ready, useWorld } from './world';

describe('base64', () => {
  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(bytesToBase64(all))).toEqual(all);
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });
  it.each(['kAA', 'kA==A', '!!!!', 'kAA=\n', 42, null])('rejects %j', (bad) => {
    expect(() => fromBase64(bad)).toThrow(TypeError);
  });
});

describe('decodeRequest', () => {
  it('accepts a well-formed request', () => {
    expect(decodeRequest('{"jsonrpc":"2.0","id":7,"method":"hello","params":{"protocol":1}}')).toEqual({
      ok: true,
      id: 7,
      method: 'hello',
      params: { protocol: 1 },
    });
  });
  it.each([
    ['not JSON', '{', RPC_ERROR.parseError, null],
    ['a batch', '[{"jsonrpc":"2.0","id":1,"method":"hello"}]', RPC_ERROR.invalidRequest, null],
    ['wrong version', '{"jsonrpc":"1.0","id":1,"method":"hello"}', RPC_ERROR.invalidRequest, 1],
    ['no id (notification)', '{"jsonrpc":"2.0","method":"hello"}', RPC_ERROR.invalidRequest, null],
    ['method not a string', '{"jsonrpc":"2.0","id":2,"method":5}', RPC_ERROR.invalidRequest, 2],
    ['params an array', '{"jsonrpc":"2.0","id":3,"method":"hello","params":[1]}', RPC_ERROR.invalidParams, 3],
  ])('rejects %s', (_n, text, code, id) => {
    const r = decodeRequest(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.id]).toEqual([code, id]);
  });
});

describe('methods over the socket', () => {
  const w = useWorld();

  it('requires hello first, and refuses a newer protocol', async () => {
    const c = await w.client();
    expect((await c.call('establishContext')).error?.code).toBe(RPC_ERROR.helloRequired);
    expect((await c.call('hello', { protocol: 2 })).error?.code).toBe(RPC_ERROR.protocolUnsupported);
    expect((await c.call('hello', { protocol: 1 })).result).toBeDefined();
    expect((await c.call('frobnicate')).error?.code).toBe(RPC_ERROR.methodNotFound);
  });

  it('answers a parse error with id null and keeps the socket', async () => {
    const c = await w.client();
    expect((await c.raw('{oops')).error?.code).toBe(RPC_ERROR.parseError);
    expect((await c.call('hello', { protocol: 1 })).result).toBeDefined();
  });

  it.each([
    ['transmit', { connection: 1, data: 'not base64!' }],
    ['transmit', { connection: -1, data: 'kAA=' }],
    ['transmit', { connection: 1.5, data: 'kAA=' }],
    ['connect', { context: 1, reader: 'Reader A', accessMode: 'sharing' }],
    ['connect', { context: 1, reader: 'Reader A', accessMode: 'shared', preferredProtocols: ['t2'] }],
    ['getStatusChange', { context: 1, readerStates: [] }],
    [
      'getStatusChange',
      { context: 1, readerStates: [{ readerName: 'Reader A', currentState: { present: 'yes' } }] },
    ],
    [
      'getStatusChange',
      { context: 1, readerStates: [{ readerName: 'Reader A', currentState: { bogus: true } }] },
    ],
    [
      'getStatusChange',
      { context: 1, readerStates: [{ readerName: 'Reader A', currentState: {} }], timeout: -1 },
    ],
    ['control', { connection: 1, controlCode: 2 ** 32, data: '' }],
    ['disconnect', { connection: 1, disposition: 'explode' }],
  ])('%s rejects bad params %j with -32602 and a TypeError name', async (method, params) => {
    const c = await w.client();
    await ready(c);
    const r = await c.call(method, params);
    expect(r.error?.code).toBe(RPC_ERROR.invalidParams);
    expect(r.error?.data?.domName).toBe('TypeError');
  });

  it('carries bytes as base64 both ways, and the protocol choice', async () => {
    const c = await w.client();
    const context = await ready(c);
    w.pcsc.insert('Reader A');
    const conn = await c.call('connect', {
      context,
      reader: 'Reader A',
      accessMode: 'shared',
      preferredProtocols: ['t0', 't1'],
    });
    expect(conn.result).toEqual({ connection: 2, activeProtocol: 't1' });
    const connection = conn.result!.connection;
    const r = await c.call('transmit', { connection, data: b64('00 a4 04 00 00'), protocol: 't1' });
    expect(r.result).toEqual({ data: b64('a4 90 00') });
    expect(w.pcsc.cards[0]!.calls).toContain('transmit 00a4040000 p2');
    expect((await c.call('status', { connection })).result).toEqual({
      readerName: 'Reader A',
      state: 't1',
      answerToReset: b64('3b8d01'),
    });
    expect((await c.call('control', { connection, controlCode: 0x313520, data: b64('ff') })).result).toEqual({
      data: b64('01'),
    });
    expect((await c.call('getAttribute', { connection, tag: 0x90303 })).result).toEqual({ data: b64('42') });
    expect((await c.call('setAttribute', { connection, tag: 0x90303, value: b64('00') })).result).toEqual({});
  });
});
