/**
 * The Windows smart card minidriver container files as a GIDS card stores them:
 * - `mscp/cmapfile` (minidriver spec "File system requirements" / cardmod.h `CONTAINER_MAP_RECORD`):
 *   86-byte records — container name as UTF-16LE `wszGuid[40]`, `bFlags` (1 = valid, 2 = default
 *   container), `bReserved`, `wSigKeySizeBits`, `wKeyExchangeKeySizeBits` (little-endian);
 *   container n is key B0(81+n);
 * - the GIDS key map (EF A000 / DO DF20; OpenSC `card-gids.h` `gids_keymap_record`, reverse
 *   engineered from what Windows writes): version byte 01, then 12-byte records — state (uint32 LE,
 *   1 = in use), algorithm id, key type (9A key exchange / 9C signature), key reference (0xB000 +
 *   kid, LE), FFFF, 2 padding bytes (C struct alignment);
 * - certificate files `mscp/kxcNN` (key exchange) / `mscp/kscNN` (signature only), NN = container
 *   index in upper-case hex, holding `01 00 <len LE16> zlib(cert)` (minidriver certificate
 *   compression; OpenSC `gids_encode_certificate`).
 */
import { CardError } from '../errors';
import type { KeyUsage } from '../keys';

export const CMAP_RECORD_SIZE = 86;
export const KEYMAP_RECORD_SIZE = 12;
export const CMAP_VALID = 0x01;
export const CMAP_DEFAULT = 0x02;
/** First key reference of a container key (`GIDS_FIRST_KEY_IDENTIFIER`) and the most containers. */
export const FIRST_KEY_REF = 0x81;
export const MAX_CONTAINERS = 126;

export interface CmapRecord {
  name: string;
  flags: number;
  sigKeyBits: number;
  keyExchangeKeyBits: number;
}

/** Parses `mscp/cmapfile`. Throws `card/bad-data` unless its length is a multiple of 86. */
export function parseCmapfile(b: Uint8Array): CmapRecord[] {
  if (b.length % CMAP_RECORD_SIZE !== 0) {
    throw new CardError('card/bad-data', `cmapfile of ${b.length} bytes is not 86·n`, { length: b.length });
  }
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: CmapRecord[] = [];
  for (let o = 0; o < b.length; o += CMAP_RECORD_SIZE) {
    let name = '';
    for (let i = 0; i < 40; i++) {
      const c = v.getUint16(o + 2 * i, true);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    out.push({
      name,
      flags: b[o + 80]!,
      sigKeyBits: v.getUint16(o + 82, true),
      keyExchangeKeyBits: v.getUint16(o + 84, true),
    });
  }
  return out;
}

/** Encodes records into `mscp/cmapfile` bytes (names longer than 39 characters are cut). */
export function encodeCmapfile(records: readonly CmapRecord[]): Uint8Array {
  const out = new Uint8Array(records.length * CMAP_RECORD_SIZE);
  const v = new DataView(out.buffer);
  records.forEach((r, i) => {
    const o = i * CMAP_RECORD_SIZE;
    for (let k = 0; k < Math.min(39, r.name.length); k++) v.setUint16(o + 2 * k, r.name.charCodeAt(k), true);
    out[o + 80] = r.flags;
    v.setUint16(o + 82, r.sigKeyBits, true);
    v.setUint16(o + 84, r.keyExchangeKeyBits, true);
  });
  return out;
}

export interface KeymapRecord {
  state: number;
  algId: number;
  keyType: number;
  keyRef: number;
}

/** Parses the key map DO (empty input = no records). Throws `card/bad-data` on a wrong length/version. */
export function parseKeymap(b: Uint8Array): KeymapRecord[] {
  if (b.length === 0) return [];
  if (b[0] !== 1 || (b.length - 1) % KEYMAP_RECORD_SIZE !== 0) {
    throw new CardError('card/bad-data', `GIDS key map of ${b.length} bytes is not 01 + 12·n`, {
      length: b.length,
    });
  }
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: KeymapRecord[] = [];
  for (let o = 1; o < b.length; o += KEYMAP_RECORD_SIZE) {
    out.push({
      state: v.getUint32(o, true),
      algId: b[o + 4]!,
      keyType: b[o + 5]!,
      keyRef: v.getUint16(o + 6, true),
    });
  }
  return out;
}

export function encodeKeymap(records: readonly KeymapRecord[]): Uint8Array {
  const out = new Uint8Array(1 + records.length * KEYMAP_RECORD_SIZE);
  const v = new DataView(out.buffer);
  out[0] = 1;
  records.forEach((r, i) => {
    const o = 1 + i * KEYMAP_RECORD_SIZE;
    v.setUint32(o, r.state >>> 0, true);
    out[o + 4] = r.algId;
    out[o + 5] = r.keyType;
    v.setUint16(o + 6, r.keyRef, true);
    v.setUint16(o + 8, 0xffff, true);
  });
  return out;
}

/** `kxcNN` for a key that decrypts (AT_KEYEXCHANGE), else `kscNN` (AT_SIGNATURE). */
export function certFileName(container: number, usage: KeyUsage): string {
  return `${usage.decrypt ? 'kxc' : 'ksc'}${container.toString(16).toUpperCase().padStart(2, '0')}`;
}

async function pipe(data: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const out = new Blob([data.slice().buffer])
    .stream()
    .pipeThrough(stream as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Minidriver certificate compression: `01 00`, uncompressed length (LE16), zlib (RFC 1950) stream. */
export async function compressCertificate(der: Uint8Array): Promise<Uint8Array> {
  if (der.length > 0xffff)
    throw new CardError('card/invalid-certificate', 'Certificate larger than 64 KiB', {});
  const z = await pipe(der, new CompressionStream('deflate'));
  const out = new Uint8Array(4 + z.length);
  out.set([0x01, 0x00, der.length & 0xff, der.length >> 8]);
  out.set(z, 4);
  return out;
}

/** Inverse of {@link compressCertificate}. Throws `card/bad-data` on an unknown format or wrong length. */
export async function decompressCertificate(file: Uint8Array): Promise<Uint8Array> {
  if (file.length < 4 || file[0] !== 0x01 || file[1] !== 0x00) {
    throw new CardError('card/bad-data', 'Certificate file is not minidriver-compressed (01 00)', {});
  }
  let der: Uint8Array;
  try {
    der = await pipe(file.subarray(4), new DecompressionStream('deflate'));
  } catch (e) {
    throw new CardError('card/bad-data', 'Certificate file is not a zlib stream', {}, { cause: e });
  }
  if (der.length !== (file[2]! | (file[3]! << 8)))
    throw new CardError('card/bad-data', 'Certificate length does not match its header', {});
  return der;
}
