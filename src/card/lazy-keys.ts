/**
 * A {@link CardKeyStore} whose implementation is loaded on first use: key generation, signing and
 * the minidriver container files are only needed by enrollment, so they stay out of the initial
 * bundle (budget ≤ 60 KB gzip). Every method but `supports` is async anyway.
 */
import type { OpOptions } from './exchange';
import type { CardKeyStore, HashName, KeyAuthorization, KeySlot, KeySpec, KeyUsage } from './keys';

export function lazyKeyStore(
  authorization: KeyAuthorization,
  supports: (spec: KeySpec) => boolean,
  load: () => Promise<CardKeyStore>,
  around: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): CardKeyStore {
  let impl: Promise<CardKeyStore> | undefined;
  const get = () => (impl ??= load());
  // Every method is a multi-APDU card operation: `around` runs it inside one card transaction.
  const op = <T>(fn: (k: CardKeyStore) => Promise<T>) => around(async () => fn(await get()));
  return {
    authorization,
    supports,
    allocateKeySlot: (usage: KeyUsage, spec: KeySpec, taken: readonly KeySlot[], opts?: OpOptions) =>
      op((k) => k.allocateKeySlot(usage, spec, taken, opts)),
    generateKey: (slot: KeySlot, spec: KeySpec, opts?: OpOptions) =>
      op((k) => k.generateKey(slot, spec, opts)),
    readPublicKey: (slot: KeySlot, spec: KeySpec, opts?: OpOptions) =>
      op((k) => k.readPublicKey(slot, spec, opts)),
    signDigest: (slot: KeySlot, spec: KeySpec, hash: HashName, digest: Uint8Array, opts?: OpOptions) =>
      op((k) => k.signDigest(slot, spec, hash, digest, opts)),
    writeCertificate: (slot: KeySlot, usage: KeyUsage, der: Uint8Array, opts?: OpOptions) =>
      op((k) => k.writeCertificate(slot, usage, der, opts)),
    readCertificate: (slot: KeySlot, usage: KeyUsage, opts?: OpOptions) =>
      op((k) => k.readCertificate(slot, usage, opts)),
  };
}
