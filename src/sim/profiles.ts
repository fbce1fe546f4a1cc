/**
 * Switchable virtual-card profiles: each builds a virtual card that answers as one real card does,
 * so the card and flow suites (and the vpcd card server) can run against every profile.
 * - `gidsapplet`: GIDS as the reference applet GidsApplet answers (gids-card.ts): RSA only, EF.ATR
 *   "chaining, no extended length", the applet's status words, the gids-tool file system;
 * - `yubikey5`: PIV as a YubiKey 5 answers (piv-card.ts): YubiKey ATR (chaining and extended
 *   length declared), Yubico GET METADATA / VERSION / SERIAL, PIN Always on 9C.
 */
import { VirtualGidsCard, type VirtualGidsConfig } from './gids-card';
import { VirtualPivCard, type VirtualPivConfig } from './piv-card';
import type { KeySource } from './sim-keys';

type CardProfileName = 'gidsapplet' | 'yubikey5';

/** What a suite may choose per card; everything else is the profile's. */
interface ProfileOptions {
  /** GIDS: the 16-byte cardid; PIV: the CHUID GUID. Default random. */
  id?: Uint8Array;
  pin?: string;
  keySource?: KeySource;
}

interface CardProfile {
  readonly name: CardProfileName;
  readonly type: 'gids' | 'piv';
  /** The PIN the card starts with when `pin` is not given. */
  readonly defaultPin: string;
  create(opts?: ProfileOptions): VirtualGidsCard | VirtualPivCard;
}

const randomId = () => globalThis.crypto.getRandomValues(new Uint8Array(16));

export const CARD_PROFILES: Readonly<Record<CardProfileName, CardProfile>> = {
  gidsapplet: {
    name: 'gidsapplet',
    type: 'gids',
    defaultPin: '12345678',
    create: (o = {}) => {
      const c: VirtualGidsConfig = { cardId: o.id ?? randomId(), pin: o.pin ?? '12345678' };
      return new VirtualGidsCard(o.keySource ? { ...c, keySource: o.keySource } : c);
    },
  },
  yubikey5: {
    name: 'yubikey5',
    type: 'piv',
    defaultPin: '123456',
    create: (o = {}) => {
      const c: VirtualPivConfig = {
        guid: o.id ?? randomId(),
        pin: o.pin ?? '123456',
        yubicoExtensions: true,
      };
      return new VirtualPivCard(o.keySource ? { ...c, keySource: o.keySource } : c);
    },
  },
};

export const PROFILE_NAMES = Object.keys(CARD_PROFILES) as CardProfileName[];
