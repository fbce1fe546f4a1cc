/**
 * Status words SW1 SW2 (ISO/IEC 7816-4:2005 §5.1.3, tables 5 and 6): meanings, stable error codes
 * and the `63Cx` retry counter.
 */
import { AppError } from '../errors';
import type { SwErrorCode } from '../error-codes';

type Entry = readonly [code: SwErrorCode, meaning: string];

/** Exact SW1 SW2 values. */
const EXACT: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [0x9000, ['sw/ok', 'Normal processing']],
  [0x6281, ['sw/data-corrupted-warning', 'Part of returned data may be corrupted']],
  [0x6282, ['sw/end-of-file', 'End of file or record reached before reading Ne bytes']],
  [0x6283, ['sw/file-deactivated', 'Selected file deactivated']],
  [0x6284, ['sw/fci-format', 'File control information not formatted according to §5.3.3']],
  [0x6285, ['sw/terminated-state', 'Selected file in termination state']],
  [0x6286, ['sw/no-sensor-input', 'No input data available from a sensor on the card']],
  [0x6300, ['sw/verification-failed', 'Verification failed (no retry counter given)']],
  [0x6381, ['sw/file-filled', 'File filled up by the last write']],
  [0x6581, ['sw/memory-failure', 'Memory failure']],
  [0x6700, ['sw/wrong-length', 'Wrong length (Lc or Le)']],
  [0x6881, ['sw/logical-channel-not-supported', 'Logical channel not supported']],
  [0x6882, ['sw/secure-messaging-not-supported', 'Secure messaging not supported']],
  [0x6883, ['sw/last-command-expected', 'Last command of the chain expected']],
  [0x6884, ['sw/chaining-not-supported', 'Command chaining not supported']],
  [0x6981, ['sw/command-incompatible-file', 'Command incompatible with file structure']],
  [0x6982, ['sw/security-status', 'Security status not satisfied']],
  [0x6983, ['sw/auth-blocked', 'Authentication method blocked']],
  [0x6984, ['sw/reference-data-not-usable', 'Reference data not usable']],
  [0x6985, ['sw/conditions-not-satisfied', 'Conditions of use not satisfied']],
  [0x6986, ['sw/no-current-ef', 'Command not allowed (no current EF)']],
  [0x6987, ['sw/sm-objects-missing', 'Expected secure messaging data objects missing']],
  [0x6988, ['sw/sm-objects-incorrect', 'Incorrect secure messaging data objects']],
  [0x6a80, ['sw/wrong-data', 'Incorrect parameters in the command data field']],
  [0x6a81, ['sw/function-not-supported', 'Function not supported']],
  [0x6a82, ['sw/file-not-found', 'File or application not found']],
  [0x6a83, ['sw/record-not-found', 'Record not found']],
  [0x6a84, ['sw/not-enough-memory', 'Not enough memory space in the file']],
  [0x6a85, ['sw/nc-inconsistent-tlv', 'Nc inconsistent with TLV structure']],
  [0x6a86, ['sw/wrong-p1p2', 'Incorrect parameters P1-P2']],
  [0x6a87, ['sw/nc-inconsistent-p1p2', 'Nc inconsistent with parameters P1-P2']],
  [0x6a88, ['sw/data-not-found', 'Referenced data or reference data not found']],
  [0x6a89, ['sw/file-exists', 'File already exists']],
  [0x6a8a, ['sw/df-name-exists', 'DF name already exists']],
  [0x6b00, ['sw/wrong-p1p2-offset', 'Wrong parameters P1-P2 (offset outside the EF)']],
  [0x6d00, ['sw/ins-not-supported', 'Instruction code not supported or invalid']],
  [0x6e00, ['sw/cla-not-supported', 'Class not supported']],
  [0x6f00, ['sw/no-diagnosis', 'No precise diagnosis']],
]);

/** Fallbacks by SW1 when SW2 is not in {@link EXACT}. */
const BY_SW1: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [0x61, ['sw/more-data', 'More response bytes available (GET RESPONSE)']],
  [0x62, ['sw/warning-nv-unchanged', 'Warning: non-volatile memory unchanged']],
  [0x63, ['sw/warning-nv-changed', 'Warning: non-volatile memory changed']],
  [0x64, ['sw/execution-error-nv-unchanged', 'Execution error: non-volatile memory unchanged']],
  [0x65, ['sw/execution-error-nv-changed', 'Execution error: non-volatile memory changed']],
  [0x66, ['sw/security-issue', 'Security-related issue']],
  [0x67, ['sw/wrong-length', 'Wrong length']],
  [0x68, ['sw/cla-function-not-supported', 'Functions in CLA not supported']],
  [0x69, ['sw/command-not-allowed', 'Command not allowed']],
  [0x6a, ['sw/wrong-parameters', 'Wrong parameters P1-P2']],
  [0x6c, ['sw/wrong-le', 'Wrong Le field; SW2 gives the exact length']],
]);

function hex4(sw: number): string {
  return sw.toString(16).padStart(4, '0');
}

function entry(sw: number): Entry {
  const exact = EXACT.get(sw);
  if (exact) return exact;
  if ((sw & 0xfff0) === 0x63c0) return ['sw/pin-wrong', `Verification failed, ${sw & 0x0f} tries left`];
  return BY_SW1.get(sw >> 8) ?? ['sw/unknown', `Unknown status word ${hex4(sw)}`];
}

/** Stable code for a status word, e.g. `sw/pin-wrong` for 63Cx, `sw/file-not-found` for 6A82. */
export function swCode(sw: number): SwErrorCode {
  return entry(sw)[0];
}

/** Readable English meaning of SW1 SW2 (ISO/IEC 7816-4 §5.1.3 tables 5 and 6). */
export function swMeaning(sw: number): string {
  return entry(sw)[1];
}

/** Tries left from `63Cx` (ISO/IEC 7816-4 §5.1.3, "counter provided by X"); undefined for any other SW. */
export function retriesFromSw(sw: number): number | undefined {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : undefined;
}

/** A card answered with a status word the caller does not accept. `code` comes from {@link swCode}. */
export class SwError extends AppError<SwErrorCode> {
  readonly sw: number;
  readonly sw1: number;
  readonly sw2: number;
  /** Tries left when the card said `63Cx`. */
  readonly retries: number | undefined;

  constructor(sw: number, context?: string) {
    const [code, meaning] = entry(sw);
    const retries = retriesFromSw(sw);
    super(code, `${context ? `${context}: ` : ''}${hex4(sw).toUpperCase()} ${meaning}`, {
      sw,
      ...(retries === undefined ? {} : { retries }),
    });
    this.sw = sw;
    this.sw1 = sw >> 8;
    this.sw2 = sw & 0xff;
    this.retries = retries;
  }
}
