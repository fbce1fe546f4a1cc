/** The private half of a virtual card's key stays inside the card object (demo/test builds only). */
import { describe, expect, it } from 'vitest';
import { SimKey } from '../../../src/sim/sim-keys';

describe('SimKey private key material', () => {
  it('is not reachable through properties, spread or JSON, yet still signs', async () => {
    const key = await SimKey.create({ kind: 'ec', curve: 'P-256' });
    const seen = JSON.stringify({
      ...key,
      json: key,
      keys: Object.getOwnPropertyNames(key).map((k) => (key as unknown as Record<string, unknown>)[k]),
    });
    // A JWK private key carries "d"; an EC public key only x and y.
    expect(seen).not.toMatch(/"d"\s*:/);
    expect(seen).not.toMatch(/"kty"/);
    expect(key.ecdsa(new Uint8Array(32).fill(7))).toHaveLength(64);
    expect(key.publicKeyTlv()[0]).toBe(0x86);
  });
});

describe('SimKey ECDSA (@noble/curves) verifies with WebCrypto', () => {
  const subtle = globalThis.crypto.subtle;
  const msg = new TextEncoder().encode('to be signed by the virtual card');
  it.each([
    ['P-256', 'SHA-256'],
    ['P-256', 'SHA-384'],
    ['P-256', 'SHA-1'],
    ['P-384', 'SHA-384'],
    ['P-384', 'SHA-512'],
  ] as const)('%s over a %s hash made on the host', async (curve, hash) => {
    const pair = (await subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const key = await SimKey.create({ kind: 'ec', curve }, async () => pair);
    const digest = new Uint8Array(await subtle.digest(hash, msg));
    const sig = key.ecdsa(digest);
    expect(sig).toHaveLength(curve === 'P-256' ? 64 : 96);
    expect(await subtle.verify({ name: 'ECDSA', hash }, pair.publicKey, sig.slice(), msg)).toBe(true);
    // A different hash of the same length must not verify: the signature binds the digest given.
    const other = new Uint8Array(await subtle.digest(hash, new TextEncoder().encode('something else')));
    expect(await subtle.verify({ name: 'ECDSA', hash }, pair.publicKey, key.ecdsa(other).slice(), msg)).toBe(
      false,
    );
  });
});
