/**
 * The WICG Web Smart Card API as TypeScript types (wicg.github.io/web-smart-card, repo
 * WICG/web-smart-card `index.bs`; no DOM lib ships them yet). Names, dictionary members, enum
 * strings and flag objects are the IDL's own; the provider codes against these, and the fake in
 * `sim/fake-smart-card*` implements them, so both sides stay honest to one definition.
 */

/** IDL `enum SmartCardProtocol` (§ SmartCardProtocol enum). */
export type SmartCardProtocol = 'raw' | 't0' | 't1';

/** IDL `enum SmartCardAccessMode`. */
export type SmartCardAccessMode = 'shared' | 'exclusive' | 'direct';

/** IDL `enum SmartCardDisposition`. */
export type SmartCardDisposition = 'leave' | 'reset' | 'unpower' | 'eject';

/** IDL `enum SmartCardConnectionState` (`t0`/`t1`/`raw` stand for PC/SC SCARD_SPECIFIC). */
export type SmartCardConnectionState =
  'absent' | 'present' | 'swallowed' | 'powered' | 'negotiable' | 't0' | 't1' | 'raw';

/** IDL `enum SmartCardResponseCode` (§ SmartCardError: the PC/SC codes that get their own value). */
export const SMART_CARD_RESPONSE_CODES = [
  'no-service',
  'no-smartcard',
  'not-ready',
  'not-transacted',
  'proto-mismatch',
  'reader-unavailable',
  'removed-card',
  'reset-card',
  'server-too-busy',
  'sharing-violation',
  'system-cancelled',
  'unknown-reader',
  'unpowered-card',
  'unresponsive-card',
  'unsupported-card',
  'unsupported-feature',
] as const;
export type SmartCardResponseCode = (typeof SMART_CARD_RESPONSE_CODES)[number];

/** IDL `dictionary SmartCardReaderStateFlagsIn` (all members default to false). */
export interface SmartCardReaderStateFlagsIn {
  unaware?: boolean;
  ignore?: boolean;
  unavailable?: boolean;
  empty?: boolean;
  present?: boolean;
  exclusive?: boolean;
  inuse?: boolean;
  mute?: boolean;
  unpowered?: boolean;
}

/** IDL `dictionary SmartCardReaderStateFlagsOut` (all members present, default false). */
export interface SmartCardReaderStateFlagsOut {
  ignore: boolean;
  changed: boolean;
  unavailable: boolean;
  unknown: boolean;
  empty: boolean;
  present: boolean;
  exclusive: boolean;
  inuse: boolean;
  mute: boolean;
  unpowered: boolean;
}

/** IDL `dictionary SmartCardReaderStateIn`. */
export interface SmartCardReaderStateIn {
  readerName: string;
  currentState: SmartCardReaderStateFlagsIn;
  currentCount?: number;
}

/** IDL `dictionary SmartCardReaderStateOut`. */
export interface SmartCardReaderStateOut {
  readerName: string;
  eventState: SmartCardReaderStateFlagsOut;
  eventCount: number;
  answerToReset?: ArrayBuffer;
}

/** IDL `dictionary SmartCardGetStatusChangeOptions` (timeout in ms; absent = PC/SC INFINITE). */
export interface SmartCardGetStatusChangeOptions {
  timeout?: number;
  signal?: AbortSignal;
}

export interface SmartCardConnectOptions {
  preferredProtocols?: SmartCardProtocol[];
}

export interface SmartCardConnectResult {
  connection: SmartCardConnection;
  activeProtocol?: SmartCardProtocol;
}

export interface SmartCardTransmitOptions {
  protocol?: SmartCardProtocol;
}

export interface SmartCardTransactionOptions {
  signal?: AbortSignal;
}

/** IDL `callback SmartCardTransactionCallback`; resolving `undefined`/null ends with "reset". */
export type SmartCardTransactionCallback = () => Promise<SmartCardDisposition | null | undefined>;

export interface SmartCardConnectionStatus {
  readerName: string;
  state: SmartCardConnectionState;
  answerToReset?: ArrayBuffer;
}

/** IDL `interface SmartCardConnection`. */
export interface SmartCardConnection {
  disconnect(disposition?: SmartCardDisposition): Promise<void>;
  transmit(sendBuffer: BufferSource, options?: SmartCardTransmitOptions): Promise<ArrayBuffer>;
  startTransaction(
    transaction: SmartCardTransactionCallback,
    options?: SmartCardTransactionOptions,
  ): Promise<void>;
  status(): Promise<SmartCardConnectionStatus>;
  control(controlCode: number, data: BufferSource): Promise<ArrayBuffer>;
  getAttribute(tag: number): Promise<ArrayBuffer>;
  setAttribute(tag: number, value: BufferSource): Promise<void>;
}

/** IDL `interface SmartCardContext`: one PC/SC operation at a time (else InvalidStateError). */
export interface SmartCardContext {
  listReaders(): Promise<string[]>;
  getStatusChange(
    readerStates: SmartCardReaderStateIn[],
    options?: SmartCardGetStatusChangeOptions,
  ): Promise<SmartCardReaderStateOut[]>;
  connect(
    readerName: string,
    accessMode: SmartCardAccessMode,
    options?: SmartCardConnectOptions,
  ): Promise<SmartCardConnectResult>;
}

/** IDL `interface SmartCardResourceManager` (`navigator.smartCard`). */
export interface SmartCardResourceManager {
  establishContext(): Promise<SmartCardContext>;
}
