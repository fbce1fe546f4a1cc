/**
 * Which card application is on a card, probed the way the Windows class minidriver does
 * ("Smart card minidriver discovery process"; docs/gids.md "Selecting the application"): SELECT the PIV AID first,
 * then the GIDS AID. ATR hints only reorder the probes: an ATR whose historical bytes carry the GIDS
 * AID (TPM virtual smart cards: `80 FB A0 00 00 03 97 42 54 46 59 03 01`) is probed as GIDS first,
 * saving one APDU. The answer is never taken from the ATR alone (PIV ATRs say little, docs/piv.md "ATRs").
 */
import { parseAtr } from '../iso7816/atr';
import type { CardConnection } from '../transport/types';
import { isAppError } from '../errors';
import type { SelectInfo } from './fci';
import { GIDS_AID_PREFIX } from './gids/apdus';
import { GidsCard } from './gids/card';
import type { GidsOptions } from './gids/card';
import type { OpOptions } from './exchange';
import { PIV_AID_PREFIX } from './piv/apdus';
import { PivCard } from './piv/card';
import type { PivOptions } from './piv/card';

export type AtrHint = 'gids' | 'piv' | 'none';

export type DetectedCard =
  | { type: 'gids'; card: GidsCard; select: SelectInfo; atrHint: AtrHint; probes: number }
  | { type: 'piv'; card: PivCard; select: SelectInfo; atrHint: AtrHint; probes: number }
  | { type: 'unknown'; atrHint: AtrHint; probes: number };

export interface DetectOptions extends OpOptions {
  gids?: Omit<GidsOptions, 'selected'>;
  piv?: Omit<PivOptions, 'selected'>;
}

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
  if (contains(historical, GIDS_AID_PREFIX)) return 'gids';
  if (contains(historical, PIV_AID_PREFIX.subarray(0, 8))) return 'piv';
  return 'none';
}

/**
 * Finds the card application by SELECT (see module note) and returns a card object with it already
 * selected. `unknown` when neither answers; `card/removed` and transport errors propagate.
 */
export async function detectCard(conn: CardConnection, opts: DetectOptions = {}): Promise<DetectedCard> {
  const hint = atrHint(conn.atr);
  const order: Array<'piv' | 'gids'> = hint === 'gids' ? ['gids', 'piv'] : ['piv', 'gids'];
  let probes = 0;
  for (const type of order) {
    const card = type === 'gids' ? new GidsCard(conn, opts.gids) : new PivCard(conn, opts.piv);
    probes++;
    try {
      await card.select(opts);
    } catch (e) {
      // Why also bad-data and sw/*: a card that answers the other AID oddly is simply not that application.
      if (isAppError(e, 'card/not-supported') || isAppError(e, 'card/bad-data') || isAppError(e, 'sw/'))
        continue;
      throw e;
    }
    const select = card.selectInfo!;
    return card instanceof GidsCard
      ? { type: 'gids', card, select, atrHint: hint, probes }
      : { type: 'piv', card: card as PivCard, select, atrHint: hint, probes };
  }
  return { type: 'unknown', atrHint: hint, probes };
}
