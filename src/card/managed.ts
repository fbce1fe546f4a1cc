/**
 * What a flow needs from any card, whatever its application (docs/architecture.md "Layers"; MIM CM
 * sample enrollment walkthrough steps 3–5): the card id, a fresh admin-key challenge, applying the
 * server's response, and the PIN / admin-key operations that response unlocks.
 *
 * Flows ask {@link CardCapabilities} what a card can do — never `instanceof` or `type`: e.g. a PIV
 * card cannot set the user PIN from an admin-key response (PIV needs the PUK), so
 * `capabilities.setPinWithAdminKey` is false and `setPin` throws `card/not-supported`.
 */
import type { OpOptions } from './exchange';
import type { CardKeyStore } from './keys';
import type { CardType } from './registry';

export type { CardType };

/** Admin-key algorithm as the CM server must compute the response. */
export type AdminKeyAlgorithm = '3des' | 'aes128' | 'aes192' | 'aes256';

export interface CardCapabilities {
  /** `setPin(newPin)` works after `authenticateAdmin` (GIDS RESET RETRY COUNTER P1=02). */
  setPinWithAdminKey: boolean;
  /** `changeAdminKey(newKey)` works after `authenticateAdmin`. */
  changeAdminKey: boolean;
}

export interface PinStatus {
  /**
   * Tries left before the PIN blocks; 0 = blocked. Undefined only when a PIV card without Yubico
   * metadata says "already verified" (9000 to an empty VERIFY), which carries no counter.
   */
  triesLeft: number | undefined;
  /** Retry limit when the card tells it. */
  limit?: number;
  /** True when the PIN is verified in the current session (only when the card says so). */
  verified?: boolean;
}

export interface ManagedCard {
  readonly type: CardType;
  /** The ATR as received (send `formatAtr(atr)` to the CM server, never a corrected copy). */
  readonly atr: Uint8Array;
  readonly capabilities: CardCapabilities;
  /** On-card key pairs and certificates (enrollment's certificate stage). */
  readonly keys: CardKeyStore;
  /** Selects the application (every other method does it on first use). */
  select(opts?: OpOptions): Promise<void>;
  /** The 16-byte minidriver `cardid`; format it with `cardIdToGuid`. */
  readCardId(opts?: OpOptions): Promise<Uint8Array>;
  /** Asks the card for a fresh admin-key challenge (8 bytes for 3DES, 16 for AES). */
  getAdminChallenge(opts?: OpOptions): Promise<Uint8Array>;
  /** The algorithm the challenge from {@link getAdminChallenge} must be answered with. */
  adminKeyAlgorithm(opts?: OpOptions): Promise<AdminKeyAlgorithm>;
  /** Sends the server's response to the last challenge. Throws `card/admin-auth-failed` when refused. */
  authenticateAdmin(response: Uint8Array, opts?: OpOptions): Promise<void>;
  /** Sets (and unblocks) the user PIN; needs admin authentication just before. */
  setPin(newPin: string, opts?: OpOptions): Promise<void>;
  /** Writes a new admin key; needs admin authentication with the current key just before. */
  changeAdminKey(newKey: Uint8Array, opts?: OpOptions): Promise<void>;
  verifyPin(pin: string, opts?: OpOptions): Promise<void>;
  changePin(oldPin: string, newPin: string, opts?: OpOptions): Promise<void>;
  pinStatus(opts?: OpOptions): Promise<PinStatus>;
  /** Drops PIN and admin authentication on the card. */
  deauthenticate(opts?: OpOptions): Promise<void>;
  /**
   * Runs `fn` with the card held (PC/SC transaction / CCID slot lock, `CardConnection.transaction`):
   * a challenge → CM → response → privileged command sequence must run inside one, so no other
   * application selects or resets the card while the server computes the response. Bounded.
   */
  transaction<T>(fn: () => Promise<T>, opts?: OpOptions & { maxMs?: number }): Promise<T>;
}
