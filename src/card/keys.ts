/**
 * On-card key pairs and certificates as enrollment needs them (MIM CM
 * get-certificate-request-generation-options.md: key algorithm and size, key usages; sample
 * enrollment walkthrough steps 24–27), independent of the card application:
 * - GIDS (Windows minidriver file system, OpenSC `card-gids.c`): a key container per key,
 *   `mscp/cmapfile` + key file B0xx, certificate in `mscp/kxcNN` / `mscp/kscNN`;
 * - PIV (NIST SP 800-73-4 Part 1 §3.3 table 4b, Part 2 §3.3.2): key references 9A/9C/9D and their
 *   certificate objects.
 *
 * A {@link KeySlot} is the card's name for where one key lives (GIDS `'81'` = key B081 / container
 * 0, PIV `'9a'`). Slots are non-secret and may be journaled.
 */
import type { OpOptions } from './exchange';

export type KeySpec =
  { kind: 'rsa'; bits: 1024 | 2048 | 3072 | 4096 } | { kind: 'ec'; curve: 'P-256' | 'P-384' };

/** WinRT `EnrollKeyUsages` bits as CM sends them: 1 decryption, 2 signing, 4 key agreement (docs/mim-cm-api.md "Generation options"). */
export interface KeyUsage {
  decrypt: boolean;
  sign: boolean;
}

/** Public half of a key as the card returns it (ISO 7816-8 §5.1 `7F49`: 81/82 RSA, 86 EC point). */
export type CardPublicKey =
  | { kind: 'rsa'; modulus: Uint8Array; exponent: Uint8Array }
  | { kind: 'ec'; curve: 'P-256' | 'P-384'; point: Uint8Array };

export type KeySlot = string;

/** Hash names CM sends (`HashAlgorithmName`) normalised to WebCrypto names. */
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** What the card needs before key generation and certificate writes. */
export type KeyAuthorization =
  /** GIDS: user PIN (minidriver `CardCreateContainer` / `CardWriteFile` need ROLE_USER). */
  | 'pin'
  /** PIV: card management key 9B for GENERATE / PUT DATA, PIN for signing (SP 800-73-4 Part 1 §3.5). */
  | 'admin-key';

export interface CardKeyStore {
  readonly authorization: KeyAuthorization;
  /** True when the card can generate `spec` keys. */
  supports(spec: KeySpec): boolean;
  /**
   * Reserves where the next key for `usage` goes and prepares it (GIDS: creates the key container
   * and registers it in `mscp/cmapfile`; PIV: picks 9A/9D/9C). `taken` = slots this run already uses.
   */
  allocateKeySlot(
    usage: KeyUsage,
    spec: KeySpec,
    taken: readonly KeySlot[],
    opts?: OpOptions,
  ): Promise<KeySlot>;
  /** GENERATE ASYMMETRIC KEY PAIR in `slot`; returns the new public key. May take a minute on a real card. */
  generateKey(slot: KeySlot, spec: KeySpec, opts?: OpOptions): Promise<CardPublicKey>;
  /** The public key in `slot`, or undefined when the slot holds none (or the card cannot tell). */
  readPublicKey(slot: KeySlot, spec: KeySpec, opts?: OpOptions): Promise<CardPublicKey | undefined>;
  /**
   * Signs a digest computed on the host: RSA → PKCS#1 v1.5 signature (RFC 8017 §8.2) over the
   * DigestInfo; EC → ECDSA signature as r‖s (each field-size bytes, the WebCrypto form).
   * Needs the PIN verified just before.
   */
  signDigest(
    slot: KeySlot,
    spec: KeySpec,
    hash: HashName,
    digest: Uint8Array,
    opts?: OpOptions,
  ): Promise<Uint8Array>;
  /** Writes the DER certificate where the card's middleware looks for the certificate of `slot`. */
  writeCertificate(slot: KeySlot, usage: KeyUsage, der: Uint8Array, opts?: OpOptions): Promise<void>;
  /** Reads the DER certificate of `slot` back; undefined when none is stored. */
  readCertificate(slot: KeySlot, usage: KeyUsage, opts?: OpOptions): Promise<Uint8Array | undefined>;
}

/** `KeyUsages` flags → {@link KeyUsage}; 0 means the documented default, signing. */
export function keyUsageFromFlags(flags: number): KeyUsage {
  const decrypt = (flags & 1) !== 0 || (flags & 4) !== 0;
  const sign = (flags & 2) !== 0 || !decrypt;
  return { decrypt, sign };
}

/** Field size in bytes of a curve (for r‖s and point lengths). */
export function curveBytes(curve: 'P-256' | 'P-384'): number {
  return curve === 'P-256' ? 32 : 48;
}
