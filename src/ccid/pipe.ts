/**
 * The bulk pipe of one CCID interface (CCID 1.1 §5.2 and §6): writes PC_to_RDR messages, runs one
 * bulk-IN read loop that reassembles RDR_to_PC messages across transfers, and hands each to the
 * command waiting on its bSlot with the same bSeq.
 *
 * - Reassembly (reassembly.ts): messages cut by dwLength across transfers; a framing error fails
 *   the command named in the broken header (libccid checks dwLength == received − 10 the same
 *   way); spurious ZLPs (Gemalto firmware, libccid `zlp` option) are ignored.
 * - Stale frames: a reply whose bSeq does not match — a late answer to an abandoned command —
 *   is dropped; more than `staleLimit` (libccid: 10) while one command waits fails that command.
 * - Time extension (bmCommandStatus = 2): the wait restarts with the base timeout × bError,
 *   bounded overall by `maxTotalMs`.
 * - Timeouts: WebUSB transfers have neither (whatwg/usb#25), so every command races a timer; on
 *   expiry or caller abort the command is aborted per CCID §5.3.1 (see abort.ts) before rejecting.
 */
import { AbortedError } from '../errors';
import { protocolError, timeoutError, usbError } from './errors';
import { decodeReaderMessage, HEADER_LENGTH, type ReaderMessage } from './messages';
import { Reassembler } from './reassembly';
import { commandStatusOf, CommandStatus } from './slot-errors';
import { resultBytes, type UsbDeviceLike } from './usb-device';
import { abortCommand } from './abort';
import type { ExchangeOptions, Pending, PipeConfig } from './pipe-types';

export type { ExchangeOptions, Pending, PipeConfig } from './pipe-types';

export class CcidPipe {
  private seq = 0;
  private closedBy: Error | undefined;
  private reading = false;
  private readonly assembler: Reassembler;
  readonly pending = new Map<number, Pending>();
  readonly readSize: number;
  /** Frames dropped for a bSeq/bSlot mismatch (observable for tests and diagnostics). */
  droppedFrames = 0;

  constructor(
    readonly device: UsbDeviceLike,
    readonly cfg: PipeConfig,
  ) {
    // Why: request a multiple of wMaxPacketSize ≥ the largest message, else WebUSB reports
    // 'babble' when the reader sends a full-size message (docs/ccid-t1.md "WebUSB errors").
    const p = Math.max(8, cfg.packetSize);
    this.assembler = new Reassembler(cfg.maxMessage);
    this.readSize = Math.ceil(Math.max(cfg.maxMessage, HEADER_LENGTH + 1) / p) * p;
  }

  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  /** Next bSeq (CCID 1.1 §6.1: chosen by the host, wraps at 0xFF). */
  nextSeq(): number {
    const s = this.seq;
    this.seq = (s + 1) & 0xff;
    return s;
  }

