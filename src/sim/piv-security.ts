/**
 * PIN, PUK and card management key (9B) state of the virtual PIV card (SP 800-73-4 Part 2 §3.2,
 * Appendix A.1; status words as PivApplet/YubiKey answer, docs/piv.md "APDUs").
 * - PIN/PUK values are 8 bytes, FF-padded; wrong → 63Cx (decremented), blocked → 6983.
 * - 9B external authentication: `81 00` → fresh random challenge of one block (8 bytes 3DES,
 *   16 AES); `82 <r>` checked as Enc(K, challenge); wrong → 6982, none outstanding → 6985.
 * - Mutual ("witness"): `80 00` → Enc(K, witness); then `80 <witness> 81 <host ch>` (with or without
 *   an empty `82`) → `82 Enc(K, host ch)`.
 */
import { equalBytes } from '@noble/ciphers/utils.js';
import { aesEncryptBlock, randomBytes } from './crypto-aes';
import { tdesEcbEncrypt } from './des';
import { sw } from './gids-piv-base';

export type MgmtAlgorithm = '3des' | 'aes128' | 'aes192' | 'aes256';
export const ALG_IDS: Record<MgmtAlgorithm, number> = {
  '3des': 0x03,
  aes128: 0x08,
  aes192: 0x0a,
  aes256: 0x0c,
};
export const KEY_LENGTHS: Record<MgmtAlgorithm, number> = { '3des': 24, aes128: 16, aes192: 24, aes256: 32 };

export class PivCounter {
  constructor(
    public value: Uint8Array,
    public left: number,
    public readonly limit: number,
  ) {}

  check(candidate: Uint8Array): boolean {
    if (this.left === 0) throw sw(0x6983);
    if (candidate.length === 8 && equalBytes(candidate, this.value)) {
      this.left = this.limit;
      return true;
    }
    this.left--;
    throw sw(0x63c0 | this.left);
  }
}

export class PivMgmtKey {
  authenticated = false;
  private challenge: Uint8Array | undefined;
  private witness: Uint8Array | undefined;

  constructor(
    public key: Uint8Array,
    public alg: MgmtAlgorithm,
    private readonly random: (n: number) => Uint8Array = randomBytes,
  ) {}

  get block(): number {
    return this.alg === '3des' ? 8 : 16;
  }

  async encrypt(block: Uint8Array): Promise<Uint8Array> {
    return this.alg === '3des' ? tdesEcbEncrypt(this.key, block) : aesEncryptBlock(this.key, block);
  }

  reset(): void {
    this.authenticated = false;
    this.challenge = undefined;
    this.witness = undefined;
  }

  /** Handles the inside of a 7C template; returns the 7C content to answer with (maybe empty). */
  async step(
    t80?: Uint8Array,
    t81?: Uint8Array,
    t82?: Uint8Array,
  ): Promise<{ tag: number; value: Uint8Array } | undefined> {
    if (t80?.length === 0 && !t81 && !t82) {
      this.reset();
      this.witness = this.random(this.block);
      return { tag: 0x80, value: await this.encrypt(this.witness) };
    }
    if (t81?.length === 0 && !t80 && !t82) {
      this.reset();
      this.challenge = this.random(this.block);
      return { tag: 0x81, value: this.challenge.slice() };
    }
    if (t82 && t82.length > 0 && !t80 && !t81) {
      const ch = this.challenge;
      this.challenge = undefined;
      if (!ch) throw sw(0x6985);
      if (t82.length !== this.block || !equalBytes(await this.encrypt(ch), t82)) throw sw(0x6982);
      this.authenticated = true;
      return undefined;
    }
    // Step 2 of mutual authentication; libykpiv and OpenSC send it without the empty 82 tag.
    if (t80 && t81 && (t82 === undefined || t82.length === 0)) {
      const w = this.witness;
      this.witness = undefined;
      if (!w) throw sw(0x6985);
      if (!equalBytes(w, t80) || t81.length !== this.block) throw sw(0x6982);
      this.authenticated = true;
      return { tag: 0x82, value: await this.encrypt(t81) };
    }
    throw sw(0x6a80);
  }
}
