/**
 * Which card application is on a card, probed the way the Windows class minidriver does
 * ("Smart card minidriver discovery process"; docs/gids.md "Selecting the application"): SELECT
 * each registered application in registry order (PIV, then GIDS). ATR hints only reorder the
 * probes: an ATR whose historical bytes carry a type's marker (TPM virtual smart cards: the GIDS
 * AID `80 FB A0 00 00 03 97 42 54 46 59 03 01`) is probed as that type first, saving one APDU. The
 * answer is never taken from the ATR alone (PIV ATRs say little, docs/piv.md "ATRs").
 */
import { parseAtr } from '../iso7816/atr';
import type { CardConnection } from '../transport/types';
import { isAppError } from '../errors';
import type { SelectInfo } from './fci';
import type { OpOptions } from './exchange';
import { CARD_DRIVERS, type CardType, type Driver, type DriverOptions } from './registry';

export type AtrHint = CardType | 'none';

/** One member per registered type, so `d.type === 'gids'` narrows `d.card` to that card's class. */
export type DetectedCard =
  | {
      [D in Driver as D['type']]: {
        type: D['type'];
        card: ReturnType<D['open']>;
        select: SelectInfo;
        atrHint: AtrHint;
        probes: number;
      };
    }[CardType]
  | { type: 'unknown'; atrHint: AtrHint; probes: number };

export interface DetectOptions extends OpOptions, DriverOptions {}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The application an ATR's historical bytes name (ISO 7816-4 §8.1.1.2.3 tag F "application identifier"). */
export function atrHint(atr: Uint8Array): AtrHint {
  let historical: Uint8Array;
  try {
    historical = parseAtr(atr).historical;
  } catch (e) {
    if (isAppError(e)) return 'none'; // an unreadable ATR gives no hint; probing still decides
    throw e;
  }
  return CARD_DRIVERS.find((d) => contains(historical, d.atrMarker))?.type ?? 'none';
}

/**
 * Finds the card application by SELECT (see module note) and returns a card object with it already
 * selected. `unknown` when none answers; `card/removed` and transport errors propagate.
 */
export async function detectCard(conn: CardConnection, opts: DetectOptions = {}): Promise<DetectedCard> {
  const hint = atrHint(conn.atr);
  const order = [...CARD_DRIVERS].sort((a, b) => Number(b.type === hint) - Number(a.type === hint));
  let probes = 0;
  for (const driver of order) {
    const card = driver.open(conn, opts[driver.type] as never);
    probes++;
    try {
      await card.select(opts);
    } catch (e) {
      // Why also bad-data and sw/*: a card that answers the other AID oddly is simply not that application.
      if (isAppError(e, 'card/not-supported') || isAppError(e, 'card/bad-data') || isAppError(e, 'sw/'))
        continue;
      throw e;
    }
    const found = { type: driver.type, card, select: card.selectInfo!, atrHint: hint, probes };
    return found as DetectedCard; // the card is the one `driver` opened, so type and card agree
  }
  return { type: 'unknown', atrHint: hint, probes };
}
