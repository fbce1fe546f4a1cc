/**
 * The Web Smart Card provider in Chromium against the fake `navigator.smartCard` (WICG IDL) whose
 * readers hold the virtual GIDS card (docs/architecture.md "Test tiers": browser tier): list, insert/remove
 * events, connect, the GIDS flow, a 61xx chain, the implicit transaction, and the error paths —
 * with the browser's own DOMException, AbortSignal and timers rather than Node's.
 */
import { expect } from '@open-wc/testing';
import { cardIdToGuid, detectCard, type GidsCard } from '../../src/card';
import { transmitApdu } from '../../src/iso7816/apdu';
import { fromHex } from '../../src/iso7816/hex';
import { FakePcscService, installFakeSmartCard } from '../../src/sim/fake-smart-card';
import { tdesEcbEncrypt } from '../../src/sim/des';
import { VirtualGidsCard } from '../../src/sim/gids-card';
import { SMART_CARD_RESPONSE_CODES } from '../../src/transport/web-smart-card-api';
import { RESPONSE_CODE_MAP } from '../../src/transport/web-smart-card-errors';
import type { WebSmartCardConnection } from '../../src/transport/web-smart-card-connection';
import { WebSmartCardProvider } from '../../src/transport/web-smart-card';
import { TestCard } from '../unit/ccid/test-card';

const KEY = fromHex('0102030405060708'.repeat(3));
const until = async (f: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

function setup() {
  const service = new FakePcscService();
  const env = { navigator: {}, location: { protocol: 'isolated-app:' } };
  installFakeSmartCard(service, env);
  return { service, provider: new WebSmartCardProvider(env, { pollTimeoutMs: 100, transactionIdleMs: 30 }) };
}

describe('Web Smart Card provider against the fake navigator.smartCard (Chromium)', () => {
  it('lists, follows insert/remove, connects shared T=1 and runs the GIDS flow in one transaction', async () => {
    const { service, provider } = setup();
    service.addReader('Virtual PC/SC reader', new VirtualGidsCard({ pin: '1234' }));
    const [reader] = await provider.requestReaders();
    const events: string[] = [];
    reader!.addEventListener('cardremoved', () => events.push('removed'));
    reader!.addEventListener('cardinserted', () => events.push('inserted'));
    await new Promise((r) => setTimeout(r, 250)); // a couple of timed-out polls first
    service.remove('Virtual PC/SC reader');
    await until(() => events.length === 1);
    expect(await reader!.cardPresent()).to.equal(false);
    service.insert('Virtual PC/SC reader', new VirtualGidsCard({ pin: '1234' }));
    await until(() => events.length === 2);
    expect(events).to.deep.equal(['removed', 'inserted']);
    const conn = (await reader!.connect()) as WebSmartCardConnection;
    expect(conn.protocol).to.equal('T1');
    const card = ((await detectCard(conn)) as { card: GidsCard }).card;
    expect(cardIdToGuid(await card.readCardId())).to.equal('42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7');
    expect(conn.inTransaction).to.equal(true);
    await card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));
    await card.setPin('24680');
    await card.verifyPin('24680');
    await until(() => !conn.inTransaction);
    await conn.disconnect();
    provider.close();
  });

  it('61xx chains through GET RESPONSE over a T=0 card', async () => {
    const { service, provider } = setup();
    const card = new TestCard({ protocol: 'T0' });
    service.addReader('R', card);
    const conn = await (await provider.knownReaders())[0]!.connect();
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const r = await transmitApdu(conn, { cla: 0x80, ins: 0x10, p1: 0, p2: 0, data, le: 300 });
    expect(Array.from(r.data)).to.deep.equal(Array.from(data));
    provider.close();
  });

  it('maps every SmartCardResponseCode and a refused permission to typed errors', async () => {
    const { service, provider } = setup();
    service.addReader('R', new VirtualGidsCard());
    const [reader] = await provider.knownReaders();
    const conn = await reader!.connect();
    for (const rc of SMART_CARD_RESPONSE_CODES) {
      service.failNext('transmit', rc);
      const e = (await conn
        .transmit(Uint8Array.of(0, 0xa4, 0, 0x0c, 2, 0x3f, 0))
        .catch((x: unknown) => x)) as { code?: string; data?: { responseCode?: string } };
      expect(e.code, rc).to.equal(RESPONSE_CODE_MAP[rc].code);
      expect(e.data?.responseCode).to.equal(rc);
    }
    service.permission = 'denied';
    const denied = (await reader!.connect().catch((x: unknown) => x)) as { code?: string };
    expect(denied.code).to.equal('transport/permission-denied');
    provider.close();
  });
});
