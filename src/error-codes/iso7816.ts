/**
 * Error codes of the `iso7816/` layer: APDU codec (ISO/IEC 7816-4 §5.1), ATR (ISO/IEC 7816-3 §8),
 * hex, BER-TLV (ISO/IEC 7816-4 §5.2) and status words (ISO/IEC 7816-4 §5.1.3 tables 5 and 6).
 * Stable: a code never changes once released; the UI localises by code (src/ui/i18n/error-text*.ts).
 */
/** `apdu/…`: command encoding and the 61xx/6Cxx exchange rules (iso7816/apdu-codec.ts, apdu.ts). */
export const APDU_ERROR_CODES = [
  'apdu/chain-unexpected-sw',
  'apdu/get-response-limit',
  'apdu/invalid-header',
  'apdu/invalid-lc',
  'apdu/invalid-le',
  'apdu/invalid-length',
  'apdu/needs-extended',
  'apdu/response-too-short',
  'apdu/too-short',
  'apdu/wrong-le-limit',
] as const;
export type ApduErrorCode = (typeof APDU_ERROR_CODES)[number];

/** `atr/…`: an answer-to-reset that breaks ISO/IEC 7816-3 §8 (iso7816/atr.ts). */
export const ATR_ERROR_CODES = [
  'atr/bwi-rfu',
  'atr/empty',
  'atr/historical-short',
  'atr/historical-tlv',
  'atr/ifsc-rfu',
  'atr/invalid-ts',
  'atr/ta1-rfu',
  'atr/tck-invalid',
  'atr/tck-missing',
  'atr/tck-unexpected',
  'atr/td1-t15',
  'atr/too-long',
  'atr/trailing-bytes',
  'atr/truncated',
  'atr/wi-rfu',
] as const;
export type AtrErrorCode = (typeof ATR_ERROR_CODES)[number];

/** `hex/…`: malformed hex text (iso7816/hex.ts). */
export const HEX_ERROR_CODES = ['hex/invalid-char', 'hex/odd-length'] as const;
export type HexErrorCode = (typeof HEX_ERROR_CODES)[number];

/** `tlv/…`: malformed BER-TLV (iso7816/tlv.ts). */
export const TLV_ERROR_CODES = [
  'tlv/indefinite-length',
  'tlv/invalid-tag',
  'tlv/length-too-long',
  'tlv/not-constructed',
  'tlv/tag-too-long',
  'tlv/too-deep',
  'tlv/truncated',
] as const;
export type TlvErrorCode = (typeof TLV_ERROR_CODES)[number];

/** `sw/…`: one per status word meaning, from the tables in iso7816/sw.ts. */
export const SW_ERROR_CODES = [
  'sw/auth-blocked',
  'sw/chaining-not-supported',
  'sw/cla-function-not-supported',
  'sw/cla-not-supported',
  'sw/command-incompatible-file',
  'sw/command-not-allowed',
  'sw/conditions-not-satisfied',
  'sw/data-corrupted-warning',
  'sw/data-not-found',
  'sw/df-name-exists',
  'sw/end-of-file',
  'sw/execution-error-nv-changed',
  'sw/execution-error-nv-unchanged',
  'sw/fci-format',
  'sw/file-deactivated',
  'sw/file-exists',
  'sw/file-filled',
  'sw/file-not-found',
  'sw/function-not-supported',
  'sw/ins-not-supported',
  'sw/last-command-expected',
  'sw/logical-channel-not-supported',
  'sw/memory-failure',
  'sw/more-data',
  'sw/nc-inconsistent-p1p2',
  'sw/nc-inconsistent-tlv',
  'sw/no-current-ef',
  'sw/no-diagnosis',
  'sw/no-sensor-input',
  'sw/not-enough-memory',
  'sw/ok',
  'sw/pin-wrong',
  'sw/record-not-found',
  'sw/reference-data-not-usable',
  'sw/secure-messaging-not-supported',
  'sw/security-issue',
  'sw/security-status',
  'sw/sm-objects-incorrect',
  'sw/sm-objects-missing',
  'sw/terminated-state',
  'sw/unknown',
  'sw/verification-failed',
  'sw/warning-nv-changed',
  'sw/warning-nv-unchanged',
  'sw/wrong-data',
  'sw/wrong-le',
  'sw/wrong-length',
  'sw/wrong-p1p2',
  'sw/wrong-p1p2-offset',
  'sw/wrong-parameters',
] as const;
export type SwErrorCode = (typeof SW_ERROR_CODES)[number];
