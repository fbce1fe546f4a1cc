/**
 * The PIV registry entry (card-layer model: `../driver.ts`): recognised by SELECT of the PIV AID
 * (SP 800-73-4 Part 2 §3.1.1), hinted by the NIST RID with the PIX prefix in the ATR. The card
 * keeps its PIN: a PIN needs the PUK, never the admin (management) key (SP 800-73-4 Part 2 §3.2.3).
 */
import type { CardDriver } from '../driver';
import { PIV_AID_PREFIX } from './apdus';
import { PivCard, type PivOptions } from './card';
import { PIV_SW } from './sw';

export const PIV_DRIVER: CardDriver<'piv', Omit<PivOptions, 'selected'>, PivCard> = {
  type: 'piv',
  label: 'PIV',
  // Why 8 bytes: the ATRs that carry it have the RID and PIX start (A0 00 00 03 08 00 00 10), not the version.
  atrMarker: PIV_AID_PREFIX.subarray(0, 8),
  sw: PIV_SW,
  keepsPinOnEnroll: true,
  // SP 800-73-4 Part 2 §2.4.3: 6–8 digits (pin-format.ts encodePivPin).
  pinLimits: { minLength: 6, maxLength: 8, charset: 'numeric' },
  open: (conn, options) => new PivCard(conn, options),
};
