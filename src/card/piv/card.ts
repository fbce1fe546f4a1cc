/**
 * PIV card application (NIST SP 800-73-4 Part 2; docs/piv.md) as a {@link ManagedCard}.
 *
 * Admin authentication = external authentication with the card management key 9B (SP 800-73-4
 * Part 2 §3.2.4, Appendix A.1): 3DES with 8-byte challenges or AES with 16-byte ones. How a vendor
 * minidriver maps MIM's "admin key" onto PIV is **unverified** (docs/piv.md "Windows and the admin key"). PIV cannot
 * set the user PIN from an admin-key response — unblocking needs the PUK — so
 * `capabilities.setPinWithAdminKey` is false.
 */
import { capabilitiesFromAtr, needsExtended } from '../card-caps';
import { findTag } from '../../iso7816/tlv';
import type { CommandApdu, ResponseApdu } from '../../iso7816/apdu';
import { withTransaction } from '../../transport/transaction';
import type { CardConnection } from '../../transport/types';
import { CardError } from '../errors';
import { checkPinSw, exchange, okData } from '../exchange';
import type { OpOptions } from '../exchange';
import { selectApplication } from '../fci';
import { lookupSw, swIs } from '../sw-table';
import { PivManagementKey, PivMetadata, type PivSend } from './management-key';
import { PIV_SW } from './sw';
import type { SelectInfo } from '../fci';
import type { AdminKeyAlgorithm, CardCapabilities, ManagedCard, PinStatus } from '../managed';
import { encodePivPin, encodePivPuk } from '../pin-format';
import * as P from './apdus';
import { parseChuid, pivCardId } from './chuid';
import type { CardKeyStore } from '../keys';
import { lazyKeyStore } from '../lazy-keys';
import { pivSupports } from './key-support';
import type { Chuid } from './chuid';

export interface PivOptions {
  /** `auto` (default): Yubico GET METADATA, else try 3DES, AES-192, AES-128, AES-256 in turn. */
  managementKeyAlgorithm?: AdminKeyAlgorithm | 'auto';
  /** Use the Yubico extensions (GET METADATA, SET MANAGEMENT KEY); default true. */
  yubicoExtensions?: boolean;
  /** Set when the application is already selected on this connection (by `detectCard`). */
  selected?: SelectInfo;
}

