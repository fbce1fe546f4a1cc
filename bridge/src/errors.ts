/**
 * PC/SC failures → JSON-RPC error data, following WICG Web Smart Card § SmartCardError: each
 * PC/SC code with an IDL `SmartCardResponseCode` gets that name; SCARD_E_INVALID_HANDLE and
 * SCARD_E_SERVICE_STOPPED become InvalidStateError, SCARD_E_CANCELLED / SCARD_P_SHUTDOWN AbortError,
 * SCARD_E_INVALID_PARAMETER / INVALID_VALUE TypeError, anything else UnknownError. Keys are the PC/SC
 * names without `SCARD_E_`/`SCARD_W_` in CamelCase, as pcsc-mini reports them (`err.code`).
 */
import { RPC_ERROR, type BridgeErrorData } from '../../src/transport/bridge-protocol';
import type { SmartCardResponseCode } from '../../src/transport/web-smart-card-api';

const RESPONSE: Readonly<Record<string, SmartCardResponseCode>> = {
  NoService: 'no-service',
  NoSmartCard: 'no-smartcard',
  NotReady: 'not-ready',
  NotTransacted: 'not-transacted',
  ProtoMismatch: 'proto-mismatch',
  ReaderUnavailable: 'reader-unavailable',
  RemovedCard: 'removed-card',
  ResetCard: 'reset-card',
  ServerTooBusy: 'server-too-busy',
  SharingViolation: 'sharing-violation',
  SystemCancelled: 'system-cancelled',
  UnknownReader: 'unknown-reader',
  UnpoweredCard: 'unpowered-card',
  UnresponsiveCard: 'unresponsive-card',
  UnsupportedCard: 'unsupported-card',
  UnsupportedFeature: 'unsupported-feature',
  // pcsc-lite answers SCARD_E_NO_READERS_AVAILABLE where WinSCard says UNKNOWN_READER.
  NoReadersAvailable: 'unknown-reader',
  // pcsc-mini's monitor reports a lost daemon socket this way.
  CommError: 'no-service',
};

const DOM: Readonly<Record<string, NonNullable<BridgeErrorData['domName']>>> = {
  InvalidHandle: 'InvalidStateError',
  ServiceStopped: 'InvalidStateError',
  Cancelled: 'AbortError',
  OperationAborted: 'AbortError',
  Shutdown: 'AbortError',
  InvalidParameter: 'TypeError',
  InvalidValue: 'TypeError',
};

/** A JSON-RPC error object ready to send. */
export interface RpcError {
  code: number;
  message: string;
  data?: BridgeErrorData;
}

/** Maps a PC/SC error (anything with a string `code`) to `{code: RPC_ERROR.pcsc, data}`. */
export function pcscToRpcError(e: unknown): RpcError {
  const code =
    typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'UnknownError';
  const responseCode = Object.hasOwn(RESPONSE, code) ? RESPONSE[code] : undefined;
  if (responseCode)
    return { code: RPC_ERROR.pcsc, message: responseCode, data: { responseCode, pcsc: code } };
  const domName = (Object.hasOwn(DOM, code) ? DOM[code] : undefined) ?? 'UnknownError';
  return { code: RPC_ERROR.pcsc, message: `${domName} (${code})`, data: { domName, pcsc: code } };
}

/** An error thrown inside a handler that already carries its JSON-RPC shape. */
export class RpcFailure extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.message);
  }
}

/** Shorthand for a bad-params failure (JSON-RPC §5.1 -32602). */
export function invalidParams(what: string): RpcFailure {
  return new RpcFailure({
    code: RPC_ERROR.invalidParams,
    message: `invalid params: ${what}`,
    data: { domName: 'TypeError' },
  });
}

/** A handle that this socket does not own (never created, or already released). */
export function invalidHandle(kind: 'context' | 'connection'): RpcFailure {
  return new RpcFailure({
    code: RPC_ERROR.pcsc,
    message: `unknown ${kind}`,
    data: { domName: 'InvalidStateError', pcsc: 'InvalidHandle' },
  });
}
