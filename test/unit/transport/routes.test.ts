import { describe, expect, it } from 'vitest';
import { detectCardRoutes, isIsolatedContext } from '../../../src/transport/routes';

describe('detectCardRoutes', () => {
  it('reports WebUSB as limited on an ordinary secure origin (class 0x0B is protected)', () => {
    const r = detectCardRoutes({ isSecureContext: true, navigator: { usb: {}, hid: {} } });
    expect(r).toEqual({
      isolated: false,
      secure: true,
      webusb: 'limited',
      webSmartCard: 'unavailable',
      webhidPresent: true,
    });
  });

  it('reports WebUSB and Web Smart Card as available inside an Isolated Web App', () => {
    const r = detectCardRoutes({
      isSecureContext: true,
      location: { protocol: 'isolated-app:' },
      navigator: { usb: {}, smartCard: {} },
    });
    expect(r.isolated).toBe(true);
    expect(r.webusb).toBe('available');
    expect(r.webSmartCard).toBe('available');
  });

  it('ignores navigator.smartCard outside an isolated context', () => {
    const r = detectCardRoutes({ isSecureContext: true, navigator: { smartCard: {} } });
    expect(r.webSmartCard).toBe('unavailable');
  });

  it('reports nothing usable on an insecure origin or without the APIs (Firefox, Safari)', () => {
    expect(detectCardRoutes({ isSecureContext: false, navigator: { usb: {} } }).webusb).toBe('unavailable');
    expect(detectCardRoutes({ isSecureContext: true, navigator: {} })).toMatchObject({
      webusb: 'unavailable',
      webSmartCard: 'unavailable',
      webhidPresent: false,
    });
  });

  it('accepts the isIsolatedContext global', () => {
    expect(isIsolatedContext({ isIsolatedContext: true })).toBe(true);
    expect(isIsolatedContext({ location: { protocol: 'https:' } })).toBe(false);
  });
});
