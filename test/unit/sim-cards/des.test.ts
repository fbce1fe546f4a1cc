import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { tdesCbcDecrypt, tdesCbcEncrypt, tdesEcbDecrypt, tdesEcbEncrypt } from '../../../src/sim/des';
import { aesEncryptBlock } from '../../../src/sim/crypto-aes';

describe('3DES helpers (des.js)', () => {
  // docs/gids.md "Test vectors": all 3DES-EDE3 with 24-byte keys.
  const vectors: Array<[string, string, string]> = [
    ['00'.repeat(24), 'A892D75601617C5D', '1951EC3EF81BBABB'],
    ['0102030405060708'.repeat(3), '0557897F8D84407B', '7716F4B2D7214EB2'],
    ['00112233445566778899AABBCCDDEEFF0011223344556677', '0557897F8D84407B', '301530F5291A5F21'],
  ];
  it.each(vectors)('key %s: challenge %s → response %s', (k, ch, resp) => {
    expect(toHex(tdesEcbEncrypt(fromHex(k), fromHex(ch)))).toBe(resp.toLowerCase());
    expect(toHex(tdesEcbDecrypt(fromHex(k), fromHex(resp)))).toBe(ch.toLowerCase());
    // one block: CBC with a zero IV is ECB (minidriver spec vs. its sample code)
    expect(toHex(tdesCbcEncrypt(fromHex(k), fromHex(ch)))).toBe(resp.toLowerCase());
  });

  it('CBC chains blocks (differs from ECB from the second block) and round-trips', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1, max: 5 }),
        (key, n) => {
          const data = Uint8Array.from({ length: 8 * n }, (_, i) => i);
          const enc = tdesCbcEncrypt(key, data);
          expect(toHex(tdesCbcDecrypt(key, enc))).toBe(toHex(data));
          expect(toHex(tdesEcbDecrypt(key, tdesEcbEncrypt(key, data)))).toBe(toHex(data));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses wrong key and block sizes with typed errors', () => {
    expect(() => tdesEcbEncrypt(new Uint8Array(16), new Uint8Array(8))).toThrow(
      expect.objectContaining({ code: 'sim/crypto-key-length' }),
    );
    expect(() => tdesEcbEncrypt(new Uint8Array(24), new Uint8Array(7))).toThrow(
      expect.objectContaining({ code: 'sim/crypto-block-length' }),
    );
  });
});

describe('AES block helper (WebCrypto)', () => {
  // FIPS 197 Appendix C.1–C.3.
  const pt = fromHex('00112233445566778899aabbccddeeff');
  it.each([
    ['000102030405060708090a0b0c0d0e0f', '69c4e0d86a7b0430d8cdb78070b4c55a'],
    ['000102030405060708090a0b0c0d0e0f1011121314151617', 'dda97ca4864cdfe06eaf70a0ec0d7191'],
    ['000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', '8ea2b7ca516745bfeafc49904b496089'],
  ])('key %s', async (k, ct) => {
    expect(toHex(await aesEncryptBlock(fromHex(k), pt))).toBe(ct);
  });
  it('refuses bad sizes', async () => {
    await expect(aesEncryptBlock(new Uint8Array(20), pt)).rejects.toMatchObject({
      code: 'sim/crypto-key-length',
    });
    await expect(aesEncryptBlock(new Uint8Array(16), new Uint8Array(8))).rejects.toMatchObject({
      code: 'sim/crypto-block-length',
    });
  });
});
