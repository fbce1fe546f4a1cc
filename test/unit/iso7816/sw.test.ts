import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { retriesFromSw, SwError, swCode, swMeaning } from '../../../src/iso7816/sw';
import { AppError, isAppError } from '../../../src/errors';

describe('status words (ISO/IEC 7816-4 §5.1.3)', () => {
  it('maps the codes the card layer relies on', () => {
    expect(swCode(0x9000)).toBe('sw/ok');
    expect(swCode(0x63c2)).toBe('sw/pin-wrong');
    expect(swCode(0x6982)).toBe('sw/security-status');
    expect(swCode(0x6983)).toBe('sw/auth-blocked');
    expect(swCode(0x6a82)).toBe('sw/file-not-found');
    expect(swCode(0x6a88)).toBe('sw/data-not-found');
    expect(swCode(0x6700)).toBe('sw/wrong-length');
    expect(swCode(0x6d00)).toBe('sw/ins-not-supported');
    expect(swCode(0x6110)).toBe('sw/more-data');
    expect(swCode(0x6c08)).toBe('sw/wrong-le');
    expect(swCode(0x6a99)).toBe('sw/wrong-parameters');
    expect(swCode(0x1234)).toBe('sw/unknown');
    expect(swMeaning(0x6a82)).toBe('File or application not found');
    expect(swMeaning(0x63c3)).toBe('Verification failed, 3 tries left');
  });

  it('extracts 63Cx retry counters only', () => {
    expect(retriesFromSw(0x63c0)).toBe(0);
    expect(retriesFromSw(0x63cf)).toBe(15);
    expect(retriesFromSw(0x6300)).toBeUndefined();
    expect(retriesFromSw(0x6983)).toBeUndefined();
    expect(retriesFromSw(0x9000)).toBeUndefined();
  });

  it('SwError carries the status word, its code and the retries left', () => {
    const e: unknown = new SwError(0x63c1);
    expect(e).toBeInstanceOf(AppError);
    const s = e as SwError;
    expect(s.code).toBe('sw/pin-wrong');
    expect(s.family).toBe('sw');
    expect([s.sw, s.sw1, s.sw2, s.retries]).toEqual([0x63c1, 0x63, 0xc1, 1]);
    expect(s.data).toEqual({ sw: 0x63c1, retries: 1 });
    expect(s.message).toBe('63C1 Verification failed, 1 tries left');
    expect(isAppError(e, 'sw/')).toBe(true);
  });

  it('every 16-bit SW has a stable code and meaning (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (sw) => {
        expect(swCode(sw)).toMatch(/^sw\/[a-z0-9-]+$/);
        expect(swMeaning(sw).length).toBeGreaterThan(0);
        const e = new SwError(sw, 'VERIFY');
        expect(e.code).toBe(swCode(sw));
        expect(e.message.startsWith('VERIFY: ')).toBe(true);
      }),
    );
  });
});
