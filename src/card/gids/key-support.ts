/**
 * Which keys a GIDS card generates, answered synchronously when a flow plans the keys. Its own
 * file on purpose: the card object needs it at once, while the key APDU builders
 * (`key-apdus.ts`) load only with the lazy key store (`../lazy-keys.ts`) — importing it from
 * there would pull them into the initial bundle (≤ 60 KB gzip budget, `npm run size`).
 */
import type { KeySpec } from '../keys';

/**
 * What GENERATE ASYMMETRIC KEY PAIR accepts (synchronous, so it is not in the lazily loaded key store).
 * GIDS: RSA 1024/2048 always; ECC only when the card is known to have it (`GidsOptions.ecc`). Why not
 * by default: GidsApplet is RSA-only (GENERATE P-256 → 6A81), OpenSC `card-gids.c` registers RSA
 * only, and a GIDS card reports no readable ECC capability — so ECC is never assumed.
 */
export const gidsSupports = (spec: KeySpec, ecc = false): boolean =>
  spec.kind === 'rsa'
    ? spec.bits === 1024 || spec.bits === 2048
    : ecc && (spec.curve === 'P-256' || spec.curve === 'P-384');
