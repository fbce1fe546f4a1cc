/**
 * The fake's exceptions, shaped exactly like the browser's (WICG Web Smart Card § SmartCardError):
 * `SmartCardError` is a DOMException whose `name` is "SmartCardError" and which carries
 * `responseCode`; the other PC/SC codes become plain DOMExceptions (InvalidStateError,
 * AbortError, UnknownError) or a TypeError, per § "corresponding exception".
 */
import type { SmartCardResponseCode } from '../transport/web-smart-card-api';

/** IDL: `interface SmartCardError : DOMException { constructor(message, options); responseCode }`. */
export class SmartCardError extends DOMException {
  readonly responseCode: SmartCardResponseCode;

  constructor(message: string, options: { responseCode: SmartCardResponseCode }) {
    super(message, 'SmartCardError');
    this.responseCode = options.responseCode;
  }
}

/** PC/SC RESPONSECODEs the fake can produce beyond the enum (§ "corresponding exception" steps 18–22). */
type PcscOtherCode =
  'invalid-parameter' | 'invalid-handle' | 'service-stopped' | 'shutdown' | 'timeout' | 'cancelled';

/** A fault the fake raises: an enum response code, or one of the PC/SC codes mapped to DOMExceptions. */
export type PcscFault = SmartCardResponseCode | PcscOtherCode;

/** The exception the browser would reject with for a PC/SC failure `code`. */
export function pcscException(code: PcscFault, op: string): Error {
  switch (code) {
    case 'invalid-parameter':
      return new TypeError(`${op}: SCARD_E_INVALID_PARAMETER`);
    case 'invalid-handle':
    case 'service-stopped':
      return new DOMException(`${op}: ${code}`, 'InvalidStateError');
    case 'shutdown':
      return new DOMException(`${op}: SCARD_P_SHUTDOWN`, 'AbortError');
    case 'timeout':
    case 'cancelled':
      return new DOMException(`${op}: SCARD_E_${code.toUpperCase()}`, 'UnknownError');
    default:
      return new SmartCardError(`${op}: ${code}`, { responseCode: code });
  }
}

/** The InvalidStateError the spec's precondition checks reject with. */
export function invalidState(why: string): DOMException {
  return new DOMException(why, 'InvalidStateError');
}
