/**
 * The emulator's own reading and writing of CM wire values, from the MIM CM REST API pages — not
 * the client's codec, so a client bug is not mirrored here (test/unit/emulator/wire-agreement.test.ts
 * checks both against the documented examples):
 * - GUIDs: responses carry lower-case `8-4-4-4-12` hex (get-request); requests may send upper case
 *   or braces, as `SerialNumber` is `{…}` (get-smartcard-data).
 * - Challenges, responses and keys: standard base64 (get-smartcard-admin-key-response example
 *   `1hFD+cz/0so=`); certificate blobs wrapped at 64 characters with CRLF.
 * - ATR: lower-case hex without separators (`3b8d0180fba0…`, assign-smartcard-to-request).
 */
import { Buffer } from 'node:buffer';

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_FORM = /^\{?\s*([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\s*\}?$/i;

/** The canonical lower-case form of a GUID in any accepted spelling; throws `Error` otherwise. */
export function normalizeGuid(value: string, what = 'guid'): string {
  const m = GUID_FORM.exec(value.trim());
  const braces = value.trim().startsWith('{') === value.trim().endsWith('}');
  if (!m || !braces) throw new Error(`${what}: not a GUID`);
  return m.slice(1).join('-').toLowerCase();
}

export function isGuid(value: string): boolean {
  const m = GUID_FORM.exec(value.trim());
  return m !== null && value.trim().startsWith('{') === value.trim().endsWith('}');
}

/** Standard base64 of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Strict standard base64 (CRLF line breaks allowed); throws on anything else (Buffer would skip it). */
export function base64ToBytes(text: string): Uint8Array {
  const s = text.replace(/\r\n|\n/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s))
    throw new Error('not base64');
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** Hex (either case, whitespace ignored, even length) to bytes. */
export function hexToBytes(hex: string, what = 'hex'): Uint8Array {
  const s = hex.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(s)) throw new Error(`${what}: not hex`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** An ATR as the client may send it (spaces, colons, dashes, any case) in the stored form. */
export function atrToHex(atr: string): string {
  const s = atr.replace(/[\s:-]+/g, '');
  if (s === '' || !/^(?:[0-9a-fA-F]{2})+$/.test(s)) throw new Error('atr: not hex');
  return s.toLowerCase();
}
