/**
 * BER-TLV and compact-TLV data objects (ISO/IEC 7816-4 §5.2.2 "BER-TLV data objects",
 * §5.2.1 / §8.1.1.2 "COMPACT-TLV", tag and length rules of ISO/IEC 8825-1).
 *
 * Strict by design: indefinite lengths (`80`), more than four length bytes, tags longer than four
 * bytes, values that run past the end and nesting deeper than {@link MAX_DEPTH} all throw
 * {@link TlvError} with a stable code; padding bytes `00`/`FF` between objects are skipped as the
 * standard allows (§5.2.2.1). Non-minimal lengths (`81 05`) are accepted because real cards send them.
 */
import { AppError } from '../errors';
import type { TlvErrorCode } from '../error-codes';
import { concatBytes } from '@noble/ciphers/utils.js';

/**
 * Malformed TLV. Codes: `tlv/truncated`, `tlv/indefinite-length`, `tlv/length-too-long`,
 * `tlv/tag-too-long`, `tlv/invalid-tag`, `tlv/too-deep`, `tlv/not-constructed`.
 */
export class TlvError extends AppError<TlvErrorCode> {}

/** One BER-TLV data object. `tag` holds all tag bytes big-endian (`0x5FC102`, `0x7F49`). */
export interface Tlv {
  tag: number;
  constructed: boolean;
  value: Uint8Array;
  /** Parsed children when `constructed` is true. */
  children?: Tlv[];
}

/** One COMPACT-TLV object: a 4-bit tag and up to 15 value bytes. */
export interface CompactTlv {
  tag: number;
  value: Uint8Array;
}

/** Why 32: real card data nests 3–5 levels; the bound keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 32;

function fail(code: TlvErrorCode, message: string, offset: number): never {
  throw new TlvError(code, message, { offset });
}

function readTag(b: Uint8Array, p: number): [tag: number, next: number] {
  const first = b[p]!;
  let tag = first;
  p++;
  if ((first & 0x1f) === 0x1f) {
    for (let n = 1; ; n++) {
      if (n > 3) fail('tlv/tag-too-long', 'BER-TLV tag longer than 4 bytes', p);
      if (p >= b.length) fail('tlv/truncated', 'BER-TLV tag truncated', p);
      const next = b[p++]!;
      tag = tag * 256 + next;
      if ((next & 0x80) === 0) break;
    }
  }
  return [tag, p];
}

function readLength(b: Uint8Array, p: number): [length: number, next: number] {
  if (p >= b.length) fail('tlv/truncated', 'BER-TLV length missing', p);
  const first = b[p++]!;
  if (first < 0x80) return [first, p];
  if (first === 0x80)
    fail('tlv/indefinite-length', 'Indefinite BER-TLV length is not allowed (ISO 7816-4 §5.2.2)', p - 1);
  const n = first & 0x7f;
  if (n > 4) fail('tlv/length-too-long', `BER-TLV length field of ${n} bytes (at most 4)`, p - 1);
  if (p + n > b.length) fail('tlv/truncated', 'BER-TLV length truncated', p);
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[p++]!;
  return [len, p];
}

function parseLevel(b: Uint8Array, depth: number, flat = false): Tlv[] {
  if (depth > MAX_DEPTH) fail('tlv/too-deep', `BER-TLV nesting deeper than ${MAX_DEPTH}`, 0);
  const out: Tlv[] = [];
  let p = 0;
  while (p < b.length) {
    const first = b[p]!;
    if (first === 0x00 || first === 0xff) {
      p++; // padding between objects (ISO 7816-4 §5.2.2.1)
      continue;
    }
    const [tag, afterTag] = readTag(b, p);
    const [len, start] = readLength(b, afterTag);
    if (start + len > b.length)
      fail('tlv/truncated', `BER-TLV value of ${len} bytes runs past the end`, start);
    const value = b.subarray(start, start + len);
    const constructed = (first & 0x20) !== 0;
    const tlv: Tlv = { tag, constructed, value };
    if (constructed && !flat) tlv.children = parseLevel(value, depth + 1);
    out.push(tlv);
    p = start + len;
  }
  return out;
}

/**
 * Parses a sequence of BER-TLV objects (ISO/IEC 7816-4 §5.2.2), recursing into constructed ones.
 * `flat: true` reads one level only and leaves `children` unset: for containers such as the PIV
 * CHUID (SP 800-73-4 Part 1 table 9) whose tags 30/34/35/3E carry the constructed bit but hold
 * plain values.
 */
