/**
 * The one error base class of the product (docs/architecture.md "Error model").
 *
 * Every error a layer throws extends {@link AppError}: it carries a stable, machine-readable `code`
 * (e.g. `sw/pin-wrong`, `ccid/t1`, `cm/http-403`) and plain data fields (retries left, HTTP
 * status, correlation id). Messages here are English developer text; the UI localises by `code`
 * and `data` only (the workbox pattern), so these messages never reach users untranslated.
 *
 * The codes are the exported tables in `src/error-codes/`; `AppError` is typed by their union, so
 * a code that is in no table does not compile. This file imports only that folder (which imports
 * nothing), so every layer — including `iso7816/` — may import it.
 */
import type { ErrorCode, TransportErrorCode, BridgeErrorCode } from './error-codes';

export type { ErrorCode } from './error-codes';

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  /** Stable code, `<family>/<kebab-name>` from a table in `src/error-codes/`; never changes once released. */
  readonly code: C;
  /** Non-secret details for the UI and the support bundle. Never put a PIN or key here. */
  readonly data: Readonly<Record<string, unknown>>;

  constructor(code: C, message: string, data: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.data = Object.freeze({ ...data });
  }

  /** The error family: the part of `code` before the slash (`sw`, `ccid`, `transport`, `cm`, ...). */
  get family(): string {
    return this.code.split('/', 1)[0] ?? this.code;
  }
}

/** True when `e` is an {@link AppError}, optionally of the given code or code family prefix (`'ccid/'`). */
export function isAppError(e: unknown, codeOrFamily?: string): e is AppError {
  if (!(e instanceof AppError)) return false;
  if (codeOrFamily === undefined) return true;
  return codeOrFamily.endsWith('/') ? e.code.startsWith(codeOrFamily) : e.code === codeOrFamily;
}

/** Error raised when an `AbortSignal` fires; one code for every layer so callers can tell "cancelled" apart. */
export class AbortedError extends AppError<'aborted'> {
  constructor(reason?: unknown) {
    super('aborted', 'The operation was cancelled', {}, { cause: reason });
  }
}

/** Throws {@link AbortedError} when `signal` is already aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError(signal.reason);
}

/**
 * Transport family errors (codes: `src/error-codes/reader.ts`; docs/architecture.md "Error model"): `transport/device-gone`,
 * `transport/card-removed`, `transport/timeout`, `transport/access-denied` (browser refused, e.g.
 * protected class 0x0B), `transport/busy`, `transport/not-supported`, `transport/protocol`
 * (malformed bytes from a reader), and the Web Smart Card codes. Lives here, not in `transport/`,
 * because the CCID driver below the transport layer raises them too.
 */
export class TransportError extends AppError<TransportErrorCode | BridgeErrorCode> {}

/**
 * A printable description of anything that was thrown or rejected. `String(e)` itself can throw
 * (an object whose `toString` is null, a revoked Proxy, a Symbol in a template), and an error
 * mapper that throws would turn "the reader sent junk" into an untyped crash — so never throws.
 */
export function describeThrown(e: unknown): string {
  try {
    const message = (e as { message?: unknown } | null | undefined)?.message;
    if (typeof message === 'string') return message;
    return String(e);
  } catch {
    try {
      return Object.prototype.toString.call(e);
    } catch {
      return '[unprintable value]';
    }
  }
}
