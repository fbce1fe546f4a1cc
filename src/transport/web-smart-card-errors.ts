/**
 * Web Smart Card failures → typed {@link TransportError}s with a stable code and a next step.
 * Source of the inputs: WICG Web Smart Card § SmartCardError ("corresponding exception"): each
 * PC/SC RESPONSECODE becomes a `SmartCardError` with a `responseCode`, or a plain DOMException
 * (InvalidStateError for SCARD_E_INVALID_HANDLE / SERVICE_STOPPED, AbortError for SCARD_P_SHUTDOWN,
 * UnknownError otherwise), or a TypeError for SCARD_E_INVALID_PARAMETER. `connect()` additionally
 * rejects with NotAllowedError when the user (or policy) refuses the permission (§ User Consent),
 * and every method with SecurityError when the `smart-card` permissions policy is not granted.
 */
import { AbortedError, describeThrown, isAppError } from '../errors';
import type { TransportErrorCode } from '../error-codes';
import { SMART_CARD_RESPONSE_CODES, type SmartCardResponseCode } from './web-smart-card-api';
import { TransportError } from './types';

interface Mapped {
  code: TransportErrorCode;
  /** What the user should do next (English; the UI localises by `code`). */
  nextStep: string;
}

/** One row per IDL `SmartCardResponseCode`; the table is total (checked by the type). */
export const RESPONSE_CODE_MAP: Readonly<Record<SmartCardResponseCode, Mapped>> = {
  'no-service': {
    code: 'transport/pcsc-unavailable',
    nextStep: 'Install or start the Smart Card Connector extension (ChromeOS), then try again.',
  },
  'no-smartcard': { code: 'transport/card-removed', nextStep: 'Insert the card and try again.' },
  'not-ready': {
    code: 'transport/busy',
    nextStep: 'Wait a moment and try again; re-insert the card if it persists.',
  },
  'not-transacted': {
    code: 'transport/transaction-failed',
    nextStep: 'Try again; close other smart card applications if it persists.',
  },
  'proto-mismatch': {
    code: 'transport/protocol-mismatch',
    nextStep: 'This card speaks neither T=0 nor T=1 with this reader; try another reader.',
  },
  'reader-unavailable': {
    code: 'transport/device-gone',
    nextStep: 'Reconnect the reader and choose it again.',
  },
  'removed-card': {
    code: 'transport/card-removed',
    nextStep: 'Insert the card again and restart the operation.',
  },
  'reset-card': {
    code: 'transport/card-reset',
    nextStep: 'Another application reset the card; restart the operation.',
  },
  'server-too-busy': {
    code: 'transport/busy',
    nextStep: 'The smart card service is busy; try again in a moment.',
  },
  'sharing-violation': {
    code: 'transport/sharing-violation',
    nextStep: 'Another application holds the card exclusively; close it and try again.',
  },
  'system-cancelled': {
    code: 'transport/cancelled-by-system',
    nextStep: 'The system ended the operation (e.g. sign-out or sleep); try again.',
  },
  'unknown-reader': {
    code: 'transport/device-gone',
    nextStep: 'The reader is no longer known; reconnect it and choose it again.',
  },
  'unpowered-card': {
    code: 'transport/card-unpowered',
    nextStep: 'Remove the card, insert it again and retry.',
  },
  'unresponsive-card': {
    code: 'transport/timeout',
    nextStep: 'The card does not answer; remove it, insert it again and retry.',
  },
  'unsupported-card': {
    code: 'transport/unsupported-card',
    nextStep: 'The reader cannot use this card; check it is inserted the right way round.',
  },
  'unsupported-feature': {
    code: 'transport/not-supported',
    nextStep: 'The reader or its driver lacks this feature; try another reader.',
  },
};

const DOM_NAME_MAP: Readonly<Record<string, Mapped>> = {
  NotAllowedError: {
    code: 'transport/permission-denied',
    nextStep: 'Allow smart card access when asked, or ask IT for the SmartCardConnectAllowedForUrls policy.',
  },
  SecurityError: {
    code: 'transport/access-denied',
    nextStep: 'The app must run as an Isolated Web App with the smart-card permission policy.',
  },
  InvalidStateError: {
    code: 'transport/invalid-state',
    nextStep: 'The connection is no longer valid; remove and re-insert the card.',
  },
  UnknownError: {
    code: 'transport/pcsc-error',
    nextStep: 'Try again; if it persists, restart the smart card service or the device.',
  },
  TypeError: {
    code: 'transport/protocol',
    nextStep: 'The smart card service rejected a parameter; export a support bundle for IT.',
  },
};

function isResponseCode(v: unknown): v is SmartCardResponseCode {
  return typeof v === 'string' && (SMART_CARD_RESPONSE_CODES as readonly string[]).includes(v);
}

/**
 * Converts anything a Web Smart Card call rejected with into a typed error. AppErrors pass through;
 * AbortError (and SCARD_P_SHUTDOWN, which the spec also maps to AbortError) becomes `AbortedError`.
 * `op` names the API call for the diagnostics view; `data.responseCode` / `data.domName` keep the raw cause.
 */
export function toTransportError(e: unknown, op: string): Error {
  try {
    return mapRejection(e, op);
  } catch {
    // Reading the rejection itself threw (a revoked Proxy, a hostile getter): still a typed error.
    const m = DOM_NAME_MAP.UnknownError!;
    return new TransportError(
      m.code,
      `${op}: unreadable rejection`,
      { op, nextStep: m.nextStep },
      { cause: e },
    );
  }
}

function mapRejection(e: unknown, op: string): Error {
  if (isAppError(e)) return e;
  const err = e as { name?: unknown; message?: unknown; responseCode?: unknown } | null | undefined;
  const message = describeThrown(e);
  if (isResponseCode(err?.responseCode)) {
    const m = RESPONSE_CODE_MAP[err.responseCode];
    return new TransportError(
      m.code,
      `${op}: ${err.responseCode}`,
      { op, responseCode: err.responseCode, nextStep: m.nextStep },
      { cause: e },
    );
  }
  const name = typeof err?.name === 'string' ? err.name : 'UnknownError';
  if (name === 'AbortError') return new AbortedError(e);
  // Own keys only: a name like "toString" must not find Object.prototype members.
  const m =
    (Object.hasOwn(DOM_NAME_MAP, name) ? DOM_NAME_MAP[name] : undefined) ?? DOM_NAME_MAP.UnknownError!;
  return new TransportError(
    m.code,
    `${op}: ${name}: ${message}`,
    { op, domName: name, nextStep: m.nextStep },
    { cause: e },
  );
}

/** Awaits a Web Smart Card promise, rethrowing its failure as {@link toTransportError} does. */
export async function wsc<T>(op: string, p: () => Promise<T>): Promise<T> {
  try {
    return await p();
  } catch (e) {
    throw toTransportError(e, op);
  }
}