export function parseTlv(bytes: Uint8Array, options: { flat?: boolean } = {}): Tlv[] {
  return parseLevel(bytes, 1, options.flat === true);
}

/** Tag bytes of `tag`, validated against ISO/IEC 7816-4 §5.2.2.1 (first byte not 00/FF, 1–4 bytes). */
export function encodeTag(tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag <= 0 || tag > 0xffffffff)
    fail('tlv/invalid-tag', `Invalid tag ${tag}`, 0);
  const bytes: number[] = [];
  for (let t = tag; t > 0; t = Math.floor(t / 256)) bytes.unshift(t % 256);
  const first = bytes[0]!;
  const multi = (first & 0x1f) === 0x1f;
  const ok =
    first !== 0xff &&
    multi === bytes.length > 1 &&
    bytes.every((x, i) => i === 0 || (i === bytes.length - 1 ? (x & 0x80) === 0 : (x & 0x80) !== 0));
  if (!ok) fail('tlv/invalid-tag', `Tag 0x${tag.toString(16)} is not a valid BER-TLV tag`, 0);
  return Uint8Array.from(bytes);
}

/** Minimal BER length encoding (`05`, `81 80`, `82 01 00`, … up to 4 length bytes). */
export function encodeLength(len: number): Uint8Array {
  if (!Number.isInteger(len) || len < 0 || len > 0xffffffff)
    fail('tlv/length-too-long', `Invalid length ${len}`, 0);
  if (len < 0x80) return Uint8Array.of(len);
  const bytes: number[] = [];
  for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

/**
 * Encodes one BER-TLV object (ISO/IEC 7816-4 §5.2.2). `content` is the value bytes, or child objects
 * (then `tag` must have the constructed bit, 0x20 of its first byte).
 */
export function encodeTlv(tag: number, content: Uint8Array | Array<Tlv | Uint8Array>): Uint8Array {
  const t = encodeTag(tag);
  let value: Uint8Array;
  if (content instanceof Uint8Array) {
    value = content;
  } else {
    if ((t[0]! & 0x20) === 0)
      fail('tlv/not-constructed', `Tag 0x${tag.toString(16)} is primitive but has children`, 0);
    value = concatBytes(
      ...content.map((c) => (c instanceof Uint8Array ? c : encodeTlv(c.tag, c.children ?? c.value))),
    );
  }
  return concatBytes(t, encodeLength(value.length), value);
}

/** First object matching the tag path, descending into children: `findTag(tlvs, 0x7c, 0x82)`. */
export function findTag(tlvs: readonly Tlv[] | undefined, ...path: number[]): Tlv | undefined {
  let level = tlvs;
  let found: Tlv | undefined;
  for (const tag of path) {
    found = level?.find((t) => t.tag === tag);
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

/** Parses COMPACT-TLV (ISO/IEC 7816-4 §5.2.1): each object is one byte `tag<<4 | length`, then the value. */
export function parseCompactTlv(bytes: Uint8Array): CompactTlv[] {
  const out: CompactTlv[] = [];
  let p = 0;
  while (p < bytes.length) {
    const b = bytes[p++]!;
    const len = b & 0x0f;
    if (p + len > bytes.length)
      fail('tlv/truncated', `COMPACT-TLV object ${b.toString(16)} runs past the end`, p - 1);
    out.push({ tag: b >> 4, value: bytes.subarray(p, p + len) });
    p += len;
  }
  return out;
}
