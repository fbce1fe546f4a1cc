/**
 * The MIM CM `cardid` string from the 16-byte minidriver `cardid` file.
 *
 * MIM docs (`get-smartcard-authentication-response.md`, `assign-smartcard-to-request.md`) show the
 * value as `bc88f13f-83ba-4037-8262-46eba1291c6e`: lower case, hyphens, no braces. Which byte order
 * Windows uses to turn the 16 bytes into that text is **unverified** (docs/card-id.md):
 * - `'dotnet'` (default): `new Guid(byte[])` — Data1 (4 bytes), Data2 and Data3 (2 bytes each)
 *   little-endian, the last 8 bytes as they are. The MIM client stack works with .NET `Guid`.
 * - `'rfc4122'`: the bytes in order (RFC 4122 §4.1.2 network order).
 * Keep it a setting until a real Windows client confirms it.
 */
import { toHex } from '../iso7816/hex';
import { CardError } from './errors';

export type GuidByteOrder = 'dotnet' | 'rfc4122';

/** Byte permutation of .NET `Guid(byte[])`: Data1–Data3 reversed, Data4 unchanged. */
const DOTNET = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15] as const;

/**
 * Formats a 16-byte card id as the MIM `cardid` string (see the module note for `order`).
 * Throws `card/bad-data` unless `bytes` has exactly 16 bytes.
 */
export function cardIdToGuid(bytes: Uint8Array, order: GuidByteOrder = 'dotnet'): string {
  if (bytes.length !== 16) {
    throw new CardError('card/bad-data', `A card id has 16 bytes, got ${bytes.length}`, {
      length: bytes.length,
    });
  }
  const ordered = order === 'dotnet' ? Uint8Array.from(DOTNET, (i) => bytes[i]!) : bytes;
  const h = toHex(ordered);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const GUID_RE = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;

/**
 * Inverse of {@link cardIdToGuid}: the 16 card-id bytes of a GUID string (braces and any case
 * accepted, as .NET `Guid.Parse` does). Throws `card/bad-data` for anything else.
 */
export function guidToCardId(guid: string, order: GuidByteOrder = 'dotnet'): Uint8Array {
  const m = GUID_RE.exec(guid.trim());
  if (!m) throw new CardError('card/bad-data', 'Not a GUID string', {});
  const hex = m.slice(1).join('');
  const raw = Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  if (order === 'rfc4122') return raw;
  const out = new Uint8Array(16);
  DOTNET.forEach((src, dst) => (out[src] = raw[dst]!));
  return out;
}
