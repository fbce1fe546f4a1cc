/**
 * Command/response APDUs (ISO/IEC 7816-4 §5.1): the codec in `apdu-codec`, the exchange rules
 * (61xx, 6Cxx, chaining, abort) in `exchange`. Import from here.
 */
export { ApduError, decodeCommand, encodeCommand, parseResponse } from './apdu-codec';
export type { ApduCase, CommandApdu, ResponseApdu } from './apdu-codec';
export { transmitApdu } from './exchange';
export type { ApduTransport, TransmitApduOptions } from './exchange';
