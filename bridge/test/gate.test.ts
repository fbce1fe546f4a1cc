// Who may connect: exact Origin allow-list and Host check, both before the upgrade.
import { describe, expect, it } from 'vitest';
import { checkUpgrade } from '../src/server';
import { RpcClient } from './rpc-client';
import { ORIGIN, useWorld } from './world';

describe('checkUpgrade', () => {
  const allowed = [ORIGIN];
  it('accepts an allowed origin on 127.0.0.1 and localhost', () => {
    expect(checkUpgrade({ host: '127.0.0.1:47653', origin: ORIGIN }, 47653, allowed)).toEqual({ ok: true });
    expect(checkUpgrade({ host: 'localhost:47653', origin: ORIGIN }, 47653, allowed)).toEqual({ ok: true });
  });
  it.each([
    ['missing origin', { host: '127.0.0.1:47653' }, 403],
    ['unlisted origin', { host: '127.0.0.1:47653', origin: 'https://evil.example' }, 403],
    ['origin differing by port', { host: '127.0.0.1:47653', origin: 'https://selfservice.test' }, 403],
    ['origin differing by scheme', { host: '127.0.0.1:47653', origin: 'http://selfservice.test:8443' }, 403],
    ['origin with a path appended', { host: '127.0.0.1:47653', origin: `${ORIGIN}/` }, 403],
    ['null origin', { host: '127.0.0.1:47653', origin: 'null' }, 403],
    ['rebinding host name', { host: 'attacker.example:47653', origin: ORIGIN }, 421],
    ['wrong port in host', { host: '127.0.0.1:1234', origin: ORIGIN }, 421],
    ['host without port', { host: '127.0.0.1', origin: ORIGIN }, 421],
    ['missing host', { origin: ORIGIN }, 421],
  ])('refuses %s', (_name, headers, status) => {
    const v = checkUpgrade(headers, 47653, allowed);
    expect(v.ok).toBe(false);
    expect(v.ok ? 0 : v.status).toBe(status);
  });
});

describe('the listener', () => {
  const w = useWorld();

  it('refuses an unlisted origin before the upgrade and creates no session', async () => {
    await expect(RpcClient.open(w.url, { origin: 'https://evil.example' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(RpcClient.open(w.url)).rejects.toMatchObject({ status: 403 });
    expect(w.server.sessions.size).toBe(0);
    expect(w.logs.join('\n')).toContain('origin not allowed');
  });

  it('refuses a wrong Host (DNS rebinding) before the upgrade', async () => {
    await expect(
      RpcClient.open(w.url, { origin: ORIGIN, host: `rebind.example:${w.server.port}` }),
    ).rejects.toMatchObject({ status: 421 });
    expect(w.server.sessions.size).toBe(0);
  });

  it('lets an allowed origin in and answers hello', async () => {
    const c = await w.client();
    const r = await c.call('hello', { protocol: 1 });
    expect(r.result).toEqual({ protocol: 1, version: '9.9.9' });
    expect(w.server.sessions.size).toBe(1);
  });

  it('tells a refused page why through the probe, readable by that page only', async () => {
    const bad = await fetch(`http://127.0.0.1:${w.server.port}/probe`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(bad.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(await bad.json()).toEqual({ bridge: 'smartcard-bridge', originAllowed: false });
    const good = await fetch(`http://127.0.0.1:${w.server.port}/probe`, { headers: { origin: ORIGIN } });
    expect(await good.json()).toEqual({
      bridge: 'smartcard-bridge',
      originAllowed: true,
      protocol: 1,
      version: '9.9.9',
    });
  });

  it('binds to 127.0.0.1 only', () => {
    expect(w.url.startsWith('ws://127.0.0.1:')).toBe(true);
  });
});
