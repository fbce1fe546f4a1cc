/**
 * Hex text of bytes and back — the one implementation the card stack uses (concatenation and
 * comparison of bytes come from `@noble/ciphers/utils.js`, base64 from `src/common/base64.ts`).
 *
 * The MIM CM REST API carries ATR, card id and challenges as lower-case hex without separators
 * (docs/mim-cm-api.md "Card values"), so {@link toHex} defaults to exactly that form.
 */
import { AppError } from '../errors';
import type { HexErrorCode } from '../error-codes';

/** Malformed hex text. Codes: `hex/odd-length`, `hex/invalid-char`. */
export class HexError extends AppError<HexErrorCode> {}

const DIGITS = '0123456789abcdef';
const TABLE: string[] = Array.from({ length: 256 }, (_, i) => DIGITS[i >> 4]! + DIGITS[i & 15]!);

/** Lower-case hex of `bytes`, octets joined by `sep` (default none): `toHex(b, ' ')` → `"00 a4 04 00"`. */
export function toHex(bytes: Uint8Array, sep = ''): string {
  const out: string[] = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = TABLE[bytes[i]!]!;
  return out.join(sep);
}

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // 0-9
  if (code >= 0x61 && code <= 0x66) return code - 0x57; // a-f
  if (code >= 0x41 && code <= 0x46) return code - 0x37; // A-F
  return -1;
}

/**
 * Bytes of hex text. Whitespace and colons are ignored (so `"3B 8D:01"` works); an odd digit count
 * throws `HexError` `hex/odd-length`, any other character `hex/invalid-char`.
 */
export function fromHex(hex: string): Uint8Array {
  const digits: number[] = [];
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charCodeAt(i);
    if (c === 0x3a || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    const v = nibble(c);
    if (v < 0) {
      throw new HexError(
        'hex/invalid-char',
        `Invalid hex character ${JSON.stringify(hex[i])} at position ${i}`,
        {
          position: i,
        },
      );
    }
    digits.push(v);
  }
  if (digits.length % 2 !== 0) {
    throw new HexError('hex/odd-length', `Hex text has an odd number of digits (${digits.length})`, {
      digits: digits.length,
    });
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
  return out;
}
