/**
 * Wire-format helpers for the CM REST API (docs/mim-cm-api.md "JSON conventions", "Card values"): GUID normalisation,
 * created-resource URIs, base64 for challenges/keys, lower-case hex for ATRs. Browser-safe (no Buffer).
 */
import { bytesToBase64, decodeBase64 } from '../common/base64';
import { CmApiError, CmInputError } from './errors';

const GUID_STRICT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The all-zero GUID CM uses for "none" (e.g. `NewSmartcardUuid` before a card is bound). */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/**
 * Normalises a GUID to the server's response form: trimmed, braces removed, lower case
 * (responses use lower case; examples send upper case; `SerialNumber` wraps the card id in braces;
 * walkthrough step 14 even has a leading space — defect 16). Throws {@link CmInputError} otherwise.
 */
export function normalizeGuid(value: string, what = 'guid'): string {
  let s = value.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  s = s.toLowerCase();
  if (!GUID_STRICT.test(s)) throw new CmInputError(what, `Not a GUID: ${JSON.stringify(value.slice(0, 60))}`);
  return s;
}

/** True when `value` normalises to a GUID. */
export function isGuid(value: string): boolean {
  try {
    normalizeGuid(value);
    return true;
  } catch {
    return false;
  }
}

/** True for the empty GUID (any case, braces allowed). */
export function isEmptyGuid(value: string): boolean {
  return isGuid(value) && normalizeGuid(value) === EMPTY_GUID;
}

/**
 * Id of a created resource from the bare URI string POST /requests and POST /smartcards return
 * (`"api/v1.0/requests/<guid>"`, create-request.md / assign-smartcard-to-request.md). Also accepts
 * the walkthrough's `/CertificateManagement/api/...` form and absolute URLs (defect 13).
 */
export function idFromResourceUri(uri: unknown, collection: 'requests' | 'smartcards'): string {
  if (typeof uri === 'string') {
    const path = uri.trim().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    const m = new RegExp(`(?:^|/)api/v1\\.0/${collection}/([^/?#]+)/?(?:[?#].*)?$`, 'i').exec(path);
    if (m && isGuid(decodeURIComponent(m[1]!))) return normalizeGuid(decodeURIComponent(m[1]!));
  }
  throw new CmApiError(
    'cm/bad-response',
    `Expected a ${collection} resource URI, got ${JSON.stringify(uri)?.slice(0, 80)}`,
    {
      status: 201,
      method: 'POST',
      path: `/${collection}`,
    },
  );
}

/**
 * Strict base64 decode (RFC 4648 §4; `\r\n` allowed as in certutil-style PKCS#7 blobs).
 * Throws {@link CmInputError} on anything else, so a hex string like the walkthrough's
 * `CFAA62118BBD25` (defect 16) is not silently misread.
 */
export function base64ToBytes(text: string, what = 'base64'): Uint8Array {
  const bytes = decodeBase64(text, { lineBreaks: true });
  if (!bytes) throw new CmInputError(what, 'Not base64');
  return bytes;
}

/** A card challenge as the `challenge` query value: base64, then percent-encoded (`1hFD%2Bcz%2F0so%3D`). */
export function challengeQueryValue(challenge: Uint8Array): string {
  return encodeURIComponent(bytesToBase64(challenge));
}

/** Lower-case hex without separators — the ATR form CM stores (`3b8d0180fba0…`, get-smartcard-data.md). */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** ATR bytes, or an ATR hex string with any spacing/case, to the CM form. Missing TCK is kept as is. */
export function atrToHex(atr: Uint8Array | string): string {
  if (typeof atr !== 'string') return bytesToHex(atr);
  const s = atr.replace(/[\s:-]/g, '').toLowerCase();
  if (s.length === 0 || s.length % 2 !== 0 || !/^[0-9a-f]+$/.test(s))
    throw new CmInputError('atr', 'ATR is not hex');
  return s;
}

/** Hex (any case, even length) to bytes. */
export function hexToBytes(hex: string, what = 'hex'): Uint8Array {
  const s = hex.replace(/\s/g, '');
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new CmInputError(what, 'Not hex');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
