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
): CardKeyStore {
  let impl: Promise<CardKeyStore> | undefined;
  const get = () => (impl ??= load());
  return {
    authorization,
    supports,
    allocateKeySlot: async (usage: KeyUsage, spec: KeySpec, taken: readonly KeySlot[], opts?: OpOptions) =>
      (await get()).allocateKeySlot(usage, spec, taken, opts),
    generateKey: async (slot: KeySlot, spec: KeySpec, opts?: OpOptions) =>
      (await get()).generateKey(slot, spec, opts),
    readPublicKey: async (slot: KeySlot, spec: KeySpec, opts?: OpOptions) =>
      (await get()).readPublicKey(slot, spec, opts),
    signDigest: async (slot: KeySlot, spec: KeySpec, hash: HashName, digest: Uint8Array, opts?: OpOptions) =>
      (await get()).signDigest(slot, spec, hash, digest, opts),
    writeCertificate: async (slot: KeySlot, usage: KeyUsage, der: Uint8Array, opts?: OpOptions) =>
      (await get()).writeCertificate(slot, usage, der, opts),
    readCertificate: async (slot: KeySlot, usage: KeyUsage, opts?: OpOptions) =>
      (await get()).readCertificate(slot, usage, opts),
  };
}

/** What each card type can generate (kept here, not in the lazily loaded modules, because it is synchronous). */
/**
 * GIDS: RSA 1024/2048 always; ECC only when the card is known to have it (`GidsOptions.ecc`). Why not
 * by default: GidsApplet is RSA-only (GENERATE P-256 → 6A81), OpenSC `card-gids.c` registers RSA
 * only, and a GIDS card reports no readable ECC capability — so ECC is never assumed.
 */
export const gidsSupports = (spec: KeySpec, ecc = false): boolean =>
  spec.kind === 'rsa'
    ? spec.bits === 1024 || spec.bits === 2048
    : ecc && (spec.curve === 'P-256' || spec.curve === 'P-384');
export const pivSupports = (spec: KeySpec): boolean =>
  spec.kind === 'rsa' ? spec.bits === 1024 || spec.bits === 2048 : true;
