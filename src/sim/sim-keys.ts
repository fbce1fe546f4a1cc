/**
 * Key pairs inside the virtual cards: generated with WebCrypto (RSASSA-PKCS1-v1_5 / ECDSA, real
 * keys), used the way a card chip uses them — raw RSA on the block the card was given (RFC 8017
 * §5.2.1 RSASP1 with the CRT) and ECDSA over a hash computed elsewhere (SEC 1 v2 §4.1.3; FIPS
 * 186-4 curves P-256/P-384). WebCrypto cannot sign a pre-computed hash, so both primitives run on
 * the exported private key, which never leaves the virtual card: ECDSA with @noble/curves, RSA
 * with BigInt here (not constant-time — a demo and test card, never a production one).
 */
import { decodeBase64Url } from '../common/base64';
import { concatBytes } from '@noble/ciphers/utils.js';
import { encodeTlv } from '../iso7816/tlv';
import { p256, p384 } from '@noble/curves/nist.js';

export type SimKeySpec = { kind: 'rsa'; bits: number } | { kind: 'ec'; curve: 'P-256' | 'P-384' };

/** Where key pairs come from (default: WebCrypto generateKey). Tests may hand out pre-made pairs. */
export type KeySource = (spec: SimKeySpec) => Promise<CryptoKeyPair>;

export const webCryptoKeySource: KeySource = async (spec) => {
  const alg =
    spec.kind === 'rsa'
      ? {
          name: 'RSASSA-PKCS1-v1_5',
          modulusLength: spec.bits,
          publicExponent: Uint8Array.of(1, 0, 1),
          hash: 'SHA-256',
        }
      : { name: 'ECDSA', namedCurve: spec.curve };
  // Why extractable: a card signs what it is given — RSASP1 on a padded block, ECDSA on a hash made
  // elsewhere — and WebCrypto offers neither (it always pads and hashes itself), so the private
  // half must be read once into the card object (SimKey). Demo and test builds only: production
  // bundles contain no simulator (registry.ts, vite.config.ts).
  return (await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
};

/** A JWK member (RFC 7518 §6: unpadded base64url); WebCrypto's own export, so never malformed. */
function b64u(s: string): Uint8Array {
  const bytes = decodeBase64Url(s);
  if (!bytes) throw new TypeError('JWK member is not base64url');
  return bytes;
}
const big = (b: Uint8Array): bigint =>
  b.length ? BigInt('0x' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')) : 0n;
function bytes(n: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
}
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b = mod(b, m);
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

/** FIPS 186-4 curves from @noble/curves (constant-time scalar multiplication, RFC 6979 nonces). */
const CURVES = { 'P-256': { ecdsa: p256, len: 32 }, 'P-384': { ecdsa: p384, len: 48 } } as const;

/** One key pair held by a virtual card. */
export class SimKey {
  /** The private key, in an ES private field: no property walk, spread or JSON.stringify reaches it. */
  readonly #jwk: JsonWebKey;

  private constructor(
    readonly spec: SimKeySpec,
    jwk: JsonWebKey,
  ) {
    this.#jwk = jwk;
  }

  private get jwk(): JsonWebKey {
    return this.#jwk;
  }

  static async create(spec: SimKeySpec, source: KeySource = webCryptoKeySource): Promise<SimKey> {
    const pair = await source(spec);
    return new SimKey(spec, await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey));
  }

  /** Children of the `7F49` public key template: 81 n, 82 e (RSA) or 86 04‖x‖y (EC). */
  publicKeyTlv(): Uint8Array {
    const j = this.jwk;
    if (this.spec.kind === 'rsa')
      return concatBytes(encodeTlv(0x81, b64u(j.n!)), encodeTlv(0x82, b64u(j.e!)));
    return encodeTlv(0x86, concatBytes(Uint8Array.of(0x04), b64u(j.x!), b64u(j.y!)));
  }

  get modulusBytes(): number {
    return this.spec.kind === 'rsa' ? b64u(this.jwk.n!).length : 0;
  }

  /** RSASP1 with the CRT: `block`^d mod n, `block` as long as the modulus and below it. */
  rsaRaw(block: Uint8Array): Uint8Array {
    const j = this.jwk;
    const n = big(b64u(j.n!)),
      m = big(block);
    if (block.length !== this.modulusBytes || m >= n) throw new Error('RSA input out of range');
    const p = big(b64u(j.p!)),
      q = big(b64u(j.q!));
    const m1 = modPow(m, big(b64u(j.dp!)), p),
      m2 = modPow(m, big(b64u(j.dq!)), q);
    const h = mod(big(b64u(j.qi!)) * (m1 - m2), p);
    return bytes(m2 + h * q, this.modulusBytes);
  }

  /** EMSA-PKCS1-v1_5 padding of a DigestInfo, then RSASP1 (what a card does for mechanism 0x5x). */
  rsaPkcs1(digestInfo: Uint8Array): Uint8Array {
    const k = this.modulusBytes;
    if (digestInfo.length > k - 11) throw new Error('DigestInfo too long');
    const em = new Uint8Array(k).fill(0xff);
    em[0] = 0;
    em[1] = 1;
    em[k - digestInfo.length - 1] = 0;
    em.set(digestInfo, k - digestInfo.length);
    return this.rsaRaw(em);
  }

  /** RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2): RSADP, then the `00 02 PS 00 M` check. */
  rsaDecryptPkcs1(cipher: Uint8Array): Uint8Array {
    const em = this.rsaRaw(cipher);
    const sep = em.indexOf(0, 2);
    if (em[0] !== 0 || em[1] !== 2 || sep < 10) throw new Error('decryption error');
    return em.slice(sep + 1);
  }

  /**
   * ECDSA over `hash` (SEC 1 v2 §4.1.3; the leftmost field-size bytes of a longer hash, step 5)
   * → r‖s. @noble/curves signs the given hash as is (`prehash: false`), with a hedged RFC 6979
   * nonce (`extraEntropy`), and any s (`lowS: false`, as cards and WebCrypto produce).
   */
  ecdsa(hash: Uint8Array): Uint8Array {
    if (this.spec.kind !== 'ec') throw new Error('not an EC key');
    const c = CURVES[this.spec.curve];
    const d = b64u(this.jwk.d!);
    try {
      // Why pad: noble wants at least a field-size input; a shorter hash is the same integer (§4.1.3 step 5).
      const e = hash.length < c.len ? concatBytes(new Uint8Array(c.len - hash.length), hash) : hash;
      return c.ecdsa.sign(e, d, { prehash: false, lowS: false, extraEntropy: true, format: 'compact' });
    } finally {
      d.fill(0);
    }
  }
}
