/** Types shared by the bulk pipe (pipe.ts) and the abort handshake (abort.ts). */
import type { ReaderMessage } from './messages';

export interface PipeConfig {
  interfaceNumber: number;
  epIn: number;
  epOut: number;
  packetSize: number;
  /** dwMaxCCIDMessageLength (header included). */
  maxMessage: number;
  /** Max stale frames dropped while one command waits (libccid ReadUSB: 10). */
  staleLimit?: number;
  /** How long the §5.3.1 abort may take before the command is rejected anyway. */
  abortWaitMs?: number;
}

export interface ExchangeOptions {
  /** Base wait for the reply; restarted on each time-extension frame. */
  timeoutMs: number;
  /** Hard ceiling including every time extension. */
  maxTotalMs: number;
  signal?: AbortSignal | undefined;
}

export interface Pending {
  slot: number;
  seq: number;
  aborting: boolean;
  stale: number;
  onAbortStatus?: () => void;
  settle(msg: ReaderMessage | undefined, err?: Error): void;
}
