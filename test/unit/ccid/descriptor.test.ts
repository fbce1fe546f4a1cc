import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCcidDescriptor, exchangeLevelOf } from '../../../src/ccid/descriptor';
import { fromHex } from '../../../src/iso7816/hex';
import { isAppError } from '../../../src/errors';
import { READERS } from './fixtures/reader-descriptors';

describe('parseCcidDescriptor on real readers (libccid readers/*.txt)', () => {
  it('has at least 15 distinct real readers', () => {
    expect(new Set(READERS.map((r) => `${r.vid}:${r.pid}:${r.name}`)).size).toBeGreaterThanOrEqual(15);
  });

  for (const r of READERS) {
    it(`${r.name} → ${r.level}`, () => {
      const d = parseCcidDescriptor(fromHex(r.hex));
      expect(d.exchangeLevel).toBe(r.level);
      expect(d.slots).toBe(r.slots);
      expect(d.dwFeatures).toBe(r.features);
      expect(d.dwMaxCCIDMessageLength).toBe(r.maxMessage);
      expect(d.bLength).toBe(54);
    });
  }

  it('decodes every field of the Yubikey 4 descriptor', () => {
    const d = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('Yubico'))!.hex));
    expect(d).toMatchObject({
      bcdCCID: 0x0100,
      bVoltageSupport: 7,
      dwProtocols: 2,
      dwDefaultClock: 4000,
      dwMaximumClock: 4000,
      dwDataRate: 307200,
      dwMaxDataRate: 307200,
      dwMaxIFSD: 2038,
      dwMaxCCIDMessageLength: 2048,
      bClassGetResponse: 0xff,
      bClassEnvelope: 0xff,
      bPINSupport: 0,
      bMaxCCIDBusySlots: 1,
    });
    expect(d.features).toMatchObject({
      autoConfAtr: true,
      autoActivation: true,
      autoVoltage: true,
      autoParamNegotiation: true,
      autoPps: true,
      autoIfsd: false,
      nadNotZero: false,
    });
  });

  it('decodes LCD layout, PIN support, synch protocols and the ICCD bit', () => {
    const at91 = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('ATMEL'))!.hex));
    expect(at91.wLcdLayout).toBe(0x0210);
    const spr = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('SCM'))!.hex));
    expect(spr.bPINSupport).toBe(3);
    const au = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('Alcor'))!.hex));
    expect(au.dwSynchProtocols).toBe(7);
    expect(au.bNumDataRatesSupported).toBe(53);
    const rutoken = parseCcidDescriptor(fromHex(READERS.find((r) => r.name.startsWith('Aktiv'))!.hex));
    expect(rutoken.features.iccdToken).toBe(true);
  });
});

describe('exchangeLevelOf', () => {
  it('maps the three level bits and none = character (CCID 1.1 §5.1)', () => {
    expect(exchangeLevelOf(0x00000030)).toBe('character');
    expect(exchangeLevelOf(0x00010000)).toBe('tpdu');
    expect(exchangeLevelOf(0x00020000)).toBe('short-apdu');
    expect(exchangeLevelOf(0x00040000)).toBe('extended-apdu');
  });
});

describe('parseCcidDescriptor rejects bad input with typed errors', () => {
  it('short, wrong bLength, wrong type', () => {
    const good = fromHex(READERS[0]!.hex);
    for (const bad of [
      good.slice(0, 53),
      Uint8Array.of(0x35, ...good.slice(1)),
      Uint8Array.of(0x36, 0x22, ...good.slice(2)),
    ]) {
      expect(() => parseCcidDescriptor(bad)).toThrowError(
        expect.objectContaining({ code: 'ccid/descriptor' }),
      );
    }
  });

  it('accepts the proprietary 0xFF type', () => {
    const good = fromHex(READERS[0]!.hex);
    good[1] = 0xff;
    expect(parseCcidDescriptor(good).bDescriptorType).toBe(0xff);
  });

  it('fast-check: any bytes either parse or throw ccid/descriptor', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        try {
          const d = parseCcidDescriptor(b);
          expect(d.slots).toBe(b[4]! + 1);
        } catch (e) {
          expect(isAppError(e, 'ccid/descriptor')).toBe(true);
        }
      }),
    );
  });
});
