/**
 * The Web Smart Card provider against the fake `navigator.smartCard` (WICG IDL; PC/SC service with
 * the virtual GIDS/PIV cards): listing, presence, insert/remove/unplug events from the
 * getStatusChange watcher, connect, the full GIDS flow, 61xx chains, implicit transactions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectCard, cardIdToGuid, type GidsCard } from '../../../src/card';
import { transmitApdu } from '../../../src/iso7816/apdu';
import { fromHex } from '../../../src/iso7816/hex';
import { FakePcscService, installFakeSmartCard } from '../../../src/sim/fake-smart-card';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { WebSmartCardProvider, PNP_NOTIFICATION } from '../../../src/transport/web-smart-card';
import type { WebSmartCardConnection } from '../../../src/transport/web-smart-card-connection';
import { TestCard } from '../ccid/test-card';

const KEY = fromHex('0102030405060708'.repeat(3));

function setup(opts: { pollTimeoutMs?: number; transactionIdleMs?: number } = {}) {
  const service = new FakePcscService();
  const env = { navigator: {}, location: { protocol: 'isolated-app:' } };
  installFakeSmartCard(service, env);
  const provider = new WebSmartCardProvider(env, {
    pollTimeoutMs: opts.pollTimeoutMs ?? 2000,
    transactionIdleMs: opts.transactionIdleMs ?? 50,
  });
  providers.push(provider);
  return { service, env, provider };
}
const providers: WebSmartCardProvider[] = [];
afterEach(() => providers.splice(0).forEach((p) => p.close()));

describe('WebSmartCardProvider: detection', () => {
  it('says why it is unavailable, without touching the API', () => {
    let calls = 0;
    const smartCard = { establishContext: () => (calls++, Promise.reject(new Error('must not be called'))) };
    expect(
      new WebSmartCardProvider({ navigator: { smartCard }, location: { protocol: 'https:' } }).isSupported(),
    ).toEqual({ supported: false, reason: 'not-isolated' });
    expect(
      new WebSmartCardProvider({ navigator: {}, location: { protocol: 'isolated-app:' } }).isSupported(),
    ).toEqual({ supported: false, reason: 'smartcard-unavailable' });
    expect(
      new WebSmartCardProvider({ navigator: { smartCard }, isIsolatedContext: true }).isSupported(),
    ).toEqual({ supported: true });
    expect(calls).toBe(0);
  });

  it('outside an isolated context lists nothing and never establishes a context', async () => {
    const service = new FakePcscService();
    service.addReader('R', new VirtualGidsCard());
    const env = { navigator: {}, location: { protocol: 'https:' } };
    installFakeSmartCard(service, env);
    service.failNext('establishContext', 'no-service');
    expect(await new WebSmartCardProvider(env).knownReaders()).toEqual([]);
    expect(service.takeFault('establishContext')).toBe('no-service'); // still unconsumed
  });
});

describe('WebSmartCardProvider: readers and events', () => {
  it('lists readers (not the PnP pseudo-reader) and tells present from empty', async () => {
    const { service, provider } = setup();
    service.addReader('Reader A', new VirtualGidsCard());
    service.addReader('Reader B');
    service.addReader(PNP_NOTIFICATION);
    const readers = await provider.requestReaders();
    expect(readers.map((r) => r.name)).toEqual(['Reader A', 'Reader B']);
    expect(await readers[0]!.cardPresent()).toBe(true);
    expect(await readers[1]!.cardPresent()).toBe(false);
    expect(await provider.knownReaders()).toEqual(readers); // same objects on a second ask
  });

  it('fires cardremoved / cardinserted / disconnected from the status watcher, across poll timeouts', async () => {
    const { service, provider } = setup({ pollTimeoutMs: 60 });
    service.addReader('R', new VirtualGidsCard());
    const [reader] = await provider.knownReaders();
    const events: string[] = [];
    for (const t of ['cardinserted', 'cardremoved', 'disconnected'])
      reader!.addEventListener(t, () => events.push(t));
    await new Promise((r) => setTimeout(r, 200)); // several timed-out polls: no events
    expect(events).toEqual([]);
    service.remove('R');
    await expect.poll(() => events).toEqual(['cardremoved']);
    service.insert('R', new VirtualPivCard());
    await expect.poll(() => events).toEqual(['cardremoved', 'cardinserted']);
    service.unplug('R');
    await expect.poll(() => events).toEqual(['cardremoved', 'cardinserted', 'disconnected']);
    await expect(reader!.connect()).rejects.toMatchObject({ code: 'transport/device-gone' });
  });
});

describe('WebSmartCardProvider: connection', () => {
  it('runs the GIDS flow (card id, admin challenge/response, PIN set/verify/change) in shared mode, T=1', async () => {
    const { service, provider } = setup();
    service.addReader('R', new VirtualGidsCard({ pin: '1234' }));
    const [reader] = await provider.knownReaders();
    const conn = await reader!.connect();
    expect(conn.protocol).toBe('T1');
    expect(Array.from(conn.atr)).toEqual(Array.from(new VirtualGidsCard().atr));
    expect([...service.reader('R').handles][0]!.mode).toBe('shared');
    const d = await detectCard(conn);
    const card = (d as { card: GidsCard }).card;
    expect(cardIdToGuid(await card.readCardId())).toBe('42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7');
    await card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));
    await card.setPin('98765');
    await card.verifyPin('98765');
    await card.changePin('98765', '1357');
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, limit: 3 });
    await conn.disconnect();
    expect(service.reader('R').handles.size).toBe(0);
  });

  it('reassembles a 61xx chain with GET RESPONSE on top of transmit (ISO 7816-4 §5.3.4)', async () => {
    const { service, provider } = setup();
    const card = new TestCard({ protocol: 'T0' });
    card.memory.set(Uint8Array.from({ length: 600 }, (_, i) => i & 0xff));
    service.addReader('R', card);
    const [reader] = await provider.knownReaders();
    const conn = await reader!.connect();
    expect(conn.protocol).toBe('T0');
    const r = await transmitApdu(conn, { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 });
    expect(r.sw).toBe(0x9000);
    const echo = await transmitApdu(conn, {
      cla: 0x80,
      ins: 0x10,
      p1: 0,
      p2: 0,
      data: new Uint8Array(300).fill(7),
      le: 300,
    });
    expect(echo.data.length).toBe(300); // 300 bytes in: chained; out: 61xx + GET RESPONSE
    expect(card.processed).toBeGreaterThan(3);
  });

  it('holds one PC/SC transaction across back-to-back APDUs, ends it with "leave" when idle', async () => {
    const { service, provider } = setup({ transactionIdleMs: 40 });
    service.addReader('R', new VirtualGidsCard({ pin: '1234' }));
    const [reader] = await provider.knownReaders();
    const conn = (await reader!.connect()) as WebSmartCardConnection;
    const card = ((await detectCard(conn)) as { card: GidsCard }).card;
    expect(conn.inTransaction).toBe(true);
    const fakeReader = service.reader('R');
    expect(fakeReader.txHolder).toBeDefined();
    // A second application (its own context + shared connection) must wait for our transaction.
    const other = await (
      await (
        await service_api(service).establishContext()
      ).connect('R', 'shared', { preferredProtocols: ['t1'] })
    ).connection;
    const t0 = Date.now();
    const theirs = other.transmit(Uint8Array.of(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00));
    await card.verifyPin('1234'); // our operation continues, uninterrupted
    await theirs;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
    await expect.poll(() => conn.inTransaction).toBe(false);
    expect(fakeReader.generation).toBe(1); // ended with "leave": no reset happened
  });
});

function service_api(service: FakePcscService) {
  const env = { navigator: {} as { smartCard?: unknown } };
  return installFakeSmartCard(service, env);
}
