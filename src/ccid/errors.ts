/**
 * Errors of the CCID layer (docs/architecture.md "Error model", family `ccid/`).
 *
 * Transport-level conditions (device gone, timeout, access denied, malformed frames) are raised as
 * {@link TransportError} with the `transport/…` codes listed in `transport/types.ts`, because the
 * UI explains them the same way whatever the route. Conditions only CCID knows — a slot error
 * carrying bError (CCID 1.1 §6.2.6), an unsupported exchange level, a T=1 protocol failure — are
 * {@link CcidError}s.
 *
 * Codes (table: src/error-codes/reader.ts): `ccid/descriptor` (malformed class or configuration descriptor), `ccid/message`
 * (malformed bulk/interrupt message), `ccid/slot-error` (bmCommandStatus = failed; data.bError,
 * data.errorName), `ccid/icc-mute`, `ccid/t1` (T=1 block protocol gave up), `ccid/t1-wtx-limit` and `ccid/t1-deadline`
 * (the card asked for more waiting time than one APDU may take), `ccid/t1-block` (malformed T=1 block),
 * `ccid/t0` (T=0 TPDU shaping failed), `ccid/pps` (card refused PPS), `ccid/no-interface` (no CCID
 * interface on the device).
 */
import { AppError, TransportError, describeThrown } from '../errors';
import type { CcidErrorCode } from '../error-codes';

export class CcidError extends AppError<CcidErrorCode> {}

/** `transport/device-gone`: the USB device was unplugged or closed. */
export function deviceGone(detail: string, cause?: unknown): TransportError {
  return new TransportError(
    'transport/device-gone',
    `The reader was disconnected (${detail})`,
    {},
    { cause },
  );
}

/** `transport/timeout`: a bounded wait expired (WebUSB transfers have none of their own). */
export function timeoutError(what: string, ms: number, data: Record<string, unknown> = {}): TransportError {
  return new TransportError('transport/timeout', `${what} did not complete within ${ms} ms`, { ms, ...data });
}

/** `transport/protocol`: the reader sent bytes that break CCID framing. */
export function protocolError(detail: string, data: Record<string, unknown> = {}): TransportError {
  return new TransportError('transport/protocol', `Malformed reply from the reader: ${detail}`, data);
}

/**
 * A rejected WebUSB transfer as a transport error: `NotFoundError` (device gone), `AbortError`
 * (transfer cancelled by close/reset) and `InvalidStateError` (device closed) mean the reader is no
 * longer usable (docs/ccid-t1.md "WebUSB errors"); anything else (`NetworkError` …) is a transfer failure.
 */
export function usbError(e: unknown, where: string): TransportError {
  if (e instanceof TransportError) return e;
  const name = (e as { name?: string } | null)?.name;
  const message = describeThrown(e);
  if (name === 'NotFoundError' || name === 'InvalidStateError' || name === 'AbortError')
    return deviceGone(`${where}: ${message}`, e);
  return new TransportError(
    'transport/protocol',
    `USB ${where} transfer failed: ${message}`,
    {},
    { cause: e },
  );
}
