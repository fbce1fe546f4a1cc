/**
 * Provider order: inside an isolated context Web Smart Card, then the card bridge, then WebUSB,
 * then the simulator; outside the card bridge, WebUSB, the simulator, and Web Smart Card last,
 * disabled with a reason.
 * Detection only: building the list must never establish a PC/SC context.
 */
import { describe, expect, it } from 'vitest';
import { providerOptions, loadProvider } from '../../../src/transport/registry';

const smartCard = {
  establishContext: () => {
    throw new Error('providerOptions must not establish a context');
  },
};

describe('provider registry order', () => {
  it('inside an IWA: web-smart-card, card-bridge, webusb, simulator', () => {
    const opts = providerOptions({
      navigator: { smartCard },
      location: { protocol: 'isolated-app:' },
      isSecureContext: true,
      WebSocket: class {},
    });
    expect(opts.map((o) => o.kind)).toEqual(['web-smart-card', 'card-bridge', 'webusb', 'simulator']);
    expect(opts[1]!.support).toEqual({ supported: true });
    expect(opts[0]!.support).toEqual({ supported: true });
  });

  it('inside an IWA without the API: web-smart-card still first, with its reason', () => {
    const opts = providerOptions({ navigator: {}, location: { protocol: 'isolated-app:' } });
    expect(opts[0]).toEqual({
      kind: 'web-smart-card',
      support: { supported: false, reason: 'smartcard-unavailable' },
    });
  });

  it('outside: card-bridge, webusb, simulator, then web-smart-card disabled as not-isolated', () => {
    const opts = providerOptions({
      navigator: { smartCard },
      location: { protocol: 'https:' },
      WebSocket: class {},
    });
    expect(opts.map((o) => o.kind)).toEqual(['card-bridge', 'webusb', 'simulator', 'web-smart-card']);
    expect(opts[3]!.support).toEqual({ supported: false, reason: 'not-isolated' });
  });

  it('without WebSocket the card bridge stays listed, disabled with its reason', () => {
    const opts = providerOptions({ navigator: {}, location: { protocol: 'https:' } });
    expect(opts[0]).toEqual({
      kind: 'card-bridge',
      support: { supported: false, reason: 'websocket-unavailable' },
    });
  });

  it('loads the web-smart-card provider without touching the API', async () => {
    const p = await loadProvider('web-smart-card');
    expect(p.kind).toBe('web-smart-card');
    expect(p.isSupported()).toEqual({ supported: false, reason: 'not-isolated' }); // Node is no IWA
  });
});
