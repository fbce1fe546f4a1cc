/**
 * Everything the demo's simulator provider needs from `sim/`, in one module so the app loads it
 * as one lazy chunk (docs/architecture.md "Layers": production code reaches `sim/` only through the provider
 * registry's dynamic import).
 *
 * The demo GIDS card is a blank TPM-virtual-smart-card-like card (default admin key, unknown to the
 * CM server) with a fresh random card id per page load: the demo story is the real one of a new
 * card (enroll → server-proposed PIN / unblock → retire), and a reload always starts clean because
 * the server has never seen the new id.
 */
import { fromHex } from '../iso7816/hex';
import { VirtualCcidReader } from './ccid-reader';
import { FakeUsb } from './fake-usb';
import { VirtualGidsCard } from './gids-card';
import { VirtualPivCard } from './piv-card';

export { FakeUsb, VirtualCcidReader, VirtualGidsCard, VirtualPivCard };

/** The demo PIV card's CHUID GUID (becomes its card id, as OpenSC/Windows derive it). */
export const DEMO_PIV_GUID = fromHex('7a1f3c5e9b2d4e6f8a0c1e3f5a7b9d2e');

/** A virtual reader of the given exchange level holding nothing yet, attached to a fake navigator.usb. */
export function createDemoHardware(
  level: 'tpdu' | 'short-apdu' | 'extended-apdu' = 'tpdu',
  gidsCardId: Uint8Array = globalThis.crypto.getRandomValues(new Uint8Array(16)),
) {
  const usb = new FakeUsb();
  const reader = new VirtualCcidReader({ level, name: 'Simulator', serialNumber: 'DEMO-0001' });
  // Granted up front: the demo needs no chooser (like WebUsbAllowDevicesForUrls for a real reader).
  usb.attach(reader, true);
  const cards = {
    gids: new VirtualGidsCard({ cardId: gidsCardId }),
    piv: new VirtualPivCard({ guid: DEMO_PIV_GUID }),
  };
  return { usb, reader, cards, gidsCardId };
}
