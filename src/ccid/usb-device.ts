/**
 * The slice of WebUSB's `USBDevice` the CCID driver uses (WebUSB §6). Taking this shape instead of
 * `USBDevice` lets the same driver run against the browser, the virtual reader in `sim/` and
 * node-usb's WebUSB shim.
 */
export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceVersionMajor: number;
  readonly deviceVersionMinor: number;
  readonly deviceVersionSubminor: number;
  readonly productName?: string | undefined;
  readonly manufacturerName?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly opened: boolean;
  readonly configuration?: { configurationValue: number } | null | undefined;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface?(interfaceNumber: number): Promise<void>;
  controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult>;
  controlTransferOut(setup: USBControlTransferParameters, data?: BufferSource): Promise<USBOutTransferResult>;
  transferIn(endpointNumber: number, length: number): Promise<USBInTransferResult>;
  transferOut(endpointNumber: number, data: BufferSource): Promise<USBOutTransferResult>;
  clearHalt(direction: USBDirection, endpointNumber: number): Promise<void>;
  reset(): Promise<void>;
}

/** BCD bcdDevice rebuilt from WebUSB's split version fields (e.g. 2.00 → 0x0200). */
export function bcdDevice(d: UsbDeviceLike): number {
  return (d.deviceVersionMajor << 8) | (d.deviceVersionMinor << 4) | d.deviceVersionSubminor;
}

/** Bytes of a transfer result's DataView without copying. */
export function resultBytes(r: USBInTransferResult): Uint8Array {
  const v = r.data;
  return v ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(0);
}
