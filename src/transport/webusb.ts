/**
 * The WebUSB `ReaderProvider` (docs/architecture.md "Interfaces"): finds CCID readers through
 * `navigator.usb` (WebUSB §5), opens each with the CCID driver and exposes one `CardReader` per
 * slot. Readers are asked for with a class filter 0x0B plus the known vendor-class (0xFF) readers
 * by VID/PID; an ordinary origin will be refused at claim time (protected class, docs/architecture.md "Reader routes") —
 * the driver turns that into `transport/access-denied` with the IWA explanation.
 */
import { CcidReader, type CcidReaderOptions } from '../ccid/reader';
import type { UsbDeviceLike } from '../ccid/usb-device';
import { webUsbSupport } from './support';
import type { ReaderProvider, Support } from './types';
import { cardReadersOf, type CcidCardReader } from './webusb-reader';

/** The part of `navigator.usb` this provider uses. */
export interface UsbLike {
  requestDevice(options: USBDeviceRequestOptions): Promise<UsbDeviceLike>;
  getDevices(): Promise<UsbDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (ev: Event) => void): void;
}

/**
 * Readers whose CCID interface is vendor class 0xFF (not protected in Chromium, docs/architecture.md "Reader routes").
 * Source: libccid readers/SPR532.txt ("bInterfaceClass: 0xFF … CCID Class Descriptor").
 */
const VENDOR_CLASS_READERS: readonly USBDeviceFilter[] = [{ vendorId: 0x04e6, productId: 0xe003 }];

/** requestDevice filters: any smart-card class interface, plus the vendor-class readers. */
export const CCID_FILTERS: readonly USBDeviceFilter[] = [{ classCode: 0x0b }, ...VENDOR_CLASS_READERS];

export class WebUsbProvider extends EventTarget implements ReaderProvider {
  readonly kind = 'webusb' as const;
  private readonly open = new Map<UsbDeviceLike, Promise<CcidCardReader[]>>();

  constructor(
    private readonly usb: UsbLike | undefined = (
      globalThis.navigator as (Navigator & { usb?: UsbLike }) | undefined
    )?.usb,
    private readonly options: CcidReaderOptions = {},
  ) {
    super();
    usb?.addEventListener('disconnect', (ev) => {
      const device = (ev as Event & { device?: UsbDeviceLike }).device;
      const reader = device && this.open.get(device);
      if (!reader || !device) return;
      this.open.delete(device);
      void reader.then(
        (r) => r[0]?.reader.handleDisconnect(),
        () => undefined,
      );
      this.dispatchEvent(new Event('readerschanged'));
    });
    usb?.addEventListener('connect', () => this.dispatchEvent(new Event('readerschanged')));
  }

  isSupported(): Support {
    return webUsbSupport(this.usb);
  }

  /** Shows the chooser (needs a user gesture, WebUSB §5.2); a cancelled chooser yields no readers. */
  async requestReaders(): Promise<CcidCardReader[]> {
    if (!this.usb) return [];
    let device: UsbDeviceLike;
    try {
      device = await this.usb.requestDevice({ filters: [...CCID_FILTERS] });
    } catch (e) {
      if ((e as { name?: string }).name === 'NotFoundError') return [];
      throw e;
    }
    return this.readersFor(device);
  }

  /** Readers granted earlier. A device that cannot be opened is skipped unless none can. */
  async knownReaders(): Promise<CcidCardReader[]> {
    if (!this.usb) return [];
    const out: CcidCardReader[] = [];
    let firstError: unknown;
    for (const d of await this.usb.getDevices()) {
      try {
        out.push(...(await this.readersFor(d)));
      } catch (e) {
        firstError ??= e;
      }
    }
    if (out.length === 0 && firstError) throw firstError;
    return out;
  }

  /** One driver instance and one set of CardReaders per device, however often it is asked for. */
  private readersFor(device: UsbDeviceLike): Promise<CcidCardReader[]> {
    let p = this.open.get(device);
    if (!p) {
      p = CcidReader.open(device, this.options).then(cardReadersOf);
      this.open.set(device, p);
      p.catch(() => this.open.delete(device));
    }
    return p;
  }
}
