/**
 * Which keys a PIV card generates (SP 800-73-4 Part 2 §3.3.2 GENERATE ASYMMETRIC KEY PAIR;
 * algorithms SP 800-78-4 table 6-2), answered synchronously when a flow plans the keys. Its own
 * file on purpose: the key APDU builders (`key-apdus.ts`) load only with the lazy key store
 * (`../lazy-keys.ts`); importing this from there would pull them into the initial bundle.
 */
import type { KeySpec } from '../keys';

/** What GENERATE ASYMMETRIC KEY PAIR accepts: RSA 1024/2048 and every curve {@link pivAlgId} knows. */
export const pivSupports = (spec: KeySpec): boolean =>
  spec.kind === 'rsa' ? spec.bits === 1024 || spec.bits === 2048 : true;
