/**
 * USB descriptors of the virtual reader: the 54-byte CCID class descriptor (CCID 1.1 §5.1) inside
 * a configuration descriptor (USB 2.0 §9.6.3) with bulk-OUT 0x01, bulk-IN 0x82 and the optional
 * interrupt-IN 0x83 — what the driver fetches with GET_DESCRIPTOR.
 */
export type SimLevel = 'character' | 'tpdu' | 'short-apdu' | 'extended-apdu';

export interface SimDescriptorOptions {
  level: SimLevel;
  slots: number;
  features: number;
  maxMessage: number;
  maxIfsd: number;
  busySlots: number;
  voltageSupport: number;
  /** dwProtocols bit 0 T=0, bit 1 T=1. */
  protocols: number;
  pinSupport: number;
  classGetResponse: number;
  classEnvelope: number;
  interrupt: boolean;
  packetSize: number;
  /** Interface class 0xFF (vendor) instead of 0x0B. */
  vendorClass: boolean;
  /** Put the class descriptor after the endpoints (OZ776 / Reiner SCT quirk). */
  descriptorAfterEndpoints: boolean;
}

export const EP_OUT = 1;
export const EP_IN = 2;
export const EP_INT = 3;

const LEVEL_BITS: Record<SimLevel, number> = {
  character: 0,
  tpdu: 0x10000,
  'short-apdu': 0x20000,
  'extended-apdu': 0x40000,
};

function classDescriptor(o: SimDescriptorOptions): Uint8Array {
  const b = new Uint8Array(54);
  const v = new DataView(b.buffer);
  b[0] = 54;
  b[1] = 0x21;
  v.setUint16(2, 0x0110, true);
  b[4] = o.slots - 1;
  b[5] = o.voltageSupport;
  v.setUint32(6, o.protocols, true);
  v.setUint32(10, 4000, true); // dwDefaultClock 4 MHz
  v.setUint32(14, 12000, true);
  v.setUint32(19, 10752, true); // dwDataRate: 4 MHz / 372
  v.setUint32(23, 344086, true);
  v.setUint32(28, o.maxIfsd, true);
  v.setUint32(40, o.features, true);
  v.setUint32(44, o.maxMessage, true);
  b[48] = o.classGetResponse;
  b[49] = o.classEnvelope;
  b[52] = o.pinSupport;
  b[53] = o.busySlots;
  return b;
}

function endpoint(address: number, attributes: number, maxPacket: number, interval: number): number[] {
  return [7, 5, address, attributes, maxPacket & 0xff, maxPacket >> 8, interval];
}

export function configurationDescriptor(o: SimDescriptorOptions): Uint8Array {
  const eps = [...endpoint(EP_OUT, 2, o.packetSize, 0), ...endpoint(0x80 | EP_IN, 2, o.packetSize, 0)];
  if (o.interrupt) eps.push(...endpoint(0x80 | EP_INT, 3, 8, 16));
  const itf = [9, 4, 0, 0, o.interrupt ? 3 : 2, o.vendorClass ? 0xff : 0x0b, 0, 0, 0];
  const cls = [...classDescriptor(o)];
  const body = o.descriptorAfterEndpoints ? [...itf, ...eps, ...cls] : [...itf, ...cls, ...eps];
  const total = 9 + body.length;
  return Uint8Array.from([9, 2, total & 0xff, total >> 8, 1, 1, 0, 0x80, 50, ...body]);
}

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
  /** Refuse class control requests (ABORT …) like Chromium's 2026 protected-interface check. */
  refuseClassRequests?: boolean;
}

/**
 * Descriptor fields from the reader options. Defaults: APDU-level readers negotiate by themselves
 * (dwFeatures 0xFE incl. 0x40, like the Yubikey 4); TPDU readers leave PPS, SetParameters and IFSD
 * to the host except automatic PPS (0xBA, like the ACS ACR39U).
 */
export function descriptorOptions(options: VirtualReaderOptions): SimDescriptorOptions {
  const level = options.level;
  const apdu = level === 'short-apdu' || level === 'extended-apdu';
  return {
    level,
    slots: options.slots ?? 1,
    features: (options.features ?? (apdu ? 0xfe : 0xba)) | LEVEL_BITS[level],
    maxMessage: options.maxMessage ?? (level === 'extended-apdu' ? 1034 : 271),
    maxIfsd: options.maxIfsd ?? 254,
    busySlots: options.busySlots ?? 1,
    voltageSupport: options.voltageSupport ?? 7,
    protocols: 3,
    pinSupport: 0,
    classGetResponse: 0xff,
    classEnvelope: 0xff,
    interrupt: options.interrupt ?? true,
    packetSize: options.packetSize ?? 64,
    vendorClass: options.vendorClass ?? false,
    descriptorAfterEndpoints: options.descriptorAfterEndpoints ?? false,
  };
}
