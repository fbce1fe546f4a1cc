/**
 * IN-endpoint behaviour of the virtual reader as WebUSB shows it (WebUSB §6 transferIn; USB 2.0
 * §5.8.3): a bulk reply is cut into wMaxPacketSize packets, ended by a short packet or — when it
 * is an exact multiple — a zero-length packet; one transferIn(length) collects packets until a
 * short one or `length` bytes, and reports 'babble' if a packet would overflow it.
 */
import { concatBytes } from '@noble/ciphers/utils.js';

export type InResult = { status: 'ok' | 'stall' | 'babble'; data?: DataView };

interface Waiter {
  length: number;
  resolve: (r: InResult) => void;
  reject: (e: unknown) => void;
}

export class BulkInPipe {
  private packets: Uint8Array[] = [];
  private waiters: Waiter[] = [];
  halted = false;

  constructor(
    private readonly packetSize: number,
    private readonly zlpOnExactMultiple = true,
  ) {}

  /** Queues one message as packets (plus a ZLP when it fills its last packet exactly). */
  pushMessage(bytes: Uint8Array, opts: { truncateTo?: number; leadingZlps?: number } = {}): void {
    for (let i = 0; i < (opts.leadingZlps ?? 0); i++) this.packets.push(new Uint8Array(0));
    let b = bytes;
    if (opts.truncateTo !== undefined) {
      // A reader that stops mid-message: end on a short packet so the host sees the transfer close.
      let n = Math.min(opts.truncateTo, bytes.length - 1);
      if (n % this.packetSize === 0) n--;
      b = bytes.subarray(0, Math.max(0, n));
    }
    for (let o = 0; o < b.length; o += this.packetSize) this.packets.push(b.subarray(o, o + this.packetSize));
    if (this.zlpOnExactMultiple && b.length % this.packetSize === 0) this.packets.push(new Uint8Array(0));
    this.pump();
  }

  read(length: number): Promise<InResult> {
    if (this.halted) return Promise.resolve({ status: 'stall' });
    return new Promise((resolve, reject) => {
      this.waiters.push({ length, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiters.length && this.packets.length) {
      const w = this.waiters.shift()!;
      if (this.packets[0]!.length > w.length) {
        this.packets.shift();
        w.resolve({ status: 'babble' });
        continue;
      }
      const parts: Uint8Array[] = [];
      let n = 0;
      while (this.packets.length && n + this.packets[0]!.length <= w.length) {
        const p = this.packets.shift()!;
        parts.push(p);
        n += p.length;
        if (p.length < this.packetSize) break;
      }
      const out = concatBytes(...parts);
      w.resolve({ status: 'ok', data: new DataView(out.buffer) });
    }
  }

  /** Rejects every outstanding read (unplug → NotFoundError, close/reset → AbortError). */
  failReads(e: unknown): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w.reject(e);
  }

  clear(): void {
    this.packets = [];
  }
}

/** Interrupt-IN: one queued message per transfer. */
export class InterruptPipe {
  private queue: Uint8Array[] = [];
  private waiters: Array<{ resolve: (r: InResult) => void; reject: (e: unknown) => void }> = [];

  push(msg: Uint8Array): void {
    this.queue.push(msg);
    this.pump();
  }

  read(): Promise<InResult> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiters.length && this.queue.length) {
      const m = this.queue.shift()!;
      this.waiters.shift()!.resolve({ status: 'ok', data: new DataView(m.slice().buffer) });
    }
  }

  failReads(e: unknown): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w.reject(e);
  }
}

/** The DOMException Chromium raises (names per WebUSB §6 and Chromium's messages, docs/ccid-t1.md "WebUSB errors"). */
export function domError(
  name: 'NotFoundError' | 'AbortError' | 'InvalidStateError' | 'SecurityError' | 'NetworkError',
  message: string,
): Error {
  return new DOMException(message, name);
}

/** Chromium's message when a transfer names an endpoint outside the claimed interface (WebUSB §6). */
export function noSuchEndpoint(): Error {
  return domError(
    'NotFoundError',
    'The specified endpoint is not part of a claimed and selected alternate interface.',
  );
}
