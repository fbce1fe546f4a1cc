/**
 * PIV card application (NIST SP 800-73-4 Part 2; docs/piv.md) as a {@link ManagedCard}.
 *
 * Admin authentication = external authentication with the card management key 9B (SP 800-73-4
 * Part 2 §3.2.4, Appendix A.1): 3DES with 8-byte challenges or AES with 16-byte ones. How a vendor
 * minidriver maps MIM's "admin key" onto PIV is **unverified** (docs/piv.md "Windows and the admin key"). PIV cannot
 * set the user PIN from an admin-key response — unblocking needs the PUK — so
 * `capabilities.setPinWithAdminKey` is false.
 */
import { isAppError } from '../../errors';
import { capabilitiesFromAtr, needsExtended } from '../card-caps';
import { findTag, parseTlv } from '../../iso7816/tlv';
import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu';
import { withTransaction } from '../../transport/transaction';
import type { CardConnection } from '../../transport/types';
import { CardError } from '../errors';
import { checkPinSw, checkPrivilegedSw, exchange, okData } from '../exchange';
import type { OpOptions } from '../exchange';
import { parseSelectResponse } from '../fci';
import type { SelectInfo } from '../fci';
import type { AdminKeyAlgorithm, CardCapabilities, ManagedCard, PinStatus } from '../managed';
import { encodePivPin, encodePivPuk } from '../pin-format';
import * as P from './apdus';
import { parseChuid, pivCardId } from './chuid';
import type { CardKeyStore } from '../keys';
import { lazyKeyStore, pivSupports } from '../lazy-keys';
import type { Chuid } from './chuid';

export interface PivOptions {
  /** `auto` (default): Yubico GET METADATA, else try 3DES, AES-192, AES-128, AES-256 in turn. */
  managementKeyAlgorithm?: AdminKeyAlgorithm | 'auto';
  /** Use the Yubico extensions (GET METADATA, SET MANAGEMENT KEY); default true. */
  yubicoExtensions?: boolean;
  /** Set when the application is already selected on this connection (by `detectCard`). */
  selected?: SelectInfo;
}

/** Why this order: 3DES is the PIV default and YubiKey's before 5.7; AES-192 is YubiKey's from 5.7 on. */
const PROBE_ORDER: AdminKeyAlgorithm[] = ['3des', 'aes192', 'aes128', 'aes256'];

function tlvOf(data: Uint8Array, what: string) {
  try {
    return parseTlv(data);
  } catch (e) {
    if (isAppError(e)) throw new CardError('card/bad-data', `${what} is not BER-TLV`, {}, { cause: e });
    throw e;
  }
}

export class PivCard implements ManagedCard {
  readonly type = 'piv' as const;
  readonly capabilities: CardCapabilities;
  /** Keys 9A/9C/9D and their certificates; GENERATE and PUT DATA need the 9B key, signing the PIN. */
  readonly keys: CardKeyStore = lazyKeyStore(
    'admin-key',
    pivSupports,
    async () => {
      const { PivKeys } = await import('./keys');
      return new PivKeys({ send: (c, o) => this.send(c, o) });
    },
    (fn) => this.transaction(fn),
  );
  private info: SelectInfo | undefined;
  private alg: AdminKeyAlgorithm | undefined;
  private challengeAlg: AdminKeyAlgorithm | undefined;
  private noMetadata = false;

  constructor(
    private readonly conn: CardConnection,
    private readonly options: PivOptions = {},
  ) {
    this.info = options.selected;
    const yubico = options.yubicoExtensions !== false;
    this.capabilities = {
      setPinWithAdminKey: false,
      changeAdminKey: yubico,
      unblockWithPuk: true,
      pinTryLimit: yubico,
    };
    if (options.managementKeyAlgorithm && options.managementKeyAlgorithm !== 'auto')
      this.alg = options.managementKeyAlgorithm;
  }

  get atr(): Uint8Array {
    return this.conn.atr;
  }

  get selectInfo(): SelectInfo | undefined {
    return this.info;
  }

  /** The card held for `fn` (transport `transaction`, when the connection has one); see ManagedCard. */
  transaction<T>(fn: () => Promise<T>, opts: OpOptions & { maxMs?: number } = {}): Promise<T> {
    return withTransaction(this.conn, fn, opts);
  }

  /** SELECT the PIV AID. Throws `card/not-supported` when the card has no PIV application. */
  async select(opts: OpOptions = {}): Promise<void> {
    const r = await exchange(this.conn, P.selectPiv(), opts);
    if (r.sw === 0x6a82 || r.sw === 0x6a86 || r.sw === 0x6d00 || r.sw === 0x6e00) {
      throw new CardError('card/not-supported', 'The card has no PIV application', { sw: r.sw });
    }
    this.info = parseSelectResponse(okData(r, 'SELECT PIV'));
  }

