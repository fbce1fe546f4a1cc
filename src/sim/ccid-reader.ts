/**
 * A virtual USB CCID reader: an object with the `USBDevice` members the driver uses (WebUSB §6)
 * that implements the reader side of CCID 1.1 — configuration descriptor over GET_DESCRIPTOR,
 * bulk messages with bSeq echo and CMD_SLOT_BUSY, the ABORT class request (§5.3.1), interrupt
 * NotifySlotChange / HardwareError (§6.3), packetised bulk-IN with ZLPs — holding any
 * {@link VirtualCard} per slot, plus fault injection ({@link ReaderFault}).
 */
import type { VirtualCard } from './ccid-card';
import {
  configurationDescriptor,
  EP_IN,
  EP_INT,
  EP_OUT,
  LEVEL_BITS,
  type SimDescriptorOptions,
  type SimLevel,
} from './ccid-config';
import type { ReaderFault } from './ccid-faults';
import { commandLength, MSG, readCommand, REPLY, reply, type HostCommand } from './ccid-frames';
import { SimSlot, FAILED } from './ccid-slot';
import { BulkInPipe, domError, InterruptPipe, type InResult } from './ccid-usb-pipe';

export interface VirtualReaderOptions {
  level: SimLevel;
  name?: string;
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
  /** bcdDevice as major.minor.subminor. */
  version?: [number, number, number];
  slots?: number;
  interrupt?: boolean;
  packetSize?: 64 | 512;
  maxMessage?: number;
  /** dwFeatures without the level bits; default depends on the level (see below). */
  features?: number;
  maxIfsd?: number;
  busySlots?: number;
  voltageSupport?: number;
  rejectVoltages?: number[];
  vendorClass?: boolean;
  descriptorAfterEndpoints?: boolean;
  /** Reply delay for every command (ms). */
  latencyMs?: number;
  /** S(WTX) requests the T=1 card sends per command (TPDU level). */
  t1WtxPerCommand?: number;
  /** Emulate an ordinary origin in Chromium: claiming class 0x0B fails with SecurityError. */
  protectedClass?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class VirtualCcidReader {
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceVersionMajor: number;
  readonly deviceVersionMinor: number;
  readonly deviceVersionSubminor: number;
  readonly productName: string;
  readonly manufacturerName = 'Smartcard Self-Service simulator';
  readonly serialNumber: string | undefined;
  opened = false;
  configuration: { configurationValue: number } | null = null;
  readonly slots: SimSlot[];
  readonly descriptor: SimDescriptorOptions;
  readonly configBytes: Uint8Array;
  private readonly bulkIn: BulkInPipe;
  private readonly intIn = new InterruptPipe();
  private outBuf: Uint8Array = new Uint8Array(0);
  private claimed = false;
  private gone = false;
  private faults: ReaderFault[] = [];
  private stallOut = false;
  /** Called when the reader is unplugged (the fake navigator.usb fires `disconnect`). */
  onUnplug: (() => void) | undefined;
  readonly latencyMs: number;
  /** Most slots busy at the same time, and commands refused with CMD_SLOT_BUSY (for tests). */
  maxBusySlots = 0;
  busyRejections = 0;
  /** PC_to_RDR_Abort messages that matched an ABORT class request (CCID 1.1 §5.3.1). */
  abortsHandled = 0;

  constructor(readonly options: VirtualReaderOptions) {
    const level = options.level;
    const apdu = level === 'short-apdu' || level === 'extended-apdu';
    this.vendorId = options.vendorId ?? 0x1209;
    this.productId = options.productId ?? 0xcc1d;
    [this.deviceVersionMajor, this.deviceVersionMinor, this.deviceVersionSubminor] = options.version ?? [
      1, 0, 0,
    ];
    this.productName = options.name ?? `Virtual CCID reader (${level})`;
    this.serialNumber = options.serialNumber ?? 'SIM0001';
    this.latencyMs = options.latencyMs ?? 0;
    const packetSize = options.packetSize ?? 64;
    // Defaults: APDU-level readers negotiate by themselves (0x40, like the Yubikey); TPDU readers
    // leave PPS/SetParameters/IFSD to the host except automatic PPS (0xBA, like the ACR39U).
    const features = (options.features ?? (apdu ? 0xfe : 0xba)) | LEVEL_BITS[level];
    this.descriptor = {
      level,
      slots: options.slots ?? 1,
      features,
      maxMessage: options.maxMessage ?? (level === 'extended-apdu' ? 1034 : 271),
      maxIfsd: options.maxIfsd ?? 254,
      busySlots: options.busySlots ?? 1,
      voltageSupport: options.voltageSupport ?? 7,
      protocols: 3,
      pinSupport: 0,
      classGetResponse: 0xff,
      classEnvelope: 0xff,
      interrupt: options.interrupt ?? true,
      packetSize,
      vendorClass: options.vendorClass ?? false,
      descriptorAfterEndpoints: options.descriptorAfterEndpoints ?? false,
    };
    this.configBytes = configurationDescriptor(this.descriptor);
    this.bulkIn = new BulkInPipe(packetSize);
    this.slots = Array.from(
      { length: this.descriptor.slots },
      (_, i) =>
        new SimSlot(i, {
          level,
          maxMessage: this.descriptor.maxMessage,
          voltageSupport: this.descriptor.voltageSupport,
          rejectVoltages: options.rejectVoltages ?? [],
          t1WtxPerCommand: options.t1WtxPerCommand ?? 0,
        }),
    );
  }

  // ---- card handling -------------------------------------------------------------------------

  insertCard(card: VirtualCard, slot = 0): void {
    const s = this.slots[slot]!;
    s.card = card;
    s.powered = false;
    this.notifySlotChange(slot);
  }

  removeCard(slot = 0): void {
    const s = this.slots[slot]!;
    s.card = undefined;
    s.powered = false;
    this.notifySlotChange(slot);
  }

  injectFault(f: ReaderFault): void {
    if (f.kind === 'stall-in') this.bulkIn.halted = true;
    else if (f.kind === 'stall-out') this.stallOut = true;
    else this.faults.push(f);
  }

  /** USB unplug: every outstanding and later transfer fails with NotFoundError (reference §1.7). */
  unplug(): void {
    if (this.gone) return;
    this.gone = true;
    this.opened = false;
    const e = domError('NotFoundError', 'The device was disconnected.');
    this.bulkIn.failReads(e);
    this.intIn.failReads(e);
    this.onUnplug?.();
  }

  get unplugged(): boolean {
    return this.gone;
  }

  private notifySlotChange(changed: number): void {
    if (!this.descriptor.interrupt || !this.claimed) return;
    const msg = new Uint8Array(1 + Math.ceil(this.slots.length / 4));
    msg[0] = 0x50;
    this.slots.forEach((s, i) => {
      const bits = (s.card ? 1 : 0) | (i === changed ? 2 : 0);
      msg[1 + (i >> 2)]! |= bits << ((i & 3) * 2);
    });
    this.intIn.push(msg);
  }

  // ---- USBDevice surface ---------------------------------------------------------------------

  private check(needClaim = true): void {
    if (this.gone) throw domError('NotFoundError', 'The device was disconnected.');
    if (!this.opened) throw domError('InvalidStateError', 'The device must be opened first.');
    if (needClaim && !this.claimed)
      throw domError('InvalidStateError', 'The interface must be claimed first.');
  }

  async open(): Promise<void> {
    if (this.gone) throw domError('NotFoundError', 'The device was disconnected.');
    this.opened = true;
  }

  async close(): Promise<void> {
    if (this.gone) return;
    this.opened = false;
    this.claimed = false;
    this.configuration = null;
    const e = domError('AbortError', 'The transfer was cancelled.');
    this.bulkIn.failReads(e);
    this.intIn.failReads(e);
  }

  async selectConfiguration(value: number): Promise<void> {
    this.check(false);
    if (value !== 1)
      throw domError('NotFoundError', 'The configuration value provided is not supported by the device.');
    this.configuration = { configurationValue: 1 };
  }

  async claimInterface(n: number): Promise<void> {
    this.check(false);
    if (n !== 0 || !this.configuration)
      throw domError(
        'NotFoundError',
        'The interface number provided is not supported by the device in its current configuration.',
      );
    if (this.options.protectedClass && !this.descriptor.vendorClass) {
      throw domError('SecurityError', 'The requested interface implements a protected class.');
    }
    this.claimed = true;
    // Like real readers, report the slot state once the host listens (libccid waits 100 ms for it).
    if (this.slots.some((s) => s.card)) this.notifySlotChange(-1);
  }

  async releaseInterface(): Promise<void> {
    this.claimed = false;
  }

  async reset(): Promise<void> {
    this.check(false);
    const e = domError('AbortError', 'The transfer was cancelled.');
    this.bulkIn.failReads(e);
    this.bulkIn.clear();
    this.outBuf = new Uint8Array(0);
    for (const s of this.slots) s.powered = false;
  }

  async clearHalt(direction: USBDirection, ep: number): Promise<void> {
    this.check();
    if (direction === 'in' && ep === EP_IN) this.bulkIn.halted = false;
    if (direction === 'out' && ep === EP_OUT) this.stallOut = false;
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    this.check(false);
    if (
      setup.requestType === 'standard' &&
      setup.recipient === 'device' &&
      setup.request === 6 &&
      setup.value >> 8 === 2
    ) {
      const d = this.configBytes.slice(0, length);
      return { status: 'ok', data: new DataView(d.buffer) };
    }
    if (
      setup.requestType === 'class' &&
      setup.recipient === 'interface' &&
      (setup.request === 2 || setup.request === 3)
    ) {
      const values = setup.request === 2 ? [4000, 8000] : [10752, 21505, 344086];
      const d = new Uint8Array(values.length * 4);
      values.forEach((x, i) => new DataView(d.buffer).setUint32(i * 4, x, true));
      return { status: 'ok', data: new DataView(d.buffer, 0, Math.min(length, d.length)) };
    }
    return { status: 'stall' };
  }

  async controlTransferOut(setup: USBControlTransferParameters): Promise<USBOutTransferResult> {
    this.check();
    if (setup.requestType === 'class' && setup.recipient === 'interface' && setup.request === 1) {
      const slot = setup.value & 0xff;
      this.slots[slot]?.abortSeqs.add(setup.value >> 8);
      return { status: 'ok', bytesWritten: 0 };
    }
    return { status: 'stall', bytesWritten: 0 };
  }

  async transferIn(ep: number, length: number): Promise<InResult> {
    this.check();
    if (ep === EP_INT && this.descriptor.interrupt) return this.intIn.read();
    if (ep !== EP_IN)
      throw domError(
        'NotFoundError',
        'The specified endpoint is not part of a claimed and selected alternate interface.',
      );
    return this.bulkIn.read(length);
  }

  async transferOut(ep: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.check();
    if (ep !== EP_OUT)
      throw domError(
        'NotFoundError',
        'The specified endpoint is not part of a claimed and selected alternate interface.',
      );
    if (this.stallOut) return { status: 'stall', bytesWritten: 0 };
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    const joined = new Uint8Array(this.outBuf.length + bytes.length);
    joined.set(this.outBuf);
    joined.set(bytes, this.outBuf.length);
    let off = 0;
    while (joined.length - off >= 10) {
      const n = commandLength(joined.subarray(off));
      if (n - 10 > this.descriptor.maxMessage - 10) {
        // dwLength beyond dwMaxCCIDMessageLength: answer "bad dwLength" and drop the rest.
        const c = readCommand(joined.subarray(off, off + 10));
        this.send(
          reply(REPLY.SlotStatus, c.slot, c.seq, FAILED, this.slots[c.slot]?.iccStatus ?? 2, 0x01, 0),
        );
        off = joined.length;
        break;
      }
      if (joined.length - off < n) break;
      void this.onCommand(readCommand(joined.subarray(off, off + n)));
      off += n;
    }
    this.outBuf = joined.slice(off);
    return { status: 'ok', bytesWritten: bytes.length };
  }

  // ---- command processing --------------------------------------------------------------------

  private send(msg: Uint8Array, opts?: { truncateTo?: number; leadingZlps?: number }): void {
    if (!this.gone) this.bulkIn.pushMessage(msg, opts);
  }

  private async onCommand(cmd: HostCommand): Promise<void> {
    const s = this.slots[cmd.slot];
    if (!s) return this.send(reply(REPLY.SlotStatus, cmd.slot, cmd.seq, FAILED, 2, 0x05, 0));
    if (cmd.type === MSG.Abort) return this.onAbort(s, cmd);
    if (s.busy) {
      this.busyRejections++;
      return this.send(s.fail(cmd, 0xe0)); // CMD_SLOT_BUSY (CCID 1.1 §6.2.6)
    }
    s.busy = true;
    this.maxBusySlots = Math.max(this.maxBusySlots, this.slots.filter((x) => x.busy).length);
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
    const fault = cmd.type === MSG.XfrBlock ? this.faults.shift() : undefined;
    try {
      const out = await Promise.race([this.run(s, cmd, fault), aborted]);
      if (out === 'aborted')
        this.send(s.fail(cmd, 0xff)); // CMD_ABORTED
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
    if (this.latencyMs) await sleep(this.latencyMs);
    switch (fault?.kind) {
      case 'unplug':
        this.unplug();
        return undefined;
      case 'mute':
        return new Promise<undefined>(() => {}); // only an abort ends this command
      case 'card-removed':
        this.removeCard(cmd.slot);
        return s.fail(cmd, 0xfe);
      case 'hardware-error':
        if (this.descriptor.interrupt)
          this.intIn.push(Uint8Array.of(0x51, cmd.slot, cmd.seq, fault.code ?? 0x01));
        return s.fail(cmd, 0xfb);
      case 'latency':
        await sleep(fault.ms);
        break;
      case 'stale':
        for (let i = 0; i < fault.count; i++)
          this.send(
            s.ok(cmd, Uint8Array.of(0x6f, 0x00)).map((b, j) => (j === 6 ? (cmd.seq + 128 + i) & 0xff : b)),
          );
        break;
      case 'time-extension':
        for (let i = 0; i < fault.count && !this.gone && this.opened && !s.aborted; i++) {
          this.send(reply(REPLY.DataBlock, cmd.slot, cmd.seq, 2, s.iccStatus, fault.multiplier ?? 1, 0));
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
    this.send(out, {
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
    this.send(
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
