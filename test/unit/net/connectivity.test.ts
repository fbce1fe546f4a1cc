import { describe, expect, it } from 'vitest';
import { Connectivity, type ConnectivityEnv } from '../../../src/net/connectivity';

function env(onLine: boolean) {
  const target = new EventTarget();
  const e: ConnectivityEnv & { fire(t: string): void } = {
    navigator: { onLine },
    addEventListener: (t, l) => target.addEventListener(t, l),
    fire: (t) => target.dispatchEvent(new Event(t)),
  };
  return e;
}

describe('Connectivity', () => {
  it('follows the browser online/offline events', async () => {
    const e = env(true);
    const c = new Connectivity(e);
    const seen: string[] = [];
    c.addEventListener('change', () => seen.push(c.state));
    e.navigator.onLine = false;
    e.fire('offline');
    e.navigator.onLine = true;
    e.fire('online');
    await Promise.resolve();
    expect(seen).toEqual(['offline', 'online']);
  });

  it('uses the reachability probe: online browser, unreachable server', async () => {
    const c = new Connectivity(env(true));
    c.setProbe(() => Promise.resolve(false));
    expect(await c.check()).toBe('server-unreachable');
    c.setProbe(() => Promise.reject(new Error('network')));
    expect(await c.check()).toBe('server-unreachable');
    c.setProbe(() => Promise.resolve(true));
    expect(await c.check()).toBe('online');
  });

  it('never probes while the browser says offline', async () => {
    let probes = 0;
    const c = new Connectivity(env(false));
    c.setProbe(() => Promise.resolve(++probes > 0));
    expect(await c.check()).toBe('offline');
    expect(probes).toBe(0);
  });

  it("says offline, not 'server unreachable', when the probe finds not even the app's own server", async () => {
    const c = new Connectivity(env(true));
    c.setProbe(() => Promise.resolve('offline' as const));
    expect(await c.check()).toBe('offline');
    c.setProbe(() => Promise.resolve(false));
    expect(await c.check()).toBe('server-unreachable');
  });
});
