/**
 * Explicit card transactions (`CardConnection.transaction`, transport/transaction.ts): the card is
 * held across a challenge → server → response gap longer than the implicit transaction's idle
 * time — on Web Smart Card (PC/SC begin/end, with a keep-alive where Windows resets idle
 * transactions after 5 s) and on lock-guarded connections (CCID slot lock, virtual cards). Bounded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectCard, type GidsCard } from '../../../src/card';
import { fromHex } from '../../../src/iso7816/hex';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { FakePcscService, installFakeSmartCard } from '../../../src/sim/fake-smart-card';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { directConnection } from '../../../src/sim/gids-connection';
import { WebSmartCardProvider } from '../../../src/transport/web-smart-card';
import type { WebSmartCardConnection } from '../../../src/transport/web-smart-card-connection';

const KEY = fromHex('0102030405060708'.repeat(3));
const DEAUTH = Uint8Array.of(0x00, 0x20, 0x00, 0x82); // GIDS "deauthenticate all"
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const providers: WebSmartCardProvider[] = [];
afterEach(() => providers.splice(0).forEach((p) => p.close()));

async function wscWorld() {
  const service = new FakePcscService();
  const env = { navigator: {}, location: { protocol: 'isolated-app:' } };
  installFakeSmartCard(service, env);
  const provider = new WebSmartCardProvider(env, {
    pollTimeoutMs: 2000,
    transactionIdleMs: 40,
    keepAliveMs: 25,
  });
  providers.push(provider);
  service.addReader('R', new VirtualGidsCard({ pin: '1234' }));
  const [reader] = await provider.knownReaders();
  const conn = (await reader!.connect()) as WebSmartCardConnection;
  const card = ((await detectCard(conn)) as { card: GidsCard }).card;
  const otherEnv = { navigator: {} as { smartCard?: { establishContext(): Promise<unknown> } } };
  installFakeSmartCard(service, otherEnv);
  const ctx = (await otherEnv.navigator.smartCard!.establishContext()) as {
    connect(
      r: string,
      m: string,
      o: unknown,
    ): Promise<{ connection: { transmit(b: Uint8Array): Promise<ArrayBuffer> } }>;
  };
  const other = (await ctx.connect('R', 'shared', { preferredProtocols: ['t1'] })).connection;
  return { service, conn, card, other };
}

describe('explicit card transactions', () => {
  it('Web Smart Card: held through a server wait 4× the idle time, kept alive, other apps wait', async () => {
    const { conn, card, other } = await wscWorld();
    let statusCalls = 0;
    const status = conn.status.bind(conn);
    conn.status = () => (statusCalls++, status());
    let theirs: Promise<ArrayBuffer> | undefined;
    await card.transaction(async () => {
      const ch = await card.getAdminChallenge();
      // Another application tries to deauthenticate the card while "CM computes the response".
      theirs = other.transmit(DEAUTH);
      await sleep(160);
      expect(conn.inTransaction).toBe(true);
      await card.authenticateAdmin(tdesEcbEncrypt(KEY, ch));
      await card.setPin('5678'); // needs the admin authentication: nobody came between
    });
    expect(statusCalls).toBeGreaterThanOrEqual(3); // keep-alive every 25 ms while idle
    expect(new Uint8Array(await theirs!).slice(-2)).toEqual(Uint8Array.of(0x90, 0x00)); // ran afterwards
    await card.verifyPin('5678');
    await expect.poll(() => conn.inTransaction).toBe(false); // the idle rule ends it afterwards ("leave")
  });

  it('without it, the implicit transaction ends while the server works and another app gets in', async () => {
    const { card, other } = await wscWorld();
    const ch = await card.getAdminChallenge();
    await sleep(120); // > transactionIdleMs: the implicit transaction has ended
    await other.transmit(DEAUTH);
    await expect(card.authenticateAdmin(tdesEcbEncrypt(KEY, ch))).rejects.toMatchObject({
      code: 'card/admin-auth-failed',
    });
  });

  it('lock-guarded connections: another connection waits; nested calls join; bounded', async () => {
    const sim = new VirtualGidsCard({ pin: '1234' });
    const a = directConnection(sim);
    const b = directConnection(sim);
    const order: string[] = [];
    let theirs: Promise<unknown> | undefined;
    await a.transaction(async () => {
      await a.transmit(fromHex('00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00'));
      theirs = b.transmit(DEAUTH).then(() => order.push('b'));
      await sleep(20);
      await a.transaction(async () => {
        await a.transmit(fromHex('00 20 00 80 04 31 32 33 34'));
        order.push('a-nested');
      });
      order.push('a-end');
    });
    await theirs;
    expect(order).toEqual(['a-nested', 'a-end', 'b']);
    const stuck = a.transaction(() => new Promise<never>(() => undefined), { maxMs: 30 });
    await expect(stuck).rejects.toMatchObject({ code: 'transport/timeout', data: { op: 'transaction' } });
    expect(Array.from((await b.transmit(DEAUTH)).slice(-2))).toEqual([0x90, 0x00]); // the lock was given back
  });
});
