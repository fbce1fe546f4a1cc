import { describe, expect, it } from 'vitest';
import { FakeUsb } from '../../../src/sim/fake-usb';
import { VirtualCcidReader } from '../../../src/sim/ccid-reader';
import { WebUsbProvider, CCID_FILTERS } from '../../../src/transport/webusb';
import { transmitApdu } from '../../../src/iso7816/apdu';
import { TestCard } from './test-card';
import { pattern } from './harness';

describe('WebUsbProvider over the fake navigator.usb', () => {
  it('requestReaders → one CardReader per slot → connect → transmit', async () => {
    const usb = new FakeUsb();
    const sim = new VirtualCcidReader({ level: 'tpdu', slots: 2, name: 'Twin' });
    sim.insertCard(new TestCard({ protocol: 'T1' }), 1);
    usb.attach(sim);
    const provider = new WebUsbProvider(usb, { timeoutMs: 500 });
    expect(provider.isSupported()).toEqual({ supported: true });
    const readers = await provider.requestReaders();
    expect(readers.map((r) => r.name)).toEqual(['Twin (slot 0)', 'Twin (slot 1)']);
    expect(await readers[0]!.cardPresent()).toBe(false);
    expect(await readers[1]!.cardPresent()).toBe(true);
    const conn = await readers[1]!.connect();
    expect(conn.protocol).toBe('T1');
    const r = await transmitApdu(conn, { cla: 0x80, ins: 0x10, p1: 0, p2: 0, data: pattern(500), le: 500 });
    expect(r.data).toEqual(pattern(500));
    expect((await provider.knownReaders()).length).toBe(2);
    await conn.disconnect('unpower');
    expect(sim.slots[1]!.powered).toBe(false);
  });

  it('a cancelled chooser yields no readers; bad filters are a TypeError', async () => {
    const usb = new FakeUsb();
    const provider = new WebUsbProvider(usb);
    expect(await provider.requestReaders()).toEqual([]);
    await expect(usb.requestDevice({ filters: [{ productId: 1 }] })).rejects.toBeInstanceOf(TypeError);
    expect(CCID_FILTERS[0]).toEqual({ classCode: 0x0b });
  });

  it('card events and unplug reach the CardReader; pending work rejects', async () => {
    const usb = new FakeUsb();
    const sim = new VirtualCcidReader({ level: 'short-apdu', latencyMs: 50 });
    usb.attach(sim, true);
    const provider = new WebUsbProvider(usb, { timeoutMs: 500 });
    const [reader] = await provider.knownReaders();
    const events: string[] = [];
    for (const t of ['cardinserted', 'cardremoved', 'disconnected'] as const)
      reader!.addEventListener(t, () => events.push(t));
    sim.insertCard(new TestCard({ protocol: 'T1' }));
    await new Promise((r) => setTimeout(r, 5));
    const conn = await reader!.connect();
    const pending = conn.transmit(Uint8Array.of(0x80, 0x10, 0, 0, 1, 1, 0));
    usb.detach(sim);
    await expect(pending).rejects.toMatchObject({ code: 'transport/device-gone' });
    expect(events).toEqual(['cardinserted', 'disconnected']);
    expect(await usb.getDevices()).toEqual([]);
  });

  it('an ordinary origin gets transport/access-denied for class 0x0B', async () => {
    const usb = new FakeUsb();
    usb.attach(new VirtualCcidReader({ level: 'short-apdu', protectedClass: true }), true);
    await expect(new WebUsbProvider(usb).knownReaders()).rejects.toMatchObject({
      code: 'transport/access-denied',
    });
  });

  it('reports webusb-unavailable without navigator.usb', () => {
    expect(new WebUsbProvider(undefined).isSupported()).toEqual({
      supported: false,
      reason: 'webusb-unavailable',
    });
  });
});
