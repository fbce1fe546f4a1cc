/**
 * What one card type contributes to the card layer — a driver in OpenSC's sense (each `card-*.c`
 * with its match function, listed in `ctx.c`'s internal driver table): how to recognise it, how to
 * open it, its status-word table and the facts about it that flows and views decide by. The list
 * of drivers, in detection order, is `registry.ts`; a new card type is one folder under
 * `src/card/` whose `driver.ts` exports one of these, plus one line there.
 */
import type { CardConnection } from '../transport/types';
import type { SelectInfo } from './fci';
import type { ManagedCard } from './managed';
import type { CardSwTable } from './sw-table';

/** The PIN the card application accepts (its PIN encoding in `pin-format.ts` enforces the same). */
export interface CardPinLimits {
  minLength: number;
  maxLength: number;
  /** `numeric`: digits only (PIV); `any`: printable ASCII (GIDS). */
  charset: 'numeric' | 'any';
}

/** Facts about a card type that flows and views read instead of asking for the type. */
export interface CardProfile {
  /** Short technical name for logs and diagnostics (the UI localises its own). */
  readonly label: string;
  /**
   * The PIN is set by the card owner, not by the admin key: enrollment asks for the card's current
   * PIN instead of setting a new one. The same fact as `capabilities.setPinWithAdminKey === false`
   * (a test checks that every driver agrees).
   */
  readonly keepsPinOnEnroll: boolean;
  readonly pinLimits: CardPinLimits;
}

/** A card object as detection returns it: selectable, with the FCI of its last SELECT. */
export interface DetectableCard extends ManagedCard {
  readonly selectInfo: SelectInfo | undefined;
}

export interface CardDriver<
  T extends string = string,
  O = never,
  C extends DetectableCard = DetectableCard,
> extends CardProfile {
  readonly type: T;
  /**
   * Bytes that, found in the ATR's historical bytes (ISO 7816-4 §8.1.1.2.3, tag F "application
   * identifier"), make detection probe this type first. Only a hint: the SELECT decides.
   */
  readonly atrMarker: Uint8Array;
  /** The card's status-word table; status words it does not list fall back to ISO 7816-4. */
  readonly sw: CardSwTable;
  /** A card object on `conn`, not yet selected (detection selects it). */
  open(conn: CardConnection, options?: O): C;
}
