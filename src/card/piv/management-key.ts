/**
 * The PIV card management key 9B (NIST SP 800-73-4 Part 2 §3.2.4 GENERAL AUTHENTICATE, Appendix
 * A.1 external authentication): which algorithm it has, its challenge, the CM server's response to
 * it, and (Yubico extension) writing a new key. Yubico GET METADATA answers the algorithm when the
 * card has it; otherwise a challenge is asked for with each algorithm in turn.
 */
import { isAppError } from '../../errors';
import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu';
import { findTag, parseTlv, type Tlv } from '../../iso7816/tlv';
import { CardError } from '../errors';
import { checkAdminAuthSw, checkPrivilegedSw, okData, type OpOptions } from '../exchange';
import type { AdminKeyAlgorithm } from '../managed';
import { swIs } from '../sw-table';
import * as P from './apdus';
import { PIV_SW } from './sw';

/** Sends one command to the selected PIV application. */
export type PivSend = (cmd: CommandApdu, opts: OpOptions) => Promise<ResponseApdu>;

/** Why this order: 3DES is the PIV default and YubiKey's before 5.7; AES-192 is YubiKey's from 5.7 on. */
const PROBE_ORDER: AdminKeyAlgorithm[] = ['3des', 'aes192', 'aes128', 'aes256'];

/** `data` as BER-TLV; `card/bad-data` naming `what` when it is not. */
function tlvOf(data: Uint8Array, what: string): Tlv[] {
  try {
    return parseTlv(data);
  } catch (e) {
    if (isAppError(e)) throw new CardError('card/bad-data', `${what} is not BER-TLV`, {}, { cause: e });
    throw e;
  }
}

/** Yubico GET METADATA (P1=00, P2=key reference); off without the Yubico extensions. */
export class PivMetadata {
  private absent = false;

  constructor(
    private readonly send: PivSend,
    private readonly enabled: boolean,
  ) {}

  /** The metadata TLVs; undefined when the card does not support it (remembered: one probe only). */
  async read(ref: number, opts: OpOptions): Promise<Tlv[] | undefined> {
    if (!this.enabled || this.absent) return undefined;
    const r = await this.send(P.getMetadata(ref), opts);
    if (swIs(PIV_SW, r.sw, 'not-supported')) this.absent = true;
    return swIs(PIV_SW, r.sw, 'ok') ? tlvOf(r.data, 'GET METADATA answer') : undefined;
  }
}

export class PivManagementKey {
  private alg: AdminKeyAlgorithm | undefined;
  private challengeAlg: AdminKeyAlgorithm | undefined;

  constructor(
    private readonly send: PivSend,
    private readonly metadata: PivMetadata,
    configured: AdminKeyAlgorithm | 'auto' | undefined,
  ) {
    if (configured && configured !== 'auto') this.alg = configured;
  }

  private async fromMetadata(opts: OpOptions): Promise<AdminKeyAlgorithm | undefined> {
    const id = findTag(await this.metadata.read(P.MGMT_KEY_REF, opts), 0x01)?.value[0];
    return id === undefined ? undefined : P.algorithmFromId(id);
  }

  /** The 9B key's algorithm: configured, from metadata, or found by a probing challenge. */
  async algorithm(opts: OpOptions): Promise<AdminKeyAlgorithm> {
    this.alg ??= await this.fromMetadata(opts);
    if (!this.alg) await this.challenge(opts);
    return this.alg!;
  }

  /** GENERAL AUTHENTICATE `7C 02 81 00` on 9B → 8 (3DES) or 16 (AES) challenge bytes. */
  async challenge(opts: OpOptions): Promise<Uint8Array> {
    this.alg ??= await this.fromMetadata(opts);
    for (const alg of this.alg ? [this.alg] : PROBE_ORDER) {
      const r = await this.send(P.gaRequestChallenge(alg), opts);
      // Why go on: a card whose 9B key has another algorithm answers 6A80 or 6A86 (YubiKey, PivApplet).
      if (swIs(PIV_SW, r.sw, 'wrong-data', 'wrong-p1p2') && !this.alg) continue;
      const answer = okData(r, 'GENERAL AUTHENTICATE (challenge)', PIV_SW);
      const ch = findTag(tlvOf(answer, 'Challenge answer'), 0x7c, 0x81)?.value;
      const { block } = P.MGMT_ALGORITHMS[alg];
      if (ch?.length !== block)
        throw new CardError('card/bad-data', `Challenge answer lacks 7C/81 with ${block} bytes`, {});
      this.alg = alg;
      this.challengeAlg = alg;
      return ch.slice();
    }
    throw new CardError('card/not-supported', 'The management key 9B accepts none of 3DES / AES', {});
  }

  /** GENERAL AUTHENTICATE `7C LL 82 LL <response>`; 6982 / 6985 / 6A80 → `card/admin-auth-failed`. */
  async authenticate(response: Uint8Array, opts: OpOptions): Promise<void> {
    const alg = this.challengeAlg ?? this.alg ?? '3des';
    const { block } = P.MGMT_ALGORITHMS[alg];
    if (response.length !== block)
      throw new CardError('card/invalid-response', `A ${alg} response has ${block} bytes`, {});
    const r = await this.send(P.gaSendResponse(alg, response), opts);
    this.challengeAlg = undefined;
    checkAdminAuthSw(PIV_SW, r, 'management-key', ['security-status', 'wrong-data']);
  }

  /** Yubico SET MANAGEMENT KEY (after admin auth), keeping the key's algorithm. */
  async change(newKey: Uint8Array, opts: OpOptions): Promise<void> {
    const alg = await this.algorithm(opts);
    const { keyLength } = P.MGMT_ALGORITHMS[alg];
    if (newKey.length !== keyLength)
      throw new CardError('card/invalid-key', `A ${alg} key has ${keyLength} bytes`, {});
    checkPrivilegedSw(PIV_SW, await this.send(P.setManagementKey(alg, newKey), opts), 'SET MANAGEMENT KEY');
  }
}
