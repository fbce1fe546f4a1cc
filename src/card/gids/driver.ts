/**
 * The GIDS registry entry (card-layer model: `../driver.ts`): recognised by SELECT of the GIDS AID
 * prefix, hinted by that prefix in a TPM virtual smart card's ATR; the admin key sets the user PIN
 * (docs/gids.md "PIN and admin key").
 */
import type { CardDriver } from '../driver';
import { GIDS_AID_PREFIX } from './apdus';
import { GidsCard, type GidsOptions } from './card';
import { GIDS_SW } from './sw';

export const GIDS_DRIVER: CardDriver<'gids', Omit<GidsOptions, 'selected'>, GidsCard> = {
  type: 'gids',
  label: 'GIDS',
  atrMarker: GIDS_AID_PREFIX,
  sw: GIDS_SW,
  keepsPinOnEnroll: false,
  // GidsApplet PIN_MIN_LENGTH / PIN_MAX_LENGTH; printable ASCII (pin-format.ts encodeGidsPin).
  pinLimits: { minLength: 4, maxLength: 16, charset: 'any' },
  open: (conn, options) => new GidsCard(conn, options),
};
