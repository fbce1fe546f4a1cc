/**
 * GIDS card application (Microsoft Generic Identity Device Specification as the Windows inbox
 * minidriver drives it; TPM virtual smart cards; GidsApplet). docs/gids.md.
 *
 * Admin authentication is external (one-way) authentication with the 3DES admin key: MSE SET AT
 * selects key 80, GENERAL AUTHENTICATE `7C 02 81 00` yields an 8-byte challenge, the CM server
 * computes 3DES(K, challenge), and `7C 0A 82 08 <response>` proves it. The card drops that state on
 * deselect, on `VERIFY P2=82` and after RESET RETRY COUNTER, so every privileged operation needs a
 * fresh challenge and response.
 */
import { findTag, parseTlv } from '../../iso7816/tlv';
import type { CommandApdu } from '../../iso7816/apdu';
import { withTransaction } from '../../transport/transaction';
import type { CardConnection } from '../../transport/types';
import { CardError } from '../errors';
import { checkAdminAuthSw, checkPinSw, checkPrivilegedSw, exchange, okData } from '../exchange';
import type { OpOptions } from '../exchange';
import { selectApplication } from '../fci';
import type { SelectInfo } from '../fci';
import * as A from './apdus';
import { readCardId, readDo, readPinStatus, type GidsSend } from './data-objects';
import { GIDS_SW } from './sw';
import type { AdminKeyAlgorithm, CardCapabilities, ManagedCard, PinStatus } from '../managed';
import { encodeGidsPin } from '../pin-format';
import type { CardKeyStore } from '../keys';
import { lazyKeyStore } from '../lazy-keys';
import { gidsSupports } from './key-support';
import { isAppError } from '../../errors';
import { ExtendedLengthPolicy } from '../card-caps';

export interface GidsOptions {
  /**
   * `standard-first` (default): read EF A012 / DO DF20 and fall back to the masterfile lookup when it
   * is absent or malformed — 1 APDU on cards with the Microsoft standard layout.
   * `masterfile`: always look `cardid` up in the masterfile first, as the Windows minidriver does.
   */
  cardIdLookup?: 'standard-first' | 'masterfile';
  /** P1 of MSE SET: 81 (Windows, default) or C1 (OpenSC). GidsApplet accepts both. */
  mseP1?: 0x81 | 0xc1;
  /** Set when the application is already selected on this connection (by `detectCard`). */
  selected?: SelectInfo;
  /**
   * The card can generate ECC P-256/P-384 keys (a deployment setting for cards known to; default
   * false). GIDS cards report no readable ECC capability, and the reference applet is RSA-only.
   */
  ecc?: boolean;
}

const CAPABILITIES: CardCapabilities = {
  setPinWithAdminKey: true,
  changeAdminKey: true,
};

export class GidsCard implements ManagedCard {
  readonly type = 'gids' as const;
  readonly capabilities = CAPABILITIES;
  /** Key containers and certificates (minidriver file system); needs the PIN verified. */
  readonly keys: CardKeyStore = lazyKeyStore(
    'pin',
    (spec) => gidsSupports(spec, this.options.ecc === true),
    async () => {
      const { GidsKeys } = await import('./keys');
      const io = {
        send: (c: CommandApdu, o: OpOptions) => this.send(c, o),
        readDo: (e: number, d: number, o: OpOptions) => readDo(this.io, e, d, o),
      };
      return new GidsKeys(io, this.options.ecc === true);
    },
    (fn) => this.transaction(fn),
  );
  private info: SelectInfo | undefined;
  private readonly io: GidsSend = (c, o) => this.send(c, o);
  private readonly extended: ExtendedLengthPolicy;

  constructor(
    private readonly conn: CardConnection,
    private readonly options: GidsOptions = {},
  ) {
    this.info = options.selected;
    // Extended Lc/Le only when the card declares them (ATR, else EF.ATR via GET DATA 2F01): card-caps.ts.
    this.extended = new ExtendedLengthPolicy(conn, (o) => exchange(conn, A.getEfAtr(), o));
  }

  get atr(): Uint8Array {
    return this.conn.atr;
  }

  /** The FCI of the last SELECT (AID with version, mechanisms), undefined before selecting. */
  get selectInfo(): SelectInfo | undefined {
    return this.info;
  }

  /** The card held for `fn` (transport `transaction`, when the connection has one); see ManagedCard. */
  transaction<T>(fn: () => Promise<T>, opts: OpOptions & { maxMs?: number } = {}): Promise<T> {
    return withTransaction(this.conn, fn, opts);
  }

  /** SELECT by the GIDS AID prefix. Throws `card/not-supported` when the card has no GIDS application. */
  async select(opts: OpOptions = {}): Promise<void> {
    this.info = await selectApplication(this.conn, A.selectGids(), GIDS_SW, 'GIDS', opts);
  }

  private async ensureSelected(opts: OpOptions): Promise<void> {
    if (!this.info) await this.select(opts);
  }

