/**
 * Last line of defence against persisting a secret: every record written to IndexedDB is walked,
 * and a property whose *name* says it holds a PIN, PUK, key, challenge or response is refused.
 * (Values cannot be recognised reliably — a PIN is just digits — so the shapes in schema.ts are the
 * first line; this guard catches a careless `{ ...state }` spread of flow state.)
 */
import { AppError } from '../errors';
import type { StoreErrorCode } from '../error-codes';

/** Property names that must never be stored. `cardId`, `cmUuid`, `stage` etc. do not match. */
const SECRET_NAME =
  /(^|[^a-z])(pin|puk|newpin|oldpin)([^a-z]|$)|pin$|^pin|puk|adminkey|diversified(key)?$|challenge|response|secret|password|privatekey/i;

/** Names that look risky but are known-safe metadata. */
const ALLOWED = new Set(['adminKeyDiversified', 'pinPolicy', 'pinMinLength', 'pinMaxLength', 'pinCharset']);

export class SecretStorageError extends AppError<StoreErrorCode> {}

/** Throws `store/secret-refused` if `value` contains a property that looks like a secret. */
export function assertNoSecrets(value: unknown, path = ''): void {
  if (value === null || typeof value !== 'object') return;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    // Raw bytes have no business in the metadata cache: ATRs and ids are stored as hex strings.
    throw new SecretStorageError(
      'store/secret-refused',
      `refusing to store raw bytes at ${path || '<root>'}`,
      { path },
    );
  }
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (!ALLOWED.has(k) && SECRET_NAME.test(k)) {
      throw new SecretStorageError('store/secret-refused', `refusing to store property "${p}"`, { path: p });
    }
    assertNoSecrets(v, p);
  }
}
