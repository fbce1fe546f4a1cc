/**
 * AES single-block encryption for the virtual PIV card's management key (SP 800-73-4 Part 2 §3.2.4,
 * algorithm identifiers 08/0A/0C of SP 800-78-4 table 6-1), with @noble/ciphers' AES-ECB.
 *
 * Why not WebCrypto: Chromium's WebCrypto refuses 192-bit AES keys, and AES-192 is the YubiKey
 * 5.7+ default management key (Yubico "PIV management key" docs); it also has no ECB mode.
 */
import { ecb } from '@noble/ciphers/aes.js';
import { SimCryptoError } from './des';

/** AES-ECB encryption of exactly one 16-byte block with a 16-, 24- or 32-byte key (FIPS 197 §5.1). */
export async function aesEncryptBlock(key: Uint8Array, block: Uint8Array): Promise<Uint8Array> {
  if (![16, 24, 32].includes(key.length)) {
    throw new SimCryptoError(
      'sim/crypto-key-length',
      `AES key must be 16, 24 or 32 bytes, got ${key.length}`,
    );
  }
  if (block.length !== 16) {
    throw new SimCryptoError('sim/crypto-block-length', `AES block must be 16 bytes, got ${block.length}`);
  }
  // Async like the card's other crypto: callers await it; the cipher itself is synchronous.
  return ecb(key, { disablePadding: true }).encrypt(block);
}

/** Cryptographically random bytes (WebCrypto `getRandomValues`), for fresh card challenges. */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}
