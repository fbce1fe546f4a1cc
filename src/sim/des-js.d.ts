/**
 * Type declarations for `des.js` 1.1 (Fedor Indutny, MIT; the DES/3DES core of crypto-browserify).
 * Only the members the virtual cards use. Byte arrays go in as `number[] | Uint8Array` and come
 * out as `number[]`.
 */
declare module 'des.js' {
  interface CipherOptions {
    type: 'encrypt' | 'decrypt';
    key: number[] | Uint8Array;
    /** `false` = no PKCS#7 padding (card crypto is always whole blocks). */
    padding?: boolean;
    /** CBC only: 8-byte initial vector. */
    iv?: number[] | Uint8Array;
  }
  interface Cipher {
    update(data: number[] | Uint8Array): number[];
    final(data?: number[] | Uint8Array): number[];
  }
  interface CipherClass {
    create(options: CipherOptions): Cipher;
  }
  interface CbcFactory {
    instantiate(base: CipherClass): CipherClass;
  }
  const desjs: {
    DES: CipherClass;
    EDE: CipherClass;
    CBC: CbcFactory;
  };
  export default desjs;
}
