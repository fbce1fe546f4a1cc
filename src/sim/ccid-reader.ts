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
  descriptorOptions,
  EP_IN,
  EP_INT,
  EP_OUT,
  type SimDescriptorOptions,
  type VirtualReaderOptions,
} from './ccid-config';

export type { VirtualReaderOptions } from './ccid-config';
import type { ReaderFault } from './ccid-faults';
import { SimSlot } from './ccid-slot';
import { controlIn, parseAbort } from './ccid-control';
import { notifySlotChange } from './ccid-frames';
import { CommandProcessor } from './ccid-processor';
import { BulkInPipe, domError, InterruptPipe, noSuchEndpoint, type InResult } from './ccid-usb-pipe';

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
  private claimed = false;
  private gone = false;
  private faults: ReaderFault[] = [];
  private stallOut = false;
  /** Called when the reader is unplugged (the fake navigator.usb fires `disconnect`). */
  onUnplug: (() => void) | undefined;
  readonly latencyMs: number;
  /** Command processing and its counters (busy slots, CMD_SLOT_BUSY refusals, aborts). */
  readonly processor: CommandProcessor;

  constructor(readonly options: VirtualReaderOptions) {
    const level = options.level;
    this.vendorId = options.vendorId ?? 0x1209;
    this.productId = options.productId ?? 0xcc1d;
    [this.deviceVersionMajor, this.deviceVersionMinor, this.deviceVersionSubminor] = options.version ?? [
      1, 0, 0,
    ];
    this.productName = options.name ?? `Virtual CCID reader (${level})`;
    this.serialNumber = options.serialNumber ?? 'SIM0001';
    this.latencyMs = options.latencyMs ?? 0;
    this.descriptor = descriptorOptions(options);
    this.configBytes = configurationDescriptor(this.descriptor);
    this.processor = new CommandProcessor({
      slots: () => this.slots,
      latencyMs: this.latencyMs,
      maxMessage: this.descriptor.maxMessage,
      isAlive: () => !this.gone && this.opened,
      send: (m, o) => this.send(m, o),
      pushInterrupt: (m) => {
        if (this.descriptor.interrupt) this.intIn.push(m);
      },
      unplug: () => this.unplug(),
      removeCard: (i) => this.removeCard(i),
      takeFault: () => this.faults.shift(),
    });
    this.bulkIn = new BulkInPipe(this.descriptor.packetSize);
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

  /** USB unplug: every outstanding and later transfer fails with NotFoundError (docs/ccid-t1.md "WebUSB errors"). */
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
    this.intIn.push(
      notifySlotChange(
        this.slots.map((sl) => sl.card !== undefined),
        changed,
      ),
    );
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
    this.processor.resetBulkOut();
    for (const s of this.slots) s.powered = false;
  }

  async clearHalt(direction: USBDirection, ep: number): Promise<void> {
    this.check();
    if (direction === 'in' && ep === EP_IN) this.bulkIn.halted = false;
    if (direction === 'out' && ep === EP_OUT) this.stallOut = false;
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    this.check(false);
    return controlIn(setup, length, this.configBytes);
  }

  async controlTransferOut(setup: USBControlTransferParameters): Promise<USBOutTransferResult> {
    this.check();
    if (setup.requestType === 'class' && this.options.refuseClassRequests) {
      // Chromium change 7677820: class requests to a protected-class interface are refused.
      throw domError('SecurityError', 'The requested control transfer targets a protected interface.');
    }
    const abort = parseAbort(setup);
    if (abort) {
      this.slots[abort.slot]?.abortSeqs.add(abort.seq);
      return { status: 'ok', bytesWritten: 0 };
    }
    return { status: 'stall', bytesWritten: 0 };
  }

  async transferIn(ep: number, length: number): Promise<InResult> {
    this.check();
    if (ep === EP_INT && this.descriptor.interrupt) return this.intIn.read();
    if (ep !== EP_IN) throw noSuchEndpoint();
    return this.bulkIn.read(length);
  }

  async transferOut(ep: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.check();
    if (ep !== EP_OUT) throw noSuchEndpoint();
    if (this.stallOut) return { status: 'stall', bytesWritten: 0 };
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    this.processor.onBulkOut(bytes);
    return { status: 'ok', bytesWritten: bytes.length };
  }

  private send(msg: Uint8Array, opts?: { truncateTo?: number; leadingZlps?: number }): void {
    if (!this.gone) this.bulkIn.pushMessage(msg, opts);
  }
}
