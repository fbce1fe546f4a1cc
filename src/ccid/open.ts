/**
 * Opening a CCID reader over WebUSB (docs/ccid-t1.md "Opening a reader"): open the device, read the
 * configuration descriptor with GET_DESCRIPTOR (WebUSB hides class descriptors), select the
 * configuration, find and claim the CCID interface.
 *
 * Chromium rejects claiming class 0x0B with `SecurityError` for every ordinary origin (reference
 * §0.1): that becomes `transport/access-denied` with `data.reason = 'protected-class'` and an
 * explanation of the Isolated Web App route. `NetworkError` "Unable to claim interface" means the
 * OS driver (Windows CCID class driver, pcscd, macOS ifdreader) holds the reader (§0.3).
 */
import { TransportError } from '../errors';
import {
  parseConfigurationDescriptor,
  findCcidInterface,
  type ConfigurationInfo,
  type InterfaceInfo,
} from './config-descriptor';
import type { CcidDescriptor } from './descriptor';
import { protocolError } from './errors';
import { withTimeout } from './timing';
import { resultBytes, type UsbDeviceLike } from './usb-device';

interface OpenedInterface {
  config: ConfigurationInfo;
  itf: InterfaceInfo & { ccid: CcidDescriptor };
}

const GET_DESCRIPTOR = 6;
const CONFIGURATION = 2;

async function readConfiguration(device: UsbDeviceLike, length: number, ms: number): Promise<Uint8Array> {
  const r = await withTimeout(
    device.controlTransferIn(
      {
        requestType: 'standard',
        recipient: 'device',
        request: GET_DESCRIPTOR,
        value: CONFIGURATION << 8,
        index: 0,
      },
      length,
    ),
    ms,
    'GET_DESCRIPTOR(configuration)',
  );
  if (r.status !== 'ok') throw protocolError(`GET_DESCRIPTOR(configuration) status ${r.status}`);
  return resultBytes(r);
}

function mapClaimError(e: unknown, itf: InterfaceInfo): never {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'SecurityError') {
    throw new TransportError(
      'transport/access-denied',
      'The browser refuses to claim the smart-card interface (USB class 0x0B is protected). Only an Isolated Web App holding the "usb-unrestricted" permission may drive CCID readers over WebUSB; use the Web Smart Card API or install the app as an IWA.',
      { reason: 'protected-class', interfaceClass: itf.bInterfaceClass },
      { cause: e },
    );
  }
  if (name === 'NetworkError') {
    throw new TransportError(
      'transport/access-denied',
      'The reader is held by the operating system (Windows smart-card driver, pcscd or macOS ifdreader); it must be released (e.g. WinUSB driver, pcscd stopped) before the browser can use it.',
      { reason: 'os-driver' },
      { cause: e },
    );
  }
  throw e;
}

/** Opens `device` and claims its CCID interface; every step is bounded by `ms`. */
export async function openCcidInterface(device: UsbDeviceLike, ms: number): Promise<OpenedInterface> {
  if (!device.opened) await withTimeout(device.open(), ms, 'USB open');
  const head = await readConfiguration(device, 9, ms);
  if (head.length < 4) throw protocolError('configuration descriptor header too short');
  const total = head[2]! | (head[3]! << 8);
  const config = parseConfigurationDescriptor(await readConfiguration(device, total, ms));
  const itf = findCcidInterface(config);
  if (device.configuration?.configurationValue !== config.bConfigurationValue) {
    await withTimeout(device.selectConfiguration(config.bConfigurationValue), ms, 'selectConfiguration');
  }
  try {
    await withTimeout(device.claimInterface(itf.bInterfaceNumber), ms, 'claimInterface');
  } catch (e) {
    mapClaimError(e, itf);
  }
  return { config, itf };
}
