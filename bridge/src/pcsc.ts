/**
 * What the bridge needs from a PC/SC binding — small enough that unit tests supply a fake and the
 * real one (`pcsc-mini-service.ts`) is a thin adapter. Flag values are PC/SC's own (pcsc-lite
 * `pcsclite.h`, WinSCard `winsmcrd.h`), so a raw `dwEventState` passes through unchanged.
 */

/** SCARD_STATE_* bits of `dwEventState` (PC/SC Workgroup part 5, SCardGetStatusChange). */
export const SCARD_STATE = {
  UNAWARE: 0x0,
  IGNORE: 0x1,
  CHANGED: 0x2,
  UNKNOWN: 0x4,
  UNAVAILABLE: 0x8,
  EMPTY: 0x10,
  PRESENT: 0x20,
  ATRMATCH: 0x40,
  EXCLUSIVE: 0x80,
  INUSE: 0x100,
  MUTE: 0x200,
  UNPOWERED: 0x400,
} as const;

/** SCARD_PROTOCOL_* (T=0, T=1; RAW is 4 on pcsc-lite and 0x10000 on WinSCard, so it is the binding's). */
export const SCARD_PROTOCOL = { T0: 1, T1: 2 } as const;

/** SCARD_LEAVE_CARD … SCARD_EJECT_CARD. */
export const SCARD_DISPOSITION = { leave: 0, reset: 1, unpower: 2, eject: 3 } as const;

/** SCARD_SHARE_* as the WICG `SmartCardAccessMode` spells them. */
export const SCARD_SHARE = { exclusive: 1, shared: 2, direct: 3 } as const;

/** SCardStatus `dwState` bits (pcsc-lite spelling; WinSCard uses an enum, the binding converts). */
export const SCARD_CARD_STATE = {
  ABSENT: 0x2,
  PRESENT: 0x4,
  SWALLOWED: 0x8,
  POWERED: 0x10,
  NEGOTIABLE: 0x20,
  SPECIFIC: 0x40,
} as const;

/** One reader as the service last reported it. */
export interface ReaderSnapshot {
  name: string;
  /** SCARD_STATE_* flags without CHANGED and without the count. */
  state: number;
  /** The PC/SC event counter (high word of dwEventState): card insertions and removals. */
  eventCount: number;
  atr: Uint8Array;
}

/** A PC/SC failure: `code` is the PC/SC name without prefix, as pcsc-mini spells it ("RemovedCard"). */
interface PcscError extends Error {
  code: string;
}

export interface CardStatusSnapshot {
  readerName: string;
  /** SCARD_CARD_STATE bits */
  state: number;
  /** SCARD_PROTOCOL_* or the binding's RAW value */
  protocol: number;
  atr: Uint8Array;
}

/** One SCARDHANDLE. */
export interface PcscCard {
  readonly protocol: number;
  transmit(data: Uint8Array, protocol?: number): Promise<Uint8Array>;
  control(code: number, data: Uint8Array): Promise<Uint8Array>;
  getAttribute(tag: number): Promise<Uint8Array>;
  setAttribute(tag: number, value: Uint8Array): Promise<void>;
  status(): Promise<CardStatusSnapshot>;
  beginTransaction(): Promise<void>;
  endTransaction(disposition: number): Promise<void>;
  disconnect(disposition: number): Promise<void>;
}

export type ServiceState = 'running' | 'unavailable';

/** The PC/SC service as one long-lived client sees it (reader table kept by a monitor thread). */
export interface PcscService {
  readonly state: ServiceState;
  /** Wait before the next reconnection attempt while unavailable (for clients' information). */
  readonly retryInMs: number | undefined;
  /** Readers known now (empty while the service is unavailable). */
  readers(): ReaderSnapshot[];
  /** Number of reader arrivals/departures so far (PnP notification counter). */
  readonly readerListCount: number;
  /** Called on any reader-table or service-state change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  connect(reader: string, share: number, protocols: number): Promise<PcscCard>;
  /** The binding's value of SCARD_PROTOCOL_RAW. */
  readonly rawProtocol: number;
  close(): void;
}

/** A typed PC/SC error (the fake and the adapters throw these). */
export function pcscError(code: string, message = code): PcscError {
  return Object.assign(new Error(message), { code });
}
