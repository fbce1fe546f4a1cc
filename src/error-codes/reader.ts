/**
 * Error codes of the reader side: the CCID driver (`ccid/…`, src/ccid/errors.ts; CCID 1.1 §6.2.6,
 * T=1 per ISO/IEC 7816-3 §11), the reader routes (`transport/…`, raised by the CCID driver too) and
 * the card bridge route (`transport/bridge-…`, docs/bridge-protocol.md).
 * Stable: a code never changes once released; the UI localises by code (src/ui/i18n/error-text*.ts).
 */
/** `ccid/…` (meanings in src/ccid/errors.ts). */
export const CCID_ERROR_CODES = [
  'ccid/descriptor',
  'ccid/icc-mute',
  'ccid/message',
  'ccid/no-interface',
  'ccid/pps',
  'ccid/slot-error',
  'ccid/t0',
  'ccid/t1',
  'ccid/t1-block',
  'ccid/t1-deadline',
  'ccid/t1-wtx-limit',
] as const;
export type CcidErrorCode = (typeof CCID_ERROR_CODES)[number];

/** `transport/…` except the card bridge (bridge.ts). */
export const TRANSPORT_ERROR_CODES = [
  'transport/access-denied',
  'transport/busy',
  'transport/cancelled-by-system',
  'transport/card-removed',
  'transport/card-reset',
  'transport/card-unpowered',
  'transport/device-gone',
  'transport/invalid-state',
  'transport/no-reader',
  'transport/not-supported',
  'transport/pcsc-error',
  'transport/pcsc-unavailable',
  'transport/permission-denied',
  'transport/protocol',
  'transport/protocol-mismatch',
  'transport/sharing-violation',
  'transport/timeout',
  'transport/transaction-failed',
  'transport/unsupported-card',
] as const;
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

/** `transport/bridge-…`. */
export const BRIDGE_ERROR_CODES = [
  'transport/bridge-gone',
  'transport/bridge-lna-denied',
  'transport/bridge-lna-prompt',
  'transport/bridge-no-reader',
  'transport/bridge-no-service',
  'transport/bridge-not-running',
  'transport/bridge-origin-refused',
  'transport/bridge-too-old',
  'transport/bridge-unreachable',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];