  private async send(cmd: CommandApdu, opts: OpOptions) {
    await this.ensureSelected(opts);
    try {
      return await exchange(this.conn, cmd, opts, await this.extended.allows(cmd, opts));
    } finally {
      cmd.data?.fill(0); // the data may hold a PIN or key; it was ours to build, so it is ours to wipe
    }
  }

  /**
   * The 16-byte `cardid` (minidriver spec "File system requirements": root file `cardid`), found as
   * {@link GidsOptions.cardIdLookup} says. Throws `card/no-card-id` when the card has none.
   */
  async readCardId(opts: OpOptions = {}): Promise<Uint8Array> {
    return this.transaction(() => this.readCardIdNow(opts), opts);
  }

  private async readCardIdNow(opts: OpOptions): Promise<Uint8Array> {
    return readCardId(this.io, this.options.cardIdLookup, opts);
  }

  async adminKeyAlgorithm(): Promise<AdminKeyAlgorithm> {
    return '3des'; // GIDS admin key is always 3DES-EDE3 (minidriver spec "Card Admin key"); no AES path
  }

  /** MSE SET AT (key 80) + GENERAL AUTHENTICATE `7C 02 81 00` → the 8-byte challenge. */
  async getAdminChallenge(opts: OpOptions = {}): Promise<Uint8Array> {
    return this.transaction(() => this.getAdminChallengeNow(opts), opts);
  }

  private async getAdminChallengeNow(opts: OpOptions): Promise<Uint8Array> {
    okData(await this.send(A.mseSetAdminKey(this.options.mseP1), opts), 'MSE SET admin key', GIDS_SW);
    const data = okData(
      await this.send(A.gaRequestChallenge(), opts),
      'GENERAL AUTHENTICATE (challenge)',
      GIDS_SW,
    );
    let ch: Uint8Array | undefined;
    try {
      ch = findTag(parseTlv(data), 0x7c, 0x81)?.value;
    } catch (e) {
      if (isAppError(e))
        throw new CardError('card/bad-data', 'Challenge answer is not BER-TLV', {}, { cause: e });
      throw e;
    }
    if (ch?.length !== 8)
      throw new CardError('card/bad-data', 'Challenge answer lacks 7C/81 with 8 bytes', {});
    return ch.slice();
  }

  /** GENERAL AUTHENTICATE `7C 0A 82 08 <response>`. 6982 / 6985 → `card/admin-auth-failed`. */
  async authenticateAdmin(response: Uint8Array, opts: OpOptions = {}): Promise<void> {
    if (response.length !== 8) {
      throw new CardError(
        'card/invalid-response',
        `A GIDS admin response has 8 bytes, got ${response.length}`,
        {},
      );
    }
    const r = await this.send(A.gaSendResponse(response), opts);
    checkAdminAuthSw(GIDS_SW, r, 'admin-key', ['security-status']);
  }

  /** RESET RETRY COUNTER P1=02 P2=80: sets and unblocks the user PIN; the card then drops admin auth. */
  async setPin(newPin: string, opts: OpOptions = {}): Promise<void> {
    const r = await this.send(A.resetRetryCounter(encodeGidsPin(newPin)), opts);
    checkPrivilegedSw(GIDS_SW, r, 'RESET RETRY COUNTER');
  }

  /** PUT DATA of the new 24-byte 3DES admin key (the CM server's `diversifiedkey`). */
  async changeAdminKey(newKey: Uint8Array, opts: OpOptions = {}): Promise<void> {
    if (newKey.length !== 24)
      throw new CardError('card/invalid-key', `A GIDS admin key has 24 bytes, got ${newKey.length}`, {});
    checkPrivilegedSw(GIDS_SW, await this.send(A.putAdminKey(newKey), opts), 'PUT DATA admin key');
  }

  async verifyPin(pin: string, opts: OpOptions = {}): Promise<void> {
    checkPinSw(GIDS_SW, await this.send(A.verify(encodeGidsPin(pin)), opts), 'PIN', 'VERIFY');
  }

  async changePin(oldPin: string, newPin: string, opts: OpOptions = {}): Promise<void> {
    const cmd = A.changeReferenceData(encodeGidsPin(oldPin), encodeGidsPin(newPin));
    checkPinSw(GIDS_SW, await this.send(cmd, opts), 'PIN', 'CHANGE REFERENCE DATA');
  }

  /** GET DATA 3FFF / 7F71 → `97 01 <tries left> 93 01 <limit>`. */
  async pinStatus(opts: OpOptions = {}): Promise<PinStatus> {
    return this.transaction(() => this.pinStatusNow(opts), opts);
  }

  private async pinStatusNow(opts: OpOptions): Promise<PinStatus> {
    return readPinStatus(this.io, opts);
  }

  /** VERIFY P2=82: GIDS "deauthenticate all" (PIN and admin key). */
  async deauthenticate(opts: OpOptions = {}): Promise<void> {
    okData(await this.send(A.verify(undefined, 0x82), opts), 'VERIFY deauthenticate', GIDS_SW);
  }
}
