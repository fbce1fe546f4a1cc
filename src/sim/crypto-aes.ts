/**
 * AES single-block encryption for the virtual PIV card's management key (SP 800-73-4 Part 2 §3.2.4,
 * algorithm identifiers 08/0A/0C of SP 800-78-4 table 6-1), from WebCrypto.
 *
 * WebCrypto has no ECB mode. For one block, ECB equals CBC with a zero IV: encrypting 16 bytes with
 * AES-CBC gives the wanted block followed by one PKCS#7 padding block, which is dropped.
 *
 * Quirk: Chromium's WebCrypto refuses 192-bit AES keys (Node and Firefox accept them). In such a
 * browser the AES-192 import rejects and the caller (the virtual card) answers like a card whose
 * crypto failed; 3DES and AES-128/256 keys are unaffected.
 */
import { SimCryptoError } from './des';

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new SimCryptoError('sim/crypto-unavailable', 'WebCrypto (crypto.subtle) is not available here');
  return s;
}

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
  const k = await subtle().importKey('raw', new Uint8Array(key), { name: 'AES-CBC' }, false, ['encrypt']);
  const out = await subtle().encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, k, new Uint8Array(block));
  return new Uint8Array(out, 0, 16).slice();
}

/** Cryptographically random bytes (WebCrypto `getRandomValues`), for fresh card challenges. */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}
