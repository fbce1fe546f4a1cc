/**
 * A fake `navigator.usb` (WebUSB §5 `USB` interface: requestDevice, getDevices, connect and
 * disconnect events) whose devices are {@link VirtualCcidReader}s — for browser tests and the
 * demo's simulator provider. It follows the spec where the driver can observe it: invalid filters
 * throw `TypeError`, an empty choice throws `NotFoundError`, only granted devices are listed,
 * `connect` fires for granted devices on (re)attach, `disconnect` on unplug, and a device without a
 * serial number loses its grant when unplugged (docs/ccid-t1.md "WebUSB errors").
 */
import type { VirtualCcidReader } from './ccid-reader';

type FakeUsbDevice = VirtualCcidReader;

/** Picks a device among the matching ones, like the browser chooser; `undefined` = user cancelled. */
type Chooser = (candidates: FakeUsbDevice[]) => FakeUsbDevice | undefined;

function matches(d: FakeUsbDevice, f: USBDeviceFilter): boolean {
  if (f.vendorId !== undefined && f.vendorId !== d.vendorId) return false;
  if (f.productId !== undefined && f.productId !== d.productId) return false;
  if (f.serialNumber !== undefined && f.serialNumber !== d.serialNumber) return false;
  const cls = d.descriptor.vendorClass ? 0xff : 0x0b;
  if (f.classCode !== undefined && f.classCode !== cls) return false;
  if (f.subclassCode !== undefined && f.subclassCode !== 0) return false;
  if (f.protocolCode !== undefined && f.protocolCode !== 0) return false;
  return true;
}

function checkFilter(f: USBDeviceFilter): void {
  if (f.productId !== undefined && f.vendorId === undefined)
    throw new TypeError('A filter containing a productId must also contain a vendorId.');
  if (f.subclassCode !== undefined && f.classCode === undefined)
    throw new TypeError('A filter containing a subclassCode must also contain a classCode.');
  if (f.protocolCode !== undefined && f.subclassCode === undefined)
    throw new TypeError('A filter containing a protocolCode must also contain a subclassCode.');
}

function connectionEvent(type: 'connect' | 'disconnect', device: FakeUsbDevice): Event {
  return Object.assign(new Event(type), { device });
}

export class FakeUsb extends EventTarget {
  private readonly attached: FakeUsbDevice[] = [];
  private readonly granted = new Set<FakeUsbDevice>();
  chooser: Chooser = (c) => c[0];
  onconnect: ((ev: Event) => void) | null = null;
  ondisconnect: ((ev: Event) => void) | null = null;

  /** Plugs a virtual reader in; `grant` = permission already given (WebUsbAllowDevicesForUrls-style). */
  attach(device: FakeUsbDevice, grant = false): void {
    if (grant) this.granted.add(device);
    this.attached.push(device);
    device.onUnplug = () => this.detach(device);
    if (this.granted.has(device)) this.fire(connectionEvent('connect', device));
  }

  /** Unplugs: the device object is dead afterwards (its transfers fail with NotFoundError). */
  detach(device: FakeUsbDevice): void {
    const i = this.attached.indexOf(device);
    if (i < 0) return;
    this.attached.splice(i, 1);
    const wasGranted = this.granted.has(device);
    if (!device.serialNumber) this.granted.delete(device);
    if (!device.unplugged) device.unplug();
    if (wasGranted) this.fire(connectionEvent('disconnect', device));
  }

  private fire(ev: Event): void {
    this.dispatchEvent(ev);
    const handler = ev.type === 'connect' ? this.onconnect : this.ondisconnect;
    handler?.(ev);
  }

  async requestDevice(options: USBDeviceRequestOptions): Promise<FakeUsbDevice> {
    if (!options || !Array.isArray(options.filters))
      throw new TypeError("Failed to execute 'requestDevice': required member filters is undefined.");
    options.filters.forEach(checkFilter);
    const excluded = options.exclusionFilters ?? [];
    const candidates = this.attached.filter(
      (d) =>
        (options.filters.length === 0 || options.filters.some((f) => matches(d, f))) &&
        !excluded.some((f) => matches(d, f)),
    );
    const chosen = this.chooser(candidates);
    if (!chosen) throw new DOMException('No device selected.', 'NotFoundError');
    this.granted.add(chosen);
    return chosen;
  }

  async getDevices(): Promise<FakeUsbDevice[]> {
    return this.attached.filter((d) => this.granted.has(d));
  }
}
