/**
 * The simulator `ReaderProvider`: a virtual CCID reader on a fake `navigator.usb`, driven by the
 * very same WebUSB provider and CCID driver as a real reader — so the demo and the tests exercise
 * the whole stack (CCID framing, T=1 blocks, real card status words), not a shortcut.
 * It lives in `sim/` (it implements transport's `ReaderProvider`); only the composition root loads it,
 * through one dynamic import behind `__SIMULATOR__`, so production bundles contain none of it.
 */
import type { CardReader, ReaderProvider, Support } from '../transport/types';
import { WebUsbProvider, type UsbLike } from '../transport/webusb';
import { createDemoHardware } from './demo-kit';

type SimCardType = 'gids' | 'piv';

type Hardware = ReturnType<typeof createDemoHardware>;

export class SimulatorProvider extends EventTarget implements ReaderProvider {
  readonly kind = 'simulator' as const;
  private readonly inner: WebUsbProvider;
  private inserted: SimCardType | undefined;

  private constructor(private readonly hw: Hardware) {
    super();
    this.inner = new WebUsbProvider(hw.usb as unknown as UsbLike);
  }

  /** Loads the simulator code and builds reader + cards; the GIDS card starts inserted. */
  static async create(
    level?: 'tpdu' | 'short-apdu' | 'extended-apdu',
    gidsCardId?: Uint8Array,
  ): Promise<SimulatorProvider> {
    const p = new SimulatorProvider(createDemoHardware(level, gidsCardId));
    p.insert('gids');
    return p;
  }

  isSupported(): Support {
    return { supported: true };
  }

  requestReaders(): Promise<CardReader[]> {
    return this.inner.requestReaders();
  }

  knownReaders(): Promise<CardReader[]> {
    return this.inner.knownReaders();
  }

  /** The demo GIDS card's 16-byte card id (random per page load). */
  get gidsCardId(): Uint8Array {
    return this.hw.gidsCardId.slice();
  }

  /** Which virtual card is in the reader. */
  get card(): SimCardType | undefined {
    return this.inserted;
  }

  /** Puts a virtual card in (removing the other); cards keep their state (PIN, keys) between insertions. */
  insert(type: SimCardType): void {
    if (this.inserted) this.hw.reader.removeCard();
    this.hw.reader.insertCard(this.hw.cards[type]);
    this.inserted = type;
    this.dispatchEvent(new Event('simcardchange'));
  }

  /** Pulls the card out, as a user would (the driver sees the CCID NotifySlotChange). */
  remove(): void {
    if (!this.inserted) return;
    this.hw.reader.removeCard();
    this.inserted = undefined;
    this.dispatchEvent(new Event('simcardchange'));
  }
}
