/**
 * Base64 (RFC 4648 §4) and base64url (RFC 4648 §5) — the one implementation the app, the card bridge
 * and the simulator use. Browser-safe (`btoa`/`atob`, no `Buffer`).
 *
 * The decoders are strict and return `undefined` instead of throwing, so each caller raises its own
 * typed error (`CmInputError` for CM values, `TypeError` for bridge frames): `atob` alone accepts
 * unpadded and whitespace-laden text, which would let a hex string like `CFAA62118BBD25` pass as
 * base64 (docs/mim-cm-api.md "Card values").
 */

/** Canonical padded base64: groups of four, at most two `=` at the end (RFC 4648 §4, §3.2). */
const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Unpadded base64url (RFC 4648 §5, as JOSE uses it, RFC 7515 §2). */
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** Why chunks: `String.fromCharCode(...bytes)` overflows the argument limit on large blobs. */
const CHUNK = 0x8000;

function binary(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return s;
}

function octets(bin: string): Uint8Array {
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Standard padded base64 of `bytes` (RFC 4648 §4). */
export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(binary(bytes));
}

/**
 * Bytes of canonical padded base64 (RFC 4648 §4), or `undefined` for anything else. With
 * `lineBreaks: true`, CR and LF are dropped first (certutil-style blobs wrap at 64 characters).
 */
export function decodeBase64(text: string, o: { lineBreaks?: boolean } = {}): Uint8Array | undefined {
  const s = o.lineBreaks ? text.replace(/[\r\n]/g, '') : text;
  return CANONICAL.test(s) ? octets(atob(s)) : undefined;
}

/** Base64 with CRLF after every 64 characters — the certutil form CM sends and expects for blobs. */
export function bytesToBase64Lines(bytes: Uint8Array): string {
  return (bytesToBase64(bytes).match(/.{1,64}/g) ?? []).join('\r\n');
}

/** Unpadded base64url of `bytes` (RFC 4648 §5; JOSE's form, RFC 7515 §2). */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of unpadded base64url (RFC 4648 §5), or `undefined` for anything else. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!URL_SAFE.test(text) || text.length % 4 === 1) return undefined;
  const s = text.replace(/-/g, '+').replace(/_/g, '/');
  return decodeBase64(s + '='.repeat((4 - (s.length % 4)) % 4));
}
