/**
 * PIN and admin-key state of the virtual GIDS card, following GidsApplet `GidsPINManager` (the
 * reference applet docs/gids.md was verified against) in its operational state:
 * - VERIFY: 63Cx on a wrong PIN (counter decremented), 6983 when blocked, 63Cx without decrement
 *   for an empty VERIFY or an impossible length; P2=82 deauthenticates PIN and admin key.
 * - External authentication: `7C 02 81 00` → fresh random 8-byte challenge; `7C 0A 82 08 <r>` is
 *   checked as 3DES(K, challenge) == r; wrong → 6982 and the challenge is gone; no challenge → 6985;
 *   a challenge requested without MSE SET of key 80 is issued, but its response fails with 6F00.
 *   Mutual authentication (`81 10 <R1>`, then 40 bytes under 3DES-CBC) as GidsApplet does it.
 * - RESET RETRY COUNTER P1=02 needs admin authentication, sets the PIN and then deauthenticates.
 * Everything here is volatile except the PIN, its counter and the admin key.
 */
import { concatBytes, equalBytes } from '@noble/ciphers/utils.js';
import { randomBytes } from './crypto-aes';
import { tdesCbcDecrypt, tdesCbcEncrypt, tdesEcbEncrypt } from './des';
import { sw } from './gids-piv-base';

export const PIN_MIN = 4;
export const PIN_MAX = 16;

type AdminState = 'none' | 'external-challenge' | 'mutual-challenge' | 'authenticated';

export class GidsSecurity {
  pinValidated = false;
  admin: AdminState = 'none';
  keySelected = false;
  private cardChallenge: Uint8Array = new Uint8Array(0);
  private hostChallenge: Uint8Array = new Uint8Array(0);

  constructor(
    public pin: Uint8Array,
    public triesLeft: number,
    public readonly tryLimit: number,
    public adminKey: Uint8Array,
    private readonly random: (n: number) => Uint8Array = randomBytes,
  ) {}

  /** GidsApplet `DeauthenticateAllPin`: deselect, VERIFY P2=82, after RESET RETRY COUNTER. */
  deauthenticateAll(): void {
    this.pinValidated = false;
    this.admin = 'none';
    this.keySelected = false;
    this.clearChallenge();
  }

  private clearChallenge(): void {
    this.cardChallenge.fill(0);
    this.hostChallenge.fill(0);
    this.cardChallenge = new Uint8Array(0);
    this.hostChallenge = new Uint8Array(0);
  }

  get adminAuthenticated(): boolean {
    return this.admin === 'authenticated';
  }

  /** Compares a candidate PIN, counting a failure; throws 63Cx / 6983 like GidsPIN.check. */
  checkPin(candidate: Uint8Array): void {
    if (this.triesLeft === 0) throw sw(0x6983);
    if (equalBytes(candidate, this.pin)) {
      this.triesLeft = this.tryLimit;
      this.pinValidated = true;
      return;
    }
    this.triesLeft--;
    this.pinValidated = false;
    throw sw(0x63c0 | this.triesLeft);
  }

  setPin(newPin: Uint8Array): void {
    if (newPin.length < PIN_MIN || newPin.length > PIN_MAX) throw sw(0x6700);
    this.pin = newPin.slice();
  }

  /** GENERAL AUTHENTICATE tag 81: empty = external challenge, 16 bytes = mutual (R1). */
  issueChallenge(r1: Uint8Array): Uint8Array {
    this.clearChallenge();
    // GidsApplet issues a challenge even without MSE SET; only the response then fails (6F00).
    if (r1.length === 16) {
      this.hostChallenge = r1.slice();
      this.cardChallenge = this.random(16);
      this.admin = 'mutual-challenge';
    } else if (r1.length === 0) {
      this.cardChallenge = this.random(8);
      this.admin = 'external-challenge';
    } else {
      throw sw(0x6984);
    }
    return this.cardChallenge.slice();
  }

  /** GENERAL AUTHENTICATE tag 82. Returns response data (mutual) or an empty array (external). */
  checkResponse(resp: Uint8Array): Uint8Array {
    if (resp.length > 40) throw sw(0x6984);
    if (this.admin !== 'none' && !this.keySelected) {
      // The applet reads the key of the MSE-selected reference: none selected → its null-pointer fault.
      this.clearChallenge();
      this.admin = 'none';
      throw sw(0x6f00);
    }
    if (this.admin === 'external-challenge') {
      const ok = resp.length === 8 && equalBytes(tdesEcbEncrypt(this.adminKey, this.cardChallenge), resp);
      this.clearChallenge();
      this.admin = ok ? 'authenticated' : 'none';
      if (!ok) throw sw(0x6982);
      return new Uint8Array(0);
    }
    if (this.admin === 'mutual-challenge') {
      const plain = resp.length === 40 ? tdesCbcDecrypt(this.adminKey, resp) : new Uint8Array(40);
      const ok =
        resp.length === 40 &&
        equalBytes(plain.subarray(0, 16), this.cardChallenge) &&
        equalBytes(plain.subarray(16, 32), this.hostChallenge) &&
        plain[39] === 0x80;
      if (!ok) {
        this.clearChallenge();
        this.admin = 'none';
        throw sw(0x6982);
      }
      const z2 = this.random(7);
      const out = tdesCbcEncrypt(
        this.adminKey,
        concatBytes(this.hostChallenge, this.cardChallenge, z2, Uint8Array.of(0x80)),
      );
      this.clearChallenge();
      this.admin = 'authenticated';
      return concatBytes(Uint8Array.of(0x7c, 0x2a, 0x82, 0x28), out);
    }
    throw sw(0x6985);
  }
}
