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
