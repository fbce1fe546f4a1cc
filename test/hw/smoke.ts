/**
 * `npm run test:hw` — opt-in hardware tier, never part of `npm test`. Looks for a real reader with
 * a GIDS or PIV card (or a YubiKey) on two routes and runs a read-only smoke on each it finds:
 *
 * - PC/SC through the card bridge's own backend (bridge/src/pcsc-mini-service.ts over pcsc-mini),
 *   i.e. the system's pcscd / WinSCard — the route the card bridge gives the app;
 * - WebUSB-shaped USB through node-usb (`usb` package, not a dependency: `npm i --no-save usb`)
 *   driven by the app's own CCID driver (src/ccid/reader.ts).
 *
 * Smoke, read-only, no PIN: SELECT PIV (NIST SP 800-73-4 §3.1.1) and GET DATA of the CHUID
 * (5FC102) and the discovery object (7E); otherwise SELECT GIDS and GET DATA of the master file
 * (EF A000, DO DF1F). Nothing is written and no PIN is verified, so no retry counter moves.
 * With no reader, no card, no PC/SC service and no node-usb, it prints why and exits 0 (skipped).
 */
import { PcscMiniService } from '../../bridge/src/pcsc-mini-service';
import { loadPcscMini } from '../../bridge/src/load-binding';
import { SCARD_DISPOSITION, SCARD_PROTOCOL, SCARD_SHARE, SCARD_STATE } from '../../bridge/src/pcsc';
import * as Gids from '../../src/card/gids/apdus';
import * as Piv from '../../src/card/piv/apdus';
import { transmitApdu, type ApduTransport } from '../../src/iso7816/apdu';
import { toHex } from '../../src/iso7816/hex';
import type { UsbDeviceLike } from '../../src/ccid/usb-device';

const skips: string[] = [];
let ran = 0;

/** Read-only smoke over one raw APDU transport; throws on any unexpected answer. */
async function smoke(route: string, conn: ApduTransport): Promise<void> {
  const piv = await transmitApdu(conn, Piv.selectPiv());
  if (piv.sw === 0x9000) {
    const chuid = await transmitApdu(conn, Piv.getData(Piv.CHUID_TAG));
    const discovery = await transmitApdu(conn, Piv.getData(Uint8Array.of(0x7e)));
    console.info(
      `[hw ${route}] PIV: CHUID SW ${chuid.sw.toString(16)} (${chuid.data.length} bytes), discovery SW ${discovery.sw.toString(16)} (${discovery.data.length} bytes)`,
    );
    if (chuid.sw !== 0x9000 && chuid.sw !== 0x6a82)
      throw new Error(`GET DATA CHUID answered ${chuid.sw.toString(16)}`);
    ran++;
    return;
  }
  const gids = await transmitApdu(conn, Gids.selectGids());
  if (gids.sw !== 0x9000) {
    console.info(
      `[hw ${route}] card has neither PIV (SW ${piv.sw.toString(16)}) nor GIDS (SW ${gids.sw.toString(16)}): not a target card`,
    );
    skips.push(`${route}: the card is neither PIV nor GIDS`);
    return;
  }
  const mf = await transmitApdu(conn, Gids.getData(Gids.MASTERFILE.efId, Gids.MASTERFILE.doId));
  console.info(`[hw ${route}] GIDS: master file SW ${mf.sw.toString(16)} (${mf.data.length} bytes)`);
  if (mf.sw !== 0x9000) throw new Error(`GET DATA master file answered ${mf.sw.toString(16)}`);
  ran++;
}

/** PC/SC: the system service through the bridge's backend. Why 1.5 s: pcsc-mini reports readers on its first status round. */
async function viaPcsc(): Promise<void> {
  let service: PcscMiniService;
  try {
    service = new PcscMiniService(await loadPcscMini(), { initialMs: 60_000, maxMs: 60_000 });
  } catch (e) {
    skips.push(`PC/SC: pcsc-mini could not load (${(e as Error).message})`);
    return;
  }
  try {
    await new Promise((r) => setTimeout(r, 1500));
    if (service.state !== 'running')
      return void skips.push('PC/SC: no PC/SC service is running (pcscd / WinSCard)');
    const readers = service.readers();
    if (readers.length === 0) return void skips.push('PC/SC: the service runs but reports no reader');
    const withCard = readers.filter((r) => (r.state & SCARD_STATE.PRESENT) !== 0);
    if (withCard.length === 0)
      return void skips.push(`PC/SC: no card in ${readers.map((r) => r.name).join(', ')}`);
    for (const r of withCard) {
      const card = await service.connect(r.name, SCARD_SHARE.shared, SCARD_PROTOCOL.T0 | SCARD_PROTOCOL.T1);
      console.info(`[hw pcsc] ${r.name}, ATR ${toHex((await card.status()).atr)}`);
      try {
        await smoke(`pcsc ${r.name}`, { transmit: (c) => card.transmit(c) });
      } finally {
        await card.disconnect(SCARD_DISPOSITION.leave);
      }
    }
  } finally {
    service.close();
  }
}

/** USB: node-usb's WebUSB object under the app's CCID driver (class 0x0B interfaces only). */
async function viaNodeUsb(): Promise<void> {
  let usb: { WebUSB: new (o: { allowAllDevices: boolean }) => { getDevices(): Promise<USBDevice[]> } };
  try {
    usb = (await import(/* @vite-ignore */ 'usb' as string)) as typeof usb;
  } catch {
    return void skips.push(
      'USB: node-usb is not installed (npm i --no-save usb to try the CCID driver on a real reader)',
    );
  }
  const devices = await new usb.WebUSB({ allowAllDevices: true }).getDevices();
  const ccid = devices.filter((d) =>
    d.configuration?.interfaces.some((i) => i.alternates.some((a) => a.interfaceClass === 0x0b)),
  );
  if (ccid.length === 0) return void skips.push(`USB: no CCID reader among ${devices.length} USB devices`);
  const { CcidReader } = await import('../../src/ccid/reader');
  const { CcidCardConnection } = await import('../../src/transport/webusb-reader');
  for (const d of ccid) {
    // node-usb's WebUSB device has the members UsbDeviceLike names (its productName may be null).
    const reader = await CcidReader.open(d as unknown as UsbDeviceLike, { timeoutMs: 3000 });
    try {
      console.info(`[hw usb] ${reader.name}, exchange level ${reader.descriptor.exchangeLevel}`);
      const conn = new CcidCardConnection(await reader.slots[0]!.connect());
      await smoke(`usb ${reader.name}`, conn);
    } catch (e) {
      if ((e as { code?: string }).code === 'transport/card-removed')
        skips.push(`USB: no card in ${reader.name}`);
      else throw e;
    } finally {
      await reader.close();
    }
  }
}

await viaPcsc();
await viaNodeUsb();
for (const s of skips) console.info(`[hw] skipped: ${s}`);
console.info(
  ran > 0
    ? `[hw] ${ran} read-only smoke run(s) passed`
    : '[hw] SKIPPED: no real reader with a GIDS or PIV card was reachable (reasons above)',
);
process.exit(0);
