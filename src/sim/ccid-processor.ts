/**
 * Reader-side command processing of the virtual CCID reader (CCID 1.1 §6.1–6.2, §5.3.1): one
 * command at a time per slot (CMD_SLOT_BUSY otherwise), latency, the injected
 * {@link ReaderFault}s, and the abort handshake — the aborted command ends with CMD_ABORTED before
 * the Abort's own SlotStatus.
 */
import { sleep } from '../common/sleep';
import type { ReaderFault } from './ccid-faults';
import { commandLength, MSG, readCommand, REPLY, reply, type HostCommand } from './ccid-frames';
import { FAILED, type SimSlot } from './ccid-slot';

/** What the processor needs from the USB side of the reader. */
interface ProcessorHost {
  slots(): SimSlot[];
  readonly latencyMs: number;
  readonly maxMessage: number;
  /** Not unplugged and still open. */
  isAlive(): boolean;
  send(msg: Uint8Array, opts?: { truncateTo?: number; leadingZlps?: number }): void;
  /** Queues an interrupt-IN message when the reader has that endpoint. */
  pushInterrupt(msg: Uint8Array): void;
  unplug(): void;
  removeCard(slot: number): void;
  takeFault(): ReaderFault | undefined;
}

export class CommandProcessor {
  /** Most slots busy at the same time, and commands refused with CMD_SLOT_BUSY (for tests). */
  maxBusySlots = 0;
  busyRejections = 0;
  /** PC_to_RDR_Abort messages that matched an ABORT class request (CCID 1.1 §5.3.1). */
  abortsHandled = 0;

  private outBuf: Uint8Array = new Uint8Array(0);

  constructor(private readonly host: ProcessorHost) {}

  /** Bytes written to bulk-OUT: cut into commands by dwLength (CCID 1.1 §6.1) and run each. */
  onBulkOut(bytes: Uint8Array): void {
    const joined = new Uint8Array(this.outBuf.length + bytes.length);
    joined.set(this.outBuf);
    joined.set(bytes, this.outBuf.length);
    let off = 0;
    while (joined.length - off >= 10) {
      const n = commandLength(joined.subarray(off));
      if (n > this.host.maxMessage) {
        // dwLength beyond dwMaxCCIDMessageLength: answer "bad dwLength" (bError 1) and drop the rest.
        const c = readCommand(joined.subarray(off, off + 10));
        const icc = this.host.slots()[c.slot]?.iccStatus ?? 2;
        this.host.send(reply(REPLY.SlotStatus, c.slot, c.seq, FAILED, icc, 0x01, 0));
        off = joined.length;
        break;
      }
      if (joined.length - off < n) break;
      void this.onCommand(readCommand(joined.subarray(off, off + n)));
      off += n;
    }
    this.outBuf = joined.slice(off);
  }

  resetBulkOut(): void {
    this.outBuf = new Uint8Array(0);
  }

  async onCommand(cmd: HostCommand): Promise<void> {
    const s = this.host.slots()[cmd.slot];
    if (!s) return this.host.send(reply(REPLY.SlotStatus, cmd.slot, cmd.seq, FAILED, 2, 0x05, 0));
    if (cmd.type === MSG.Abort) return this.onAbort(s, cmd);
    if (s.busy) {
      this.busyRejections++;
      return this.host.send(s.fail(cmd, 0xe0)); // CMD_SLOT_BUSY (CCID 1.1 §6.2.6)
    }
    s.busy = true;
    this.maxBusySlots = Math.max(this.maxBusySlots, this.host.slots().filter((x) => x.busy).length);
    s.currentSeq = cmd.seq;
    let finish!: () => void;
    s.done = new Promise((r) => (finish = r));
    s.aborted = false;
    const aborted = new Promise<'aborted'>(
      (r) =>
        (s.abortNow = () => {
          s.aborted = true;
          r('aborted');
        }),
    );
    const fault = cmd.type === MSG.XfrBlock ? this.host.takeFault() : undefined;
    try {
      const out = await Promise.race([this.run(s, cmd, fault), aborted]);
      if (out === 'aborted')
        this.host.send(s.fail(cmd, 0xff)); // CMD_ABORTED
      else if (out) this.deliver(out, fault);
    } finally {
      s.busy = false;
      s.abortNow = undefined;
      finish();
    }
  }

  private async run(
    s: SimSlot,
    cmd: HostCommand,
    fault: ReaderFault | undefined,
  ): Promise<Uint8Array | undefined> {
    if (this.host.latencyMs) await sleep(this.host.latencyMs);
    switch (fault?.kind) {
      case 'unplug':
        this.host.unplug();
        return undefined;
      case 'mute':
        return new Promise<undefined>(() => {}); // only an abort ends this command
      case 'card-removed':
        this.host.removeCard(cmd.slot);
        return s.fail(cmd, 0xfe);
      case 'hardware-error':
        this.host.pushInterrupt(Uint8Array.of(0x51, cmd.slot, cmd.seq, fault.code ?? 0x01));
        return s.fail(cmd, 0xfb);
      case 'latency':
        await sleep(fault.ms);
        break;
      case 'stale':
        for (let i = 0; i < fault.count; i++)
          this.host.send(
            s.ok(cmd, Uint8Array.of(0x6f, 0x00)).map((b, j) => (j === 6 ? (cmd.seq + 128 + i) & 0xff : b)),
          );
        break;
      case 'time-extension':
        for (let i = 0; i < fault.count && this.host.isAlive() && !s.aborted; i++) {
          this.host.send(reply(REPLY.DataBlock, cmd.slot, cmd.seq, 2, s.iccStatus, fault.multiplier ?? 1, 0));
          await sleep(fault.intervalMs ?? 1);
        }
        break;
    }
    return s.execute(cmd);
  }

  private deliver(out: Uint8Array, fault: ReaderFault | undefined): void {
    if (fault?.kind === 'bogus-length') {
      const n = out.length - 10 + fault.delta;
      out.set([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff], 1);
    }
    this.host.send(out, {
      truncateTo: fault?.kind === 'short-packet' ? fault.bytes : undefined,
      leadingZlps: fault?.kind === 'zlp' ? fault.count : 0,
    });
  }

  /** PC_to_RDR_Abort (CCID 1.1 §5.3.1): end the aborted command first, then answer SlotStatus. */
  private async onAbort(s: SimSlot, cmd: HostCommand): Promise<void> {
    const requested = s.abortSeqs.delete(cmd.seq);
    if (requested) this.abortsHandled++;
    if (requested && s.busy && s.currentSeq === cmd.seq) {
      s.abortNow?.();
      await s.done;
    }
    this.host.send(
      reply(
        REPLY.SlotStatus,
        cmd.slot,
        cmd.seq,
        requested ? 0 : FAILED,
        s.iccStatus,
        requested ? 0 : 0xff,
        0,
      ),
    );
  }
}
