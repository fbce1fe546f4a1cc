/**
 * The card types this app knows, in detection order — OpenSC's internal driver list (`ctx.c`),
 * where each card driver's match function is tried in turn. Order: PIV before GIDS, as the Windows
 * class minidriver probes ("Smart card minidriver discovery process"; docs/gids.md "Selecting the
 * application"); an ATR hint moves one type to the front (`detect.ts`).
 *
 * Adding a card type: a folder `src/card/<type>/` with its APDUs, card class, status-word table and
 * a `driver.ts` exporting a {@link CardDriver}, then one line in {@link CARD_DRIVERS}
 * (CONTRIBUTING.md "How to add a card type").
 */
import type { CardProfile } from './driver';
import { GIDS_DRIVER } from './gids/driver';
import { PIV_DRIVER } from './piv/driver';

export const CARD_DRIVERS = [PIV_DRIVER, GIDS_DRIVER] as const;

/** One registry entry, as its own literal type. */
export type Driver = (typeof CARD_DRIVERS)[number];

/** The card types of {@link CARD_DRIVERS}: `'gids' | 'piv'`. */
export type CardType = Driver['type'];

/** Per-type options for detection, keyed by type (`{ gids?: GidsOptions, piv?: PivOptions }`). */
export type DriverOptions = {
  [D in Driver as D['type']]?: D extends { open(c: never, o?: infer O): unknown } ? O : never;
};

/** The registry entry of `type`. */
function cardDriver(type: CardType): Driver {
  return CARD_DRIVERS.find((d) => d.type === type)!;
}

/** What flows and views may know about a card type (see {@link CardProfile}). */
export function cardProfile(type: CardType): CardProfile {
  const { label, keepsPinOnEnroll, pinLimits } = cardDriver(type);
  return { label, keepsPinOnEnroll, pinLimits };
}
