/**
 * Card layer: GIDS and PIV applications over any `CardConnection`, card detection, the
 * `ManagedCard` interface flows use, and the MIM `cardid` formatting. See docs/architecture.md "Layers".
 */
export { CardError } from './errors';
export type { OpOptions } from './exchange';
export { detectCard, atrHint } from './detect';
export type { AtrHint, DetectedCard, DetectOptions } from './detect';
export { CARD_DRIVERS, cardProfile } from './registry';
export type { CardDriver, CardPinLimits, CardProfile, DetectableCard } from './driver';
export { parseSelectResponse } from './fci';
export type { SelectInfo } from './fci';
export { GidsCard } from './gids/card';
export type { GidsOptions } from './gids/card';
export { GIDS_AID_PREFIX } from './gids/apdus';
export { parseMasterfile, findMasterfileEntry } from './gids/masterfile';
export type { MasterfileRecord } from './gids/masterfile';
export { cardIdToGuid, guidToCardId } from './guid';
export type { GuidByteOrder } from './guid';
export type { AdminKeyAlgorithm, CardCapabilities, CardType, ManagedCard, PinStatus } from './managed';
export { encodeGidsPin, encodePivPin, encodePivPuk } from './pin-format';
export { PivCard } from './piv/card';
export type { PivOptions } from './piv/card';
export { PIV_AID_PREFIX, MGMT_ALGORITHMS } from './piv/apdus';
export { parseChuid, pivCardId } from './piv/chuid';
export type { Chuid, PivCardId } from './piv/chuid';
export { keyUsageFromFlags, curveBytes } from './keys';
export type {
  CardKeyStore,
  CardPublicKey,
  HashName,
  KeyAuthorization,
  KeySlot,
  KeySpec,
  KeyUsage,
} from './keys';
// The key-store implementations (gids/keys, piv/keys, gids/cmap, pubkey) are loaded lazily by
// GidsCard/PivCard (lazy-keys.ts) and deliberately not re-exported: a static export would pull them
// into the initial bundle. Import those modules directly where needed (tests).
