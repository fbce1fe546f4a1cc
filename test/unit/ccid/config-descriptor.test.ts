import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findCcidInterface, parseConfigurationDescriptor } from '../../../src/ccid/config-descriptor';
import { configurationDescriptor, type SimDescriptorOptions } from '../../../src/sim/ccid-config';
import { isAppError } from '../../../src/errors';

const base: SimDescriptorOptions = {
  level: 'tpdu',
  slots: 1,
  features: 0x100ba,
  maxMessage: 271,
  maxIfsd: 254,
  busySlots: 1,
  voltageSupport: 7,
  protocols: 3,
  pinSupport: 0,
  classGetResponse: 0xff,
  classEnvelope: 0xff,
  interrupt: true,
  packetSize: 64,
  vendorClass: false,
  descriptorAfterEndpoints: false,
};

describe('configuration descriptor walk (USB 2.0 §9.6.3, CCID 1.1 §5.1)', () => {
  it('finds the CCID interface, its endpoints and class descriptor', () => {
    const cfg = parseConfigurationDescriptor(configurationDescriptor(base));
    const itf = findCcidInterface(cfg);
    expect(itf.bInterfaceClass).toBe(0x0b);
    expect(itf.ccid.exchangeLevel).toBe('tpdu');
    expect(itf.ccidAfterEndpoints).toBeUndefined();
    expect(itf.endpoints.map((e) => `${e.type}-${e.direction}-${e.number}-${e.wMaxPacketSize}`)).toEqual([
      'bulk-out-1-64',
      'bulk-in-2-64',
      'interrupt-in-3-8',
    ]);
  });

  it('attributes a class descriptor after the last endpoint to the interface (OZ776 quirk)', () => {
    const itf = findCcidInterface(
      parseConfigurationDescriptor(configurationDescriptor({ ...base, descriptorAfterEndpoints: true })),
    );
    expect(itf.ccidAfterEndpoints).toBe(true);
    expect(itf.ccid.dwMaxCCIDMessageLength).toBe(271);
  });

  it('accepts a vendor-class (0xFF) interface with a 54-byte class descriptor', () => {
    const itf = findCcidInterface(
      parseConfigurationDescriptor(configurationDescriptor({ ...base, vendorClass: true, interrupt: false })),
    );
    expect(itf.bInterfaceClass).toBe(0xff);
    expect(itf.endpoints).toHaveLength(2);
  });

  it('refuses ICCD interfaces and devices without CCID with ccid/no-interface', () => {
    const iccd = configurationDescriptor(base);
    iccd[9 + 7] = 2; // bInterfaceProtocol = ICCD version B
    expect(() => findCcidInterface(parseConfigurationDescriptor(iccd))).toThrowError(
      expect.objectContaining({ code: 'ccid/no-interface', data: { iccd: true } }),
    );
    const hid = configurationDescriptor(base);
    hid[9 + 5] = 0x03;
    expect(() => findCcidInterface(parseConfigurationDescriptor(hid))).toThrowError(
      expect.objectContaining({ code: 'ccid/no-interface' }),
    );
  });

  it('rejects truncated and self-inconsistent blobs with ccid/descriptor', () => {
    const good = configurationDescriptor(base);
    expect(() => parseConfigurationDescriptor(good.subarray(0, 40))).toThrowError(
      expect.objectContaining({ code: 'ccid/descriptor' }),
    );
    const zero = good.slice();
    zero[9] = 0;
    expect(() => parseConfigurationDescriptor(zero)).toThrowError(
      expect.objectContaining({ code: 'ccid/descriptor' }),
    );
  });

  it('fast-check: any bytes parse or throw ccid/descriptor', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        const b = Uint8Array.of(
          9,
          2,
          (9 + tail.length) & 0xff,
          (9 + tail.length) >> 8,
          1,
          1,
          0,
          0x80,
          50,
          ...tail,
        );
        try {
          parseConfigurationDescriptor(b);
        } catch (e) {
          expect(isAppError(e, 'ccid/descriptor')).toBe(true);
        }
      }),
    );
  });
});
