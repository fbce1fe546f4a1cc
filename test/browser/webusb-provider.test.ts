/**
 * The WebUSB provider in Chromium against a fake `navigator.usb` whose devices are virtual CCID
 * readers (browser tier). The Chromium per-APDU overhead figures are a benchmark script that
 * prints them: test/bench/ccid-chromium.ts (`npm run bench`).
 */
import { expect } from '@open-wc/testing';
import { FakeUsb } from '../../src/sim/fake-usb';
import { VirtualCcidReader } from '../../src/sim/ccid-reader';
import { WebUsbProvider } from '../../src/transport/webusb';
import { transmitApdu } from '../../src/iso7816/apdu';
import { isAppError } from '../../src/errors';
import { TestCard } from '../unit/ccid/test-card';

function installFakeUsb(): FakeUsb {
  const usb = new FakeUsb();
  Object.defineProperty(navigator, 'usb', { value: usb, configurable: true });
  return usb;
}

const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);

describe('WebUSB provider against the fake navigator.usb (Chromium)', () => {
  it('finds the reader, powers the card and exchanges > 4 KB both ways at TPDU T=1', async () => {
    const usb = installFakeUsb();
    const sim = new VirtualCcidReader({ level: 'tpdu', name: 'Virtual TPDU reader' });
    sim.insertCard(new TestCard({ protocol: 'T1' }));
    usb.attach(sim);
    const provider = new WebUsbProvider();
    expect(provider.isSupported()).to.deep.equal({ supported: true });
    const [reader] = await provider.requestReaders();
    expect(reader!.name).to.equal('Virtual TPDU reader');
    expect(await reader!.cardPresent()).to.equal(true);
    const conn = await reader!.connect();
    expect(conn.protocol).to.equal('T1');
    const data = bytes(5000);
    const r = await transmitApdu(conn, { cla: 0x80, ins: 0x10, p1: 0, p2: 0, data, le: 5000 });
    expect(r.sw).to.equal(0x9000);
    expect(Array.from(r.data)).to.deep.equal(Array.from(data));
  });

  it('extended-APDU reader: 64 KiB in one READ BINARY', async () => {
    const usb = installFakeUsb();
    const sim = new VirtualCcidReader({ level: 'extended-apdu', packetSize: 512 });
    const card = new TestCard({ protocol: 'T1' });
    card.memory.fill(0x5a);
    sim.insertCard(card);
    usb.attach(sim, true);
    const [reader] = await new WebUsbProvider().knownReaders();
    const conn = await reader!.connect();
    const r = await conn.transmit(Uint8Array.of(0, 0xb0, 0, 0, 0, 0, 0));
    expect(r.length).to.equal(0x10002);
    expect(r[0x8000]).to.equal(0x5a);
  });

  it('unplug rejects the pending APDU with transport/device-gone and fires disconnected', async () => {
    const usb = installFakeUsb();
    const sim = new VirtualCcidReader({ level: 'short-apdu', latencyMs: 30 });
    sim.insertCard(new TestCard({ protocol: 'T0' }));
    usb.attach(sim, true);
    const [reader] = await new WebUsbProvider(undefined, { timeoutMs: 1000 }).knownReaders();
    let disconnected = false;
    reader!.addEventListener('disconnected', () => (disconnected = true));
    const conn = await reader!.connect();
    const pending = conn.transmit(Uint8Array.of(0x80, 0x10, 0, 0, 1, 1, 0));
    usb.detach(sim);
    const err = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'transport/device-gone')).to.equal(true);
    expect(disconnected).to.equal(true);
  });

  it('an ordinary origin is refused class 0x0B with transport/access-denied', async () => {
    const usb = installFakeUsb();
    usb.attach(new VirtualCcidReader({ level: 'short-apdu', protectedClass: true }), true);
    const err = await new WebUsbProvider().knownReaders().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'transport/access-denied')).to.equal(true);
  });
});
