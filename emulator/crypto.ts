/**
 * The emulator's secrets arithmetic: the admin challenge response (docs/gids.md "Admin authentication":
 * 3DES-EDE3 encryption of each 8-byte challenge block under the card's admin key — ECB, which for
 * one block equals CBC with a zero IV), its own admin-key diversification, and server-proposed PINs.
 */
import { createCipheriv, createHmac, randomInt } from 'node:crypto';
import { hexToBytes, normalizeGuid } from './wire-codec';
import { PIN_CHARACTER_SETS } from './wire-enums';
import type { PinPolicy } from './wire-types';

/**
 * The template's initial admin key from `DefaultAdminKeyHex`; empty means 24 zero bytes (this is
 * what makes the doc example `1hFD+cz/0so=` → `F0Zudm4wPLY=` come out, docs/mim-cm-api.md "Documented examples").
 */
export function defaultAdminKey(defaultAdminKeyHex: string): Buffer {
  if (defaultAdminKeyHex.trim() === '') return Buffer.alloc(24);
  const k = Buffer.from(hexToBytes(defaultAdminKeyHex, 'DefaultAdminKeyHex'));
  if (k.length !== 24) throw new Error('DefaultAdminKeyHex must be 24 bytes (3DES three-key)');
  return k;
}

/** 3DES-EDE3-ECB encryption of whole 8-byte blocks (minidriver spec challenge/response). */
export function tdesEncrypt(key: Uint8Array, data: Uint8Array): Buffer {
  if (key.length !== 24) throw new Error('3DES key must be 24 bytes');
  if (data.length === 0 || data.length % 8 !== 0) throw new Error('challenge must be whole 8-byte blocks');
  const c = createCipheriv('des-ede3', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Sets odd parity in every byte, as DES keys carry it (the doc's diversified key has it too). */
export function withOddParity(key: Buffer): Buffer {
  return Buffer.from(
    key.map((b) => {
      const high = b & 0xfe;
      let ones = 0;
      for (let x = high; x; x >>= 1) ones += x & 1;
      return high | (ones % 2 === 0 ? 1 : 0);
    }),
  );
}

/**
 * The emulator's diversified admin key (its own scheme — MIM's real one is not public):
 *
 *   K = oddParity( HMAC-SHA256( secret, "MIM-CM-EMU/admin-key/v1" ‖ 0x00 ‖ cardid ‖ counter )[0..24) )
 *
 * where `cardid` is the 16 bytes of the card id GUID in RFC 4122 (textual) order and `counter` is one
 * byte starting at 0, bumped only if the three 8-byte DES keys are not pairwise distinct (which would
 * collapse 3DES to single DES). Deterministic per (secret, card id), so every emulator restart gives
 * the same key for the same card.
 */
export function deriveDiversifiedKey(secret: string, cardId: string): Buffer {
  const id = Buffer.from(normalizeGuid(cardId, 'cardid').replace(/-/g, ''), 'hex');
  for (let counter = 0; counter < 256; counter++) {
    const mac = createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from('MIM-CM-EMU/admin-key/v1'), Buffer.of(0), id, Buffer.of(counter)]))
      .digest();
    const k = withOddParity(mac.subarray(0, 24));
    const [a, b, c] = [k.subarray(0, 8), k.subarray(8, 16), k.subarray(16, 24)];
    if (!a.equals(b) && !b.equals(c) && !a.equals(c)) return k;
  }
  throw new Error('unreachable: no distinct 3DES key halves in 256 tries');
}

const CHARSETS: Record<number, string> = {
  [PIN_CHARACTER_SETS.Numeric]: '0123456789',
  [PIN_CHARACTER_SETS.Alphanumeric]: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  [PIN_CHARACTER_SETS.Any]: 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+-=?@',
};

/** A random PIN that satisfies the template's user PIN policy (length and character set), from a CSPRNG. */
export function generatePin(policy: PinPolicy): string {
  const min = Math.max(4, policy.MinLength);
  const max = Math.max(min, policy.MaxLength);
  const len = randomInt(min, max + 1);
  const chars = CHARSETS[policy.CharacterSet] ?? CHARSETS[PIN_CHARACTER_SETS.Numeric]!;
  let pin = '';
  for (let i = 0; i < len; i++) pin += chars[randomInt(chars.length)];
  return pin;
}
