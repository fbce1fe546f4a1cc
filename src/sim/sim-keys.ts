/**
 * Key pairs inside the virtual cards: generated with WebCrypto (RSASSA-PKCS1-v1_5 / ECDSA, real
 * keys), used the way a card chip uses them — raw RSA on the block the card was given (RFC 8017
 * §5.2.1 RSASP1 with the CRT) and ECDSA over a hash computed elsewhere (SEC 1 v2 §4.1.3; FIPS
 * 186-4 curves P-256/P-384). WebCrypto cannot sign a pre-computed hash, so both primitives are done
 * here with BigInt on the exported private key, which never leaves the virtual card.
 */
import { concatBytes } from '../iso7816/hex';
import { encodeTlv } from '../iso7816/tlv';
import { randomBytes } from './crypto-aes';

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
  return (await globalThis.crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
};

const b64u = (s: string): Uint8Array =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
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
const inv = (a: bigint, p: bigint) => modPow(a, p - 2n, p); // p prime (curve field, group order, RSA p/q)

/** FIPS 186-4 D.1.2 curve constants (a = −3). */
const CURVES = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    len: 32,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    len: 48,
  },
} as const;

type Jac = [bigint, bigint, bigint];
function dbl([x, y, z]: Jac, p: bigint): Jac {
  if (y === 0n || z === 0n) return [0n, 1n, 0n];
  const zz = (z * z) % p;
  const m = mod(3n * (x - zz) * (x + zz), p); // a = −3
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const x3 = mod(m * m - 2n * s, p);
  return [x3, mod(m * (s - x3) - 8n * yy * yy, p), (2n * y * z) % p];
}
function add(a: Jac, b: Jac, p: bigint): Jac {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = (a[2] * a[2]) % p,
    z2z2 = (b[2] * b[2]) % p;
  const u1 = (a[0] * z2z2) % p,
    u2 = (b[0] * z1z1) % p;
  const s1 = (a[1] * b[2] * z2z2) % p,
    s2 = (b[1] * a[2] * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? dbl(a, p) : [0n, 1n, 0n];
  const h = mod(u2 - u1, p),
    r = mod(s2 - s1, p);
  const hh = (h * h) % p,
    hhh = (h * hh) % p,
    v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  return [x3, mod(r * (v - x3) - s1 * hhh, p), (a[2] * b[2] * h) % p];
}
function mulG(k: bigint, c: (typeof CURVES)['P-256' | 'P-384']): bigint {
  let r: Jac = [0n, 1n, 0n];
  let q: Jac = [c.gx, c.gy, 1n];
  for (; k > 0n; k >>= 1n, q = dbl(q, c.p)) if (k & 1n) r = add(r, q, c.p);
  const zi = inv(r[2], c.p);
  return (r[0] * zi * zi) % c.p; // affine x
}

/** One key pair held by a virtual card. */
export class SimKey {
  private constructor(
    readonly spec: SimKeySpec,
    private readonly jwk: JsonWebKey,
  ) {}

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

  /** ECDSA over `hash` (leftmost field-size bytes, SEC 1 §4.1.3 step 5) → r‖s. */
  ecdsa(hash: Uint8Array): Uint8Array {
    if (this.spec.kind !== 'ec') throw new Error('not an EC key');
    const c = CURVES[this.spec.curve];
    const d = big(b64u(this.jwk.d!));
    const e = big(hash.subarray(0, c.len));
    for (;;) {
      const k = mod(big(randomBytes(c.len + 8)), c.n - 1n) + 1n;
      const r = mulG(k, c) % c.n;
      const s = mod(inv(k, c.n) * (e + r * d), c.n);
      if (r !== 0n && s !== 0n) return concatBytes(bytes(r, c.len), bytes(s, c.len));
    }
  }
}
