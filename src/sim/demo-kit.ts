/**
 * Everything the demo's simulator provider needs from `sim/`, in one module so the app loads it
 * as one lazy chunk (ARCHITECTURE.md: production code reaches `sim/` only through the provider
 * registry's dynamic import). The demo cards' identities are fixed so the CM emulator can know
 * them (see emulator seed "demo cards").
 */
import { fromHex } from '../iso7816/hex';
import { VirtualCcidReader } from './ccid-reader';
import { FakeUsb } from './fake-usb';
import { VirtualGidsCard } from './gids-card';
import { VirtualPivCard } from './piv-card';

export { FakeUsb, VirtualCcidReader, VirtualGidsCard, VirtualPivCard };

/** The demo GIDS card: a TPM-virtual-smart-card-like card with the default admin key. */
export const DEMO_GIDS_CARD_ID = fromHex('5dc51bd2 36f0 4b9e 8a5c 2f7d1e9b0c41'.replace(/ /g, ''));
/** The demo PIV card's CHUID GUID (becomes its card id, as OpenSC/Windows derive it). */
export const DEMO_PIV_GUID = fromHex('7a1f3c5e9b2d4e6f8a0c1e3f5a7b9d2e');

/** A virtual reader of the given exchange level holding nothing yet, attached to a fake navigator.usb. */
export function createDemoHardware(level: 'tpdu' | 'short-apdu' | 'extended-apdu' = 'tpdu') {
  const usb = new FakeUsb();
  const reader = new VirtualCcidReader({ level, name: 'Simulator reader', serialNumber: 'DEMO-0001' });
  // Granted up front: the demo needs no chooser (like WebUsbAllowDevicesForUrls for a real reader).
  usb.attach(reader, true);
  const cards = {
    gids: new VirtualGidsCard({ cardId: DEMO_GIDS_CARD_ID }),
    piv: new VirtualPivCard({ guid: DEMO_PIV_GUID }),
  };
  return { usb, reader, cards };
}