  /**
   * Sends the message `build(seq)` to `slot` and resolves with the matching reply. The caller
   * holds the slot's lock (one outstanding command per slot).
   */
  exchange(slot: number, build: (seq: number) => Uint8Array, opt: ExchangeOptions): Promise<ReaderMessage> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    if (opt.signal?.aborted) return Promise.reject(new AbortedError(opt.signal.reason));
    const seq = this.nextSeq();
    const message = build(seq);
    return new Promise<ReaderMessage>((resolve, reject) => {
      const started = Date.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = (): void => {
        // The XfrBlock may carry a PIN or key in its data; WebUSB copied it at transferOut, and the
        // reply (or the failure) means no retry will send it again.
        message.fill(0);
        if (timer) clearTimeout(timer);
        opt.signal?.removeEventListener('abort', onAbort);
        if (this.pending.get(slot) === p) this.pending.delete(slot);
      };
      const p: Pending = {
        slot,
        seq,
        aborting: false,
        stale: 0,
        settle: (msg, err) => {
          if (p.aborting && !err) return;
          if (!err && commandStatusOf(msg!.bStatus) === CommandStatus.TIME_EXTENSION)
            return arm(Math.max(1, msg!.bError));
          cleanup();
          if (err) reject(err);
          else resolve(msg!);
        },
      };
      const giveUp = (err: Error): void => {
        if (p.aborting) return;
        p.aborting = true;
        if (timer) clearTimeout(timer);
        // Why 1 s: a reader answers ABORT within a few ms; a wedged one must not hold the caller.
        void abortCommand(this, p, this.cfg.abortWaitMs ?? 1000).finally(() => {
          p.aborting = false;
          p.settle(undefined, err);
        });
      };
      const arm = (multiplier: number): void => {
        if (timer) clearTimeout(timer);
        const left = opt.maxTotalMs - (Date.now() - started);
        const wait = Math.min(opt.timeoutMs * multiplier, left);
        if (wait <= 0)
          return giveUp(timeoutError('CCID command (time extensions)', opt.maxTotalMs, { slot }));
        timer = setTimeout(() => giveUp(timeoutError('CCID command', wait, { slot })), wait);
      };
      const onAbort = (): void => giveUp(new AbortedError(opt.signal?.reason));
      opt.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(slot, p);
      arm(1);
      this.ensureReading();
      this.write(message).catch((e: unknown) => p.settle(undefined, e as Error));
    });
  }

  /** Writes one message; a stalled bulk-OUT is cleared and the write retried once (USB 2.0 §9.4.5). */
  async write(message: Uint8Array): Promise<void> {
    let r: USBOutTransferResult;
    try {
      r = await this.device.transferOut(this.cfg.epOut, message as Uint8Array<ArrayBuffer>);
      if (r.status === 'stall') {
        await this.device.clearHalt('out', this.cfg.epOut);
        r = await this.device.transferOut(this.cfg.epOut, message as Uint8Array<ArrayBuffer>);
      }
    } catch (e) {
      throw this.mapUsbError(e, 'bulk-OUT');
    }
    if (r.status !== 'ok') throw protocolError(`bulk-OUT status ${r.status}`);
  }

  private ensureReading(): void {
    if (this.reading || this.closedBy) return;
    this.reading = true;
    void this.readLoop().finally(() => {
      this.reading = false;
      if (this.pending.size > 0 && !this.closedBy) this.ensureReading();
    });
  }

  private async readLoop(): Promise<void> {
    while (!this.closedBy && this.pending.size > 0) {
      let r: USBInTransferResult;
      try {
        r = await this.device.transferIn(this.cfg.epIn, this.readSize);
        if (r.status === 'stall') {
          // Why: a halted endpoint stays halted until the host clears it (USB 2.0 §8.4.5).
          await this.device.clearHalt('in', this.cfg.epIn);
          continue;
        }
      } catch (e) {
        this.failAll(this.mapUsbError(e, 'bulk-IN'));
        return;
      }
      if (r.status === 'babble') {
        this.assembler.reset();
        this.failSlots(protocolError('bulk-IN babble (reader sent more than requested)'));
        continue;
      }
      const chunk = resultBytes(r);
      this.onData(chunk, chunk.length < this.readSize);
    }
  }

  /** Feeds one transfer's bytes to the reassembler and dispatches what it yields. */
  onData(chunk: Uint8Array, ended: boolean): void {
    const r = this.assembler.push(chunk, ended);
    if ('messages' in r) {
      for (const m of r.messages) this.dispatch(m);
      return;
    }
    const err = protocolError(r.error);
    if (r.head) this.failOne(r.head[5]!, r.head[6]!, err);
    else this.failSlots(err);
  }

  private dispatch(bytes: Uint8Array): void {
    let msg: ReaderMessage;
    try {
      msg = decodeReaderMessage(bytes);
    } catch (e) {
      this.failOne(bytes[5]!, bytes[6]!, protocolError((e as Error).message));
      return;
    }
    const p = this.pending.get(msg.slot);
    if (!p || p.seq !== msg.seq) {
      this.droppedFrames++;
      if (p && ++p.stale > (this.cfg.staleLimit ?? 10)) {
        p.settle(
          undefined,
          protocolError(`more than ${this.cfg.staleLimit ?? 10} stale frames`, { slot: msg.slot }),
        );
      }
      return;
    }
    if (p.aborting) {
      if (msg.type === 0x81 && p.onAbortStatus) p.onAbortStatus();
      return;
    }
    p.settle(msg);
  }

  private failOne(slot: number, seq: number, err: Error): void {
    const p = this.pending.get(slot);
    if (p && p.seq === seq) p.settle(undefined, err);
    else this.droppedFrames++;
  }

  private failSlots(err: Error): void {
    for (const p of [...this.pending.values()]) p.settle(undefined, err);
  }

  /** Rejects every pending command at once and refuses new ones (USB disconnect, close). */
  failAll(err: Error): void {
    if (!this.closedBy) this.closedBy = err;
    for (const p of [...this.pending.values()]) {
      p.aborting = false;
      p.settle(undefined, err);
    }
  }

  /** Maps a rejected WebUSB transfer; a vanished device fails every pending command. */
  mapUsbError(e: unknown, where: string): Error {
    const err = usbError(e, where);
    if (err.code === 'transport/device-gone') this.failAll(err);
    return err;
  }
}
