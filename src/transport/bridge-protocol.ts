/**
 * The card bridge wire protocol, shared by the app-side client (`bridge-smart-card.ts`) and the
 * bridge itself (`bridge/`). One definition so both sides stay honest to docs/bridge-protocol.md.
 *
 * Transport: WebSocket (RFC 6455) text frames on `ws://127.0.0.1:PORT/`, each one JSON-RPC 2.0
 * object (jsonrpc.org/specification §4 request, §5 response, §5.1 error). The methods mirror the
 * WICG Web Smart Card API (`SmartCardResourceManager`, `SmartCardContext`, `SmartCardConnection`),
 * which in turn mirror PC/SC (SCardEstablishContext … SCardReleaseContext). Bytes are base64
 * (RFC 4648 §4, with padding); handles are positive integers valid for the socket that made them.
 */
import { decodeBase64 } from '../common/base64';
import type {
  SmartCardAccessMode,
  SmartCardConnectionState,
  SmartCardDisposition,
  SmartCardProtocol,
  SmartCardReaderStateFlagsIn,
  SmartCardReaderStateFlagsOut,
  SmartCardResponseCode,
} from './web-smart-card-api';

/** Protocol revision spoken by this code; `hello` negotiates it. */
export const BRIDGE_PROTOCOL = 1;

/** Default TCP port on 127.0.0.1. Why 47653: unassigned by IANA, outside the OS ephemeral ranges. */
export const DEFAULT_BRIDGE_PORT = 47653;

/** Largest accepted frame (bytes of UTF-8 JSON). Why 64 KiB: a 64 KiB extended APDU in base64 fits twice over. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Path of the plain-HTTP diagnosis endpoint (no upgrade) that tells a refused page why. */
export const PROBE_PATH = '/probe';

/** WebSocket close codes the bridge uses (RFC 6455 §7.4.2: 4000–4999 are for applications). */
export const CLOSE_CODES = { idle: 4008, tooManyInFlight: 4029, shutdown: 4001 } as const;

/** JSON-RPC error codes: the spec's own (§5.1) and ours in the implementation range. */
export const RPC_ERROR = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** a method other than `hello` came first */
  helloRequired: -32000,
  /** PC/SC (or the Web Smart Card mapping of it) failed; see {@link BridgeErrorData} */
  pcsc: -32001,
  /** a per-connection limit (contexts, connections) was hit */
  limit: -32002,
  /** `hello` asked for a protocol this bridge does not speak */
  protocolUnsupported: -32003,
} as const;

/**
 * `error.data` of a failed call. WICG § SmartCardError "corresponding exception": a PC/SC code
 * with a `SmartCardResponseCode` becomes a SmartCardError with that `responseCode`; the others a
 * DOMException by name (InvalidStateError, AbortError, UnknownError) or a TypeError.
 */
export interface BridgeErrorData {
  responseCode?: SmartCardResponseCode;
  domName?: 'InvalidStateError' | 'AbortError' | 'UnknownError' | 'TypeError' | 'NotAllowedError';
  /** The PC/SC name behind it, e.g. `SCARD_E_TIMEOUT`, for diagnostics. */
  pcsc?: string;
}

export interface BridgeReaderStateIn {
  readerName: string;
  currentState: SmartCardReaderStateFlagsIn;
  currentCount?: number;
}

export interface BridgeReaderStateOut {
  readerName: string;
  eventState: SmartCardReaderStateFlagsOut;
  eventCount: number;
  /** base64 ATR, when a card is present */
  answerToReset?: string;
}

/** Method → [params, result]. Every request is `{jsonrpc:'2.0', id, method, params}`. */
interface BridgeMethods {
  hello: [{ protocol: number; client?: string }, { protocol: number; version: string }];
  establishContext: [Record<string, never>, { context: number }];
  releaseContext: [{ context: number }, Record<string, never>];
  listReaders: [{ context: number }, { readers: string[] }];
  getStatusChange: [
    { context: number; readerStates: BridgeReaderStateIn[]; timeout?: number },
    { readerStates: BridgeReaderStateOut[] },
  ];
  cancel: [{ context: number }, Record<string, never>];
  connect: [
    {
      context: number;
      reader: string;
      accessMode: SmartCardAccessMode;
      preferredProtocols?: SmartCardProtocol[];
    },
    { connection: number; activeProtocol?: SmartCardProtocol },
  ];
  disconnect: [{ connection: number; disposition?: SmartCardDisposition }, Record<string, never>];
  transmit: [{ connection: number; data: string; protocol?: SmartCardProtocol }, { data: string }];
  status: [
    { connection: number },
    { readerName: string; state: SmartCardConnectionState; answerToReset?: string },
  ];
  control: [{ connection: number; controlCode: number; data: string }, { data: string }];
  getAttribute: [{ connection: number; tag: number }, { data: string }];
  setAttribute: [{ connection: number; tag: number; value: string }, Record<string, never>];
  beginTransaction: [{ connection: number }, Record<string, never>];
  endTransaction: [{ connection: number; disposition?: SmartCardDisposition }, Record<string, never>];
}
export type BridgeMethod = keyof BridgeMethods;
export type ParamsOf<M extends BridgeMethod> = BridgeMethods[M][0];
export type ResultOf<M extends BridgeMethod> = BridgeMethods[M][1];

/**
 * Server → client notification (no `id`): the PC/SC service went away or came back. While
 * `unavailable` the bridge retries with back-off; `retryInMs` is the wait before the next try.
 */
export interface ServiceStateNotification {
  jsonrpc: '2.0';
  method: 'serviceState';
  params: { state: 'running' | 'unavailable'; retryInMs?: number };
}

/** Answer of `GET /probe`: lets a page that the upgrade refused learn why (CORS-readable). */
export interface ProbeAnswer {
  bridge: 'smartcard-bridge';
  originAllowed: boolean;
  /** only for allowed origins */
  protocol?: number;
  version?: string;
}

/** base64 → bytes; throws TypeError on anything but canonical padded base64. */
export function fromBase64(text: unknown): Uint8Array {
  const bytes = typeof text === 'string' ? decodeBase64(text) : undefined;
  if (!bytes) throw new TypeError('not base64');
  return bytes;
}
