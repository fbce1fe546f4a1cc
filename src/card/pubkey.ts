/**
 * Public key data objects (ISO/IEC 7816-8 §5.1 "public key data objects", template `7F49`: tag 81
 * modulus and 82 public exponent for RSA, 86 the uncompressed EC point) — the form GIDS returns
 * after GET DATA of a key (OpenSC `gids_read_public_key`) and PIV after GENERATE ASYMMETRIC KEY PAIR
 * (SP 800-73-4 Part 2 §3.3.2 table 10). Also the DigestInfo prefixes of RFC 8017 §9.2 note 1.
 */
import { isAppError } from '../errors';
import { concatBytes } from '@noble/ciphers/utils.js';
import { findTag, parseTlv } from '../iso7816/tlv';
import type { Tlv } from '../iso7816/tlv';
import { CardError } from './errors';
import { curveBytes } from './keys';
import type { CardPublicKey, HashName, KeySpec } from './keys';

/** Reads a `7F49` template (or its children) as the key `spec` says. Throws `card/bad-data`. */
export function parsePublicKey(data: Uint8Array, spec: KeySpec): CardPublicKey {
  let tlvs: Tlv[];
  try {
    tlvs = parseTlv(data);
  } catch (e) {
    if (isAppError(e))
      throw new CardError('card/bad-data', 'Public key answer is not BER-TLV', {}, { cause: e });
    throw e;
  }
  const kids = findTag(tlvs, 0x7f49)?.children ?? tlvs;
  if (spec.kind === 'rsa') {
    const modulus = findTag(kids, 0x81)?.value;
    const exponent = findTag(kids, 0x82)?.value;
    const n = modulus ? stripZeros(modulus) : undefined;
    if (!n || !exponent || exponent.length === 0 || n.length * 8 !== spec.bits) {
      throw new CardError('card/bad-data', `Public key lacks an RSA-${spec.bits} modulus and exponent`, {});
    }
    return { kind: 'rsa', modulus: n.slice(), exponent: stripZeros(exponent).slice() };
  }
  const point = findTag(kids, 0x86)?.value;
  if (point?.length !== 1 + 2 * curveBytes(spec.curve) || point[0] !== 0x04) {
    throw new CardError('card/bad-data', `Public key lacks an uncompressed ${spec.curve} point`, {});
  }
  return { kind: 'ec', curve: spec.curve, point: point.slice() };
}

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** DER prefix of DigestInfo for each hash (RFC 8017 §9.2 note 1). */
const DIGEST_INFO: Record<HashName, string> = {
  'SHA-1': '3021300906052b0e03021a05000414',
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
};
const DIGEST_LENGTH: Record<HashName, number> = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** DigestInfo ::= SEQUENCE { algorithm, digest } for `digest` (RFC 8017 §9.2 step 2). */
export function digestInfo(hash: HashName, digest: Uint8Array): Uint8Array {
  if (digest.length !== DIGEST_LENGTH[hash]) {
    throw new CardError(
      'card/invalid-digest',
      `A ${hash} digest has ${DIGEST_LENGTH[hash]} bytes, got ${digest.length}`,
      {},
    );
  }
  const prefix = Uint8Array.from(DIGEST_INFO[hash].match(/../g)!, (h) => parseInt(h, 16));
  return concatBytes(prefix, digest);
}

/** EMSA-PKCS1-v1_5 encoding `00 01 FF… 00 DigestInfo` of `k` bytes (RFC 8017 §9.2 steps 3–5). */
export function emsaPkcs1v15(hash: HashName, digest: Uint8Array, k: number): Uint8Array {
  const t = digestInfo(hash, digest);
  if (k < t.length + 11)
    throw new CardError('card/invalid-digest', 'RSA modulus too short for the DigestInfo', {});
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t.length - 1] = 0x00;
  em.set(t, k - t.length);
  return em;
}