  private async send(cmd: CommandApdu, opts: OpOptions): Promise<ResponseApdu> {
    if (!this.info) await this.select(opts);
    // Extended length only when the ATR declares it (card-caps.ts); PIV defines no EF.ATR to ask.
    const ext = needsExtended(cmd) && capabilitiesFromAtr(this.conn.atr)?.extended === true;
    try {
      return await exchange(this.conn, cmd, opts, ext);
    } finally {
      cmd.data?.fill(0); // may hold a PIN, PUK or key: built here, wiped here
    }
  }

  /** Reads and parses the CHUID (container 5FC102). Throws `card/no-card-id` when it is absent. */
  async readChuid(opts: OpOptions = {}): Promise<Chuid> {
    const r = await this.send(P.getData(P.CHUID_TAG), opts);
    if (r.sw === 0x6a82 || r.sw === 0x6a88)
      throw new CardError('card/no-card-id', 'The PIV card has no CHUID', { sw: r.sw });
    return parseChuid(okData(r, 'GET DATA CHUID'));
  }

  /** The 16-byte card id derived from the CHUID as OpenSC does (see `pivCardId`; unverified for Windows). */
  async readCardId(opts: OpOptions = {}): Promise<Uint8Array> {
    return this.transaction(() => this.readCardIdNow(opts), opts);
  }

  private async readCardIdNow(opts: OpOptions): Promise<Uint8Array> {
    return pivCardId(await this.readChuid(opts)).cardId;
  }

  /** Yubico GET METADATA; undefined when the card does not support it (remembered: one probe only). */
  private async metadata(ref: number, opts: OpOptions) {
    if (this.options.yubicoExtensions === false || this.noMetadata) return undefined;
    const r = await this.send(P.getMetadata(ref), opts);
    if (r.sw === 0x6d00 || r.sw === 0x6e00) this.noMetadata = true;
    return r.sw === 0x9000 ? tlvOf(r.data, 'GET METADATA answer') : undefined;
  }

  private async algorithmFromMetadata(opts: OpOptions): Promise<AdminKeyAlgorithm | undefined> {
    const id = findTag(await this.metadata(P.MGMT_KEY_REF, opts), 0x01)?.value[0];
    return id === undefined ? undefined : P.algorithmFromId(id);
  }

  /** The 9B key's algorithm: configured, from metadata, or found by a probing challenge. */
  async adminKeyAlgorithm(opts: OpOptions = {}): Promise<AdminKeyAlgorithm> {
    this.alg ??= await this.algorithmFromMetadata(opts);
    if (!this.alg) await this.getAdminChallenge(opts);
    return this.alg!;
  }

  private async requestChallenge(alg: AdminKeyAlgorithm, opts: OpOptions): Promise<ResponseApdu> {
    return this.send(P.gaRequestChallenge(alg), opts);
  }

  /** GENERAL AUTHENTICATE `7C 02 81 00` on 9B → 8 (3DES) or 16 (AES) challenge bytes. */
  async getAdminChallenge(opts: OpOptions = {}): Promise<Uint8Array> {
    return this.transaction(() => this.getAdminChallengeNow(opts), opts);
  }

  private async getAdminChallengeNow(opts: OpOptions): Promise<Uint8Array> {
    this.alg ??= await this.algorithmFromMetadata(opts);
    const candidates = this.alg ? [this.alg] : PROBE_ORDER;
    for (const alg of candidates) {
      const r = await this.requestChallenge(alg, opts);
      // Why go on: a card whose 9B key has another algorithm answers 6A80 or 6A86 (YubiKey, PivApplet).
      if ((r.sw === 0x6a80 || r.sw === 0x6a86) && !this.alg) continue;
      const ch = findTag(
        tlvOf(okData(r, 'GENERAL AUTHENTICATE (challenge)'), 'Challenge answer'),
        0x7c,
        0x81,
      )?.value;
      if (ch?.length !== P.MGMT_ALGORITHMS[alg].block) {
        throw new CardError(
          'card/bad-data',
          `Challenge answer lacks 7C/81 with ${P.MGMT_ALGORITHMS[alg].block} bytes`,
          {},
        );
      }
      this.alg = alg;
      this.challengeAlg = alg;
      return ch.slice();
    }
    throw new CardError('card/not-supported', 'The management key 9B accepts none of 3DES / AES', {});
  }

