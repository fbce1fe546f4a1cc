/**
 * Triple DES (3DES-EDE3, 24-byte keys) for the virtual cards, on top of `des.js`.
 *
 * Why des.js: it is the DES core of crypto-browserify (the `crypto` polyfill bundlers have shipped for
 * a decade), pure JavaScript with no Node built-ins, ~10 kB minified, MIT, and WebCrypto has no DES
 * at all. It runs unchanged in Node (tests) and in the browser demo, where `sim/` is a lazy chunk.
 *
 * Card crypto is always whole 8-byte blocks without padding (GIDS minidriver spec "Card Admin key
 * challenge/response", SP 800-73-4 Part 2 §3.2.4): `padding: false` everywhere, and a length that is
 * not a multiple of 8 is a programming error, thrown as {@link SimCryptoError}.
 */
import desjs from 'des.js';
import { AppError } from '../errors';
import type { SimErrorCode } from '../error-codes';

/** Misuse of the simulator crypto helpers. Codes: `sim/crypto-key-length`, `sim/crypto-block-length`. */
export class SimCryptoError extends AppError<SimErrorCode> {}

const CBC_EDE = desjs.CBC.instantiate(desjs.EDE);

function check(key: Uint8Array, data: Uint8Array, iv?: Uint8Array): void {
  if (key.length !== 24)
    throw new SimCryptoError('sim/crypto-key-length', `3DES key must be 24 bytes, got ${key.length}`);
  if (data.length % 8 !== 0 || (iv !== undefined && iv.length !== 8)) {
    throw new SimCryptoError('sim/crypto-block-length', '3DES works on whole 8-byte blocks (IV 8 bytes)', {
      length: data.length,
    });
  }
}

function run(cipher: { update(d: Uint8Array): number[]; final(): number[] }, data: Uint8Array): Uint8Array {
  return Uint8Array.from([...cipher.update(data), ...cipher.final()]);
}

/** 3DES-EDE3 ECB encryption of whole blocks (NIST SP 800-67 §3.1). Parity bits are ignored. */
export function tdesEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  check(key, data);
  return run(desjs.EDE.create({ type: 'encrypt', key, padding: false }), data);
}

/** 3DES-EDE3 ECB decryption of whole blocks (NIST SP 800-67 §3.1). */
export function tdesEcbDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  check(key, data);
  return run(desjs.EDE.create({ type: 'decrypt', key, padding: false }), data);
}

/** 3DES-EDE3 CBC encryption (NIST SP 800-38A §6.2); GIDS mutual authentication uses a zero IV. */
export function tdesCbcEncrypt(key: Uint8Array, data: Uint8Array, iv = new Uint8Array(8)): Uint8Array {
  check(key, data, iv);
  return run(CBC_EDE.create({ type: 'encrypt', key, iv, padding: false }), data);
}

/** 3DES-EDE3 CBC decryption (NIST SP 800-38A §6.2). */
export function tdesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv = new Uint8Array(8)): Uint8Array {
  check(key, data, iv);
  return run(CBC_EDE.create({ type: 'decrypt', key, iv, padding: false }), data);
}
