/**
 * Locating the CCID interface inside a raw USB configuration descriptor (USB 2.0 §9.6.3–9.6.6,
 * CCID 1.1 §4 and §5.1).
 *
 * WebUSB exposes interfaces and endpoints but not class-specific descriptors, so the driver fetches
 * the whole configuration descriptor with a standard GET_DESCRIPTOR control transfer and walks it
 * here. Quirk (libccid `get_ccid_device_descriptor`): on O2Micro OZ776, Reiner SCT and Bludrive II
 * the 54-byte class descriptor follows the last endpoint instead of the interface descriptor, so a
 * class descriptor anywhere inside the interface's block is attributed to that interface.
 */
import { CcidError } from './errors';
import { parseCcidDescriptor, type CcidDescriptor } from './descriptor';

interface EndpointInfo {
  /** Endpoint number without the direction bit (what WebUSB's transferIn/Out take). */
  number: number;
  direction: 'in' | 'out';
  type: 'control' | 'isochronous' | 'bulk' | 'interrupt';
  wMaxPacketSize: number;
}

export interface InterfaceInfo {
  bInterfaceNumber: number;
  bAlternateSetting: number;
  bInterfaceClass: number;
  bInterfaceSubClass: number;
  bInterfaceProtocol: number;
  endpoints: EndpointInfo[];
  /** The parsed class descriptor when one of 54 bytes (type 0x21, or 0xFF on vendor readers) was found. */
  ccid?: CcidDescriptor;
  /** True when the class descriptor sat after the endpoints (the OZ776 / Reiner SCT quirk). */
  ccidAfterEndpoints?: boolean;
}

export interface ConfigurationInfo {
  wTotalLength: number;
  bConfigurationValue: number;
  interfaces: InterfaceInfo[];
}

const TYPE_CONFIGURATION = 2;
const TYPE_INTERFACE = 4;
const TYPE_ENDPOINT = 5;
const EP_TYPES = ['control', 'isochronous', 'bulk', 'interrupt'] as const;

function fail(detail: string, data: Record<string, unknown> = {}): never {
  throw new CcidError('ccid/descriptor', `Malformed configuration descriptor: ${detail}`, data);
}

/**
 * Walks a configuration descriptor (USB 2.0 §9.6.3) and returns its interfaces with endpoints and
 * any CCID class descriptor. Throws `ccid/descriptor` on a truncated or self-inconsistent blob.
 */
export function parseConfigurationDescriptor(bytes: Uint8Array): ConfigurationInfo {
  if (bytes.length < 9 || bytes[1] !== TYPE_CONFIGURATION)
    fail('no configuration header', { length: bytes.length });
  const wTotalLength = bytes[2]! | (bytes[3]! << 8);
  if (wTotalLength > bytes.length) fail(`wTotalLength ${wTotalLength} exceeds ${bytes.length} bytes`);
  const interfaces: InterfaceInfo[] = [];
  let current: InterfaceInfo | undefined;
  let off = 0;
  while (off < wTotalLength) {
    const len = bytes[off]!;
    const type = bytes[off + 1];
    if (len < 2 || off + len > wTotalLength)
      fail(`descriptor at offset ${off} has bLength ${len}`, { offset: off });
    if (type === TYPE_INTERFACE && len >= 9) {
      current = {
        bInterfaceNumber: bytes[off + 2]!,
        bAlternateSetting: bytes[off + 3]!,
        bInterfaceClass: bytes[off + 5]!,
        bInterfaceSubClass: bytes[off + 6]!,
        bInterfaceProtocol: bytes[off + 7]!,
        endpoints: [],
      };
      interfaces.push(current);
    } else if (type === TYPE_ENDPOINT && len >= 7 && current) {
      const addr = bytes[off + 2]!;
      current.endpoints.push({
        number: addr & 0x0f,
        direction: addr & 0x80 ? 'in' : 'out',
        type: EP_TYPES[bytes[off + 3]! & 3]!,
        wMaxPacketSize: (bytes[off + 4]! | (bytes[off + 5]! << 8)) & 0x7ff,
      });
    } else if ((type === 0x21 || type === 0xff) && len === 54 && current && !current.ccid) {
      current.ccid = parseCcidDescriptor(bytes.subarray(off, off + len));
      if (current.endpoints.length > 0) current.ccidAfterEndpoints = true;
    }
    off += len;
  }
  return { wTotalLength, bConfigurationValue: bytes[5]!, interfaces };
}

/**
 * Picks the CCID interface (CCID 1.1 §4.3): class 0x0B with protocol 0 (bulk CCID; ICCD protocols
 * 1/2 use control transfers and are not driven here), or vendor class 0xFF carrying a 54-byte
 * class descriptor. Throws `ccid/no-interface` when there is none.
 */
export function findCcidInterface(config: ConfigurationInfo): InterfaceInfo & { ccid: CcidDescriptor } {
  for (const itf of config.interfaces) {
    if (!itf.ccid || itf.bAlternateSetting !== 0) continue;
    if (itf.bInterfaceClass === 0x0b && itf.bInterfaceProtocol === 0)
      return itf as InterfaceInfo & { ccid: CcidDescriptor };
    if (itf.bInterfaceClass === 0xff) return itf as InterfaceInfo & { ccid: CcidDescriptor };
  }
  const iccd = config.interfaces.some((i) => i.bInterfaceClass === 0x0b && i.bInterfaceProtocol !== 0);
  throw new CcidError(
    'ccid/no-interface',
    iccd
      ? 'The device is an ICCD token (control-transfer protocol), which this driver does not drive'
      : 'No CCID interface on the device',
    { iccd },
  );
}