  /** GENERAL AUTHENTICATE `7C LL 82 LL <response>`; 6982 / 6985 / 6A80 → `card/admin-auth-failed`. */
  async authenticateAdmin(response: Uint8Array, opts: OpOptions = {}): Promise<void> {
    const alg = this.challengeAlg ?? this.alg ?? '3des';
    if (response.length !== P.MGMT_ALGORITHMS[alg].block) {
      throw new CardError(
        'card/invalid-response',
        `A ${alg} response has ${P.MGMT_ALGORITHMS[alg].block} bytes`,
        {},
      );
    }
    const r = await this.send(P.gaSendResponse(alg, response), opts);
    this.challengeAlg = undefined;
    if (r.sw === 0x6982 || r.sw === 0x6985 || r.sw === 0x6a80) {
      const reason = r.sw === 0x6985 ? 'no-challenge' : 'wrong-response';
      throw new CardError(
        'card/admin-auth-failed',
        `The card refused the management-key response (${reason})`,
        { sw: r.sw, reason },
      );
    }
    okData(r, 'GENERAL AUTHENTICATE (response)');
  }

  /** Not possible on PIV: a new PIN needs the PUK (`unblockPin`). Throws `card/not-supported`. */
  async setPin(_newPin?: string, _opts?: OpOptions): Promise<void> {
    throw new CardError(
      'card/not-supported',
      'PIV cannot set the PIN with an admin-key response; use the PUK',
      {
        operation: 'setPin',
      },
    );
  }

  /** Yubico SET MANAGEMENT KEY (after admin auth), keeping the key's algorithm. */
  async changeAdminKey(newKey: Uint8Array, opts: OpOptions = {}): Promise<void> {
    if (!this.capabilities.changeAdminKey)
      throw new CardError('card/not-supported', 'No management-key change without Yubico extensions', {});
    const alg = await this.adminKeyAlgorithm(opts);
    if (newKey.length !== P.MGMT_ALGORITHMS[alg].keyLength) {
      throw new CardError(
        'card/invalid-key',
        `A ${alg} key has ${P.MGMT_ALGORITHMS[alg].keyLength} bytes`,
        {},
      );
    }
    checkPrivilegedSw(await this.send(P.setManagementKey(alg, newKey), opts), 'SET MANAGEMENT KEY');
  }

  async verifyPin(pin: string, opts: OpOptions = {}): Promise<void> {
    checkPinSw(await this.send(P.verify(P.PIN_REF, encodePivPin(pin)), opts), 'PIN', 'VERIFY');
  }

  async changePin(oldPin: string, newPin: string, opts: OpOptions = {}): Promise<void> {
    const cmd = P.changeReferenceData(P.PIN_REF, encodePivPin(oldPin), encodePivPin(newPin));
    checkPinSw(await this.send(cmd, opts), 'PIN', 'CHANGE REFERENCE DATA');
  }

  /** RESET RETRY COUNTER with the PUK (§3.2.3); a wrong PUK → `card/pin-wrong` with `which: 'PUK'`. */
  async unblockPin(puk: string, newPin: string, opts: OpOptions = {}): Promise<void> {
    const cmd = P.resetRetryCounter(encodePivPuk(puk), encodePivPin(newPin));
    checkPinSw(await this.send(cmd, opts), 'PUK', 'RESET RETRY COUNTER');
  }

  /** Yubico PIN metadata (tag 06: limit, left) when available, else an empty VERIFY (63Cx / 9000 / 6983). */
  async pinStatus(opts: OpOptions = {}): Promise<PinStatus> {
    return this.transaction(() => this.pinStatusNow(opts), opts);
  }

  private async pinStatusNow(opts: OpOptions): Promise<PinStatus> {
    const tries = findTag(await this.metadata(P.PIN_REF, opts), 0x06)?.value;
    if (tries?.length === 2) return { triesLeft: tries[1]!, limit: tries[0]! };
    const r = await this.send(P.verify(P.PIN_REF), opts);
    if (r.sw === 0x9000) return { triesLeft: undefined, verified: true };
    if (r.sw === 0x6983) return { triesLeft: 0, verified: false };
    if ((r.sw & 0xfff0) === 0x63c0) return { triesLeft: r.sw & 0x0f, verified: false };
    okData(r, 'VERIFY (status)');
    return { triesLeft: undefined };
  }

  /**
   * VERIFY P1=FF resets the PIN (SP 800-73-4 Part 2 §3.2.1). A re-SELECT does NOT reset the security
   * status (§3.1.1), and PIV has no command that drops the 9B authentication: it ends with the card
   * session (reset or power-off). 6A86 = a card without P1=FF; nothing else can be done then.
   */
  async deauthenticate(opts: OpOptions = {}): Promise<void> {
    const r = await this.send(P.verify(P.PIN_REF, undefined, 0xff), opts);
    if (r.sw !== 0x9000 && r.sw !== 0x6a86) okData(r, 'VERIFY reset');
  }
}