/** GET DATA, GENERATE ASYMMETRIC KEY PAIR, GENERAL AUTHENTICATE (SP 800-73-4 Part 2 §3.1.2, §3.3.2, §3.2.4). */
const LONG_ANSWERS = new Set([0xcb, 0x47, 0x87]);

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
  private readonly io: PivSend = (c, o) => this.send(c, o);
  private readonly metadata: PivMetadata;
  private readonly mgmt: PivManagementKey;

  constructor(
    private readonly conn: CardConnection,
    options: PivOptions = {},
  ) {
    this.info = options.selected;
    const yubico = options.yubicoExtensions !== false;
    this.capabilities = {
      setPinWithAdminKey: false,
      changeAdminKey: yubico,
    };
    this.metadata = new PivMetadata(this.io, yubico);
    this.mgmt = new PivManagementKey(this.io, this.metadata, options.managementKeyAlgorithm);
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
    this.info = await selectApplication(this.conn, P.selectPiv(), PIV_SW, 'PIV', opts);
  }

  private async send(cmd: CommandApdu, opts: OpOptions): Promise<ResponseApdu> {
    if (!this.info) await this.select(opts);
    // Extended length only when the ATR declares it (card-caps.ts); PIV defines no EF.ATR to ask.
    const declared =
      capabilitiesFromAtr(this.conn.atr)?.extended === true && this.conn.extendedLength === true;
    // Why Ne 65536 there: objects, public keys and RSA-2048 signatures exceed 256 bytes; an
    // extended Le brings them in one response instead of 61xx / GET RESPONSE rounds (as
    // yubikey-manager talks to a YubiKey 4 and later, docs/flow-timing.md "Extended length").
    const c = declared && cmd.le === 256 && LONG_ANSWERS.has(cmd.ins) ? { ...cmd, le: 65536 } : cmd;
    try {
      return await exchange(this.conn, c, opts, declared && needsExtended(c));
    } finally {
      cmd.data?.fill(0); // may hold a PIN, PUK or key: built here, wiped here
    }
  }

  /** Reads and parses the CHUID (container 5FC102). Throws `card/no-card-id` when it is absent. */
  async readChuid(opts: OpOptions = {}): Promise<Chuid> {
    const r = await this.send(P.getData(P.CHUID_TAG), opts);
    if (swIs(PIV_SW, r.sw, 'not-found'))
      throw new CardError('card/no-card-id', 'The PIV card has no CHUID', { sw: r.sw });
    return parseChuid(okData(r, 'GET DATA CHUID', PIV_SW));
  }

  /** The 16-byte card id derived from the CHUID as OpenSC does (see `pivCardId`; unverified for Windows). */
  async readCardId(opts: OpOptions = {}): Promise<Uint8Array> {
    return this.transaction(() => this.readCardIdNow(opts), opts);
  }

  private async readCardIdNow(opts: OpOptions): Promise<Uint8Array> {
    return pivCardId(await this.readChuid(opts)).cardId;
  }

  /** The 9B key's algorithm: configured, from metadata, or found by a probing challenge. */
  async adminKeyAlgorithm(opts: OpOptions = {}): Promise<AdminKeyAlgorithm> {
    return this.mgmt.algorithm(opts);
  }

  /** GENERAL AUTHENTICATE `7C 02 81 00` on 9B → 8 (3DES) or 16 (AES) challenge bytes. */
  async getAdminChallenge(opts: OpOptions = {}): Promise<Uint8Array> {
    return this.transaction(() => this.mgmt.challenge(opts), opts);
  }

  /** GENERAL AUTHENTICATE `7C LL 82 LL <response>`; 6982 / 6985 / 6A80 → `card/admin-auth-failed`. */
  async authenticateAdmin(response: Uint8Array, opts: OpOptions = {}): Promise<void> {
    return this.mgmt.authenticate(response, opts);
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
    return this.mgmt.change(newKey, opts);
  }

  async verifyPin(pin: string, opts: OpOptions = {}): Promise<void> {
    checkPinSw(PIV_SW, await this.send(P.verify(P.PIN_REF, encodePivPin(pin)), opts), 'PIN', 'VERIFY');
  }

  async changePin(oldPin: string, newPin: string, opts: OpOptions = {}): Promise<void> {
    const cmd = P.changeReferenceData(P.PIN_REF, encodePivPin(oldPin), encodePivPin(newPin));
    checkPinSw(PIV_SW, await this.send(cmd, opts), 'PIN', 'CHANGE REFERENCE DATA');
  }

  /** RESET RETRY COUNTER with the PUK (§3.2.3); a wrong PUK → `card/pin-wrong` with `which: 'PUK'`. */
  async unblockPin(puk: string, newPin: string, opts: OpOptions = {}): Promise<void> {
    const cmd = P.resetRetryCounter(encodePivPuk(puk), encodePivPin(newPin));
    checkPinSw(PIV_SW, await this.send(cmd, opts), 'PUK', 'RESET RETRY COUNTER');
  }

  /** Yubico PIN metadata (tag 06: limit, left) when available, else an empty VERIFY (63Cx / 9000 / 6983). */
  async pinStatus(opts: OpOptions = {}): Promise<PinStatus> {
    return this.transaction(() => this.pinStatusNow(opts), opts);
  }

  private async pinStatusNow(opts: OpOptions): Promise<PinStatus> {
    const tries = findTag(await this.metadata.read(P.PIN_REF, opts), 0x06)?.value;
    if (tries?.length === 2) return { triesLeft: tries[1]!, limit: tries[0]! };
    const r = await this.send(P.verify(P.PIN_REF), opts);
    const { condition } = lookupSw(PIV_SW, r.sw);
    if (condition === 'ok') return { triesLeft: undefined, verified: true };
    if (condition === 'blocked') return { triesLeft: 0, verified: false };
    if (condition === 'tries-left') return { triesLeft: r.sw & 0x0f, verified: false };
    okData(r, 'VERIFY (status)', PIV_SW);
    return { triesLeft: undefined };
  }

  /**
   * VERIFY P1=FF resets the PIN (SP 800-73-4 Part 2 §3.2.1). A re-SELECT does NOT reset the security
   * status (§3.1.1), and PIV has no command that drops the 9B authentication: it ends with the card
   * session (reset or power-off). 6A86 = a card without P1=FF; nothing else can be done then.
   */
  async deauthenticate(opts: OpOptions = {}): Promise<void> {
    const r = await this.send(P.verify(P.PIN_REF, undefined, 0xff), opts);
    if (!swIs(PIV_SW, r.sw, 'ok', 'wrong-p1p2')) okData(r, 'VERIFY reset', PIV_SW);
  }
}
