import { describe, expect, it } from 'vitest';
import { GidsCard, cardIdToGuid } from '../../../src/card';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { tdesEcbEncrypt } from '../../../src/sim/des';

const DEFAULT_KEY = fromHex('0102030405060708'.repeat(3));

function setup(config: ConstructorParameters<typeof VirtualGidsCard>[0] = {}) {
  const sim = new VirtualGidsCard(config);
  const conn = directConnection(sim);
  return { sim, conn, card: new GidsCard(conn) };
}

async function adminAuth(card: GidsCard, key = DEFAULT_KEY): Promise<void> {
  const ch = await card.getAdminChallenge();
  await card.authenticateAdmin(tdesEcbEncrypt(key, ch));
}

describe('GidsCard against the virtual GIDS card', () => {
  it('reads the cardid through the standard fast path in one GET DATA after SELECT', async () => {
    const { card, conn } = setup();
    const id = await card.readCardId();
    expect(toHex(id)).toBe('a7f5c74289557bc07e9a9de3ddbd21d7');
    expect(cardIdToGuid(id)).toBe('42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7');
    expect(conn.sent.map((c) => toHex(c, ' '))).toEqual([
      '00 a4 04 00 09 a0 00 00 03 97 42 54 46 59 00',
      '00 cb a0 12 04 5c 02 df 20 00',
    ]);
    expect(card.selectInfo?.aid && toHex(card.selectInfo.aid)).toBe('a0000003974254465902' + '01');
  });

  it('falls back to the masterfile when cardid is not at A012/DF20 (here in the everyone-read EF A010)', async () => {
    const cardId = fromHex('00112233445566778899aabbccddeeff');
    const { card, conn } = setup({ cardId, cardIdLocation: { efId: 0xa010, doId: 0xdf30 } });
    expect(toHex(await card.readCardId())).toBe(toHex(cardId));
    expect(conn.sent.slice(1).map((c) => toHex(c.subarray(2, 4)) + toHex(c.subarray(7, 9)))).toEqual([
      'a012df20',
      'a000df1f',
      'a010df30',
    ]);
  });

  it('masterfile-first lookup reads the masterfile before the cardid', async () => {
    const sim = new VirtualGidsCard();
    const conn = directConnection(sim);
    const card = new GidsCard(conn, { cardIdLookup: 'masterfile' });
    expect(toHex(await card.readCardId())).toBe('a7f5c74289557bc07e9a9de3ddbd21d7');
    expect(conn.sent.length).toBe(3);
  });

  it('issues a fresh 8-byte challenge each time and accepts 3DES(K, challenge)', async () => {
    const { card } = setup();
    const a = await card.getAdminChallenge();
    const b = await card.getAdminChallenge();
    expect(a.length).toBe(8);
    expect(toHex(a)).not.toBe(toHex(b));
    await card.authenticateAdmin(tdesEcbEncrypt(DEFAULT_KEY, b));
  });

  it('a wrong response is card/admin-auth-failed and consumes the challenge', async () => {
    const { card } = setup();
    const ch = await card.getAdminChallenge();
    const wrong = tdesEcbEncrypt(fromHex('00'.repeat(24)), ch);
    await expect(card.authenticateAdmin(wrong)).rejects.toMatchObject({
      code: 'card/admin-auth-failed',
      data: { sw: 0x6982 },
    });
    // the right answer to the consumed challenge is now refused too: no challenge outstanding
    await expect(card.authenticateAdmin(tdesEcbEncrypt(DEFAULT_KEY, ch))).rejects.toMatchObject({
      code: 'card/admin-auth-failed',
      data: { reason: 'no-challenge' },
    });
  });

  it('rejects a response of the wrong size before sending anything', async () => {
    const { card, conn } = setup();
    await expect(card.authenticateAdmin(new Uint8Array(7))).rejects.toMatchObject({
      code: 'card/invalid-response',
    });
    expect(conn.sent.length).toBe(0);
  });

  it('wrong PIN decrements, blocked PIN is unblocked by admin-authenticated setPin', async () => {
    const { card } = setup({ pin: '1234', pinTryLimit: 3 });
    await expect(card.verifyPin('9999')).rejects.toMatchObject({
      code: 'card/pin-wrong',
      data: { retries: 2 },
    });
    expect(await card.pinStatus()).toEqual({ triesLeft: 2, limit: 3 });
    await expect(card.verifyPin('9998')).rejects.toMatchObject({ data: { retries: 1 } });
    await expect(card.verifyPin('9997')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    await expect(card.verifyPin('1234')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    expect((await card.pinStatus()).triesLeft).toBe(0);
    await expect(card.setPin('24680')).rejects.toMatchObject({ code: 'card/security-status' });
    await adminAuth(card);
    await card.setPin('24680');
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, limit: 3 });
    await card.verifyPin('24680');
  });

  it('RESET RETRY COUNTER consumes the admin authentication', async () => {
    const { card } = setup();
    await adminAuth(card);
    await card.setPin('1111');
    await expect(card.setPin('2222')).rejects.toMatchObject({ code: 'card/security-status' });
  });

  it('changes the admin key: old key refused, new key accepted', async () => {
    const { card } = setup();
    const newKey = fromHex('00112233445566778899AABBCCDDEEFF0011223344556677');
    await expect(card.changeAdminKey(newKey)).rejects.toMatchObject({ code: 'card/security-status' });
    await adminAuth(card);
    await card.changeAdminKey(newKey);
    await expect(adminAuth(card)).rejects.toMatchObject({ code: 'card/admin-auth-failed' });
    await adminAuth(card, newKey);
    await expect(card.changeAdminKey(new Uint8Array(16))).rejects.toMatchObject({ code: 'card/invalid-key' });
  });

  it('admin authentication is lost on deauthenticate, reselect and reset', async () => {
    const { card, sim } = setup();
    await adminAuth(card);
    await card.deauthenticate();
    await expect(card.setPin('1111')).rejects.toMatchObject({ code: 'card/security-status' });
    await adminAuth(card);
    await card.select();
    await expect(card.setPin('1111')).rejects.toMatchObject({ code: 'card/security-status' });
    await adminAuth(card);
    sim.reset();
    await card.select();
    await expect(card.setPin('1111')).rejects.toMatchObject({ code: 'card/security-status' });
  });

  it('changePin checks the old PIN and sets the new one', async () => {
    const { card } = setup({ pin: '1234' });
    await expect(card.changePin('0000', '5678')).rejects.toMatchObject({
      code: 'card/pin-wrong',
      data: { retries: 2 },
    });
    await card.changePin('1234', '5678');
    await card.verifyPin('5678');
  });

  it('validates PINs before any APDU', async () => {
    const { card, conn } = setup();
    await expect(card.verifyPin('123')).rejects.toMatchObject({ code: 'card/invalid-pin' });
    await expect(card.setPin('x'.repeat(17))).rejects.toMatchObject({ code: 'card/invalid-pin' });
    await expect(card.verifyPin('12€4')).rejects.toMatchObject({ code: 'card/invalid-pin' });
    expect(conn.sent.length).toBe(0);
  });

  it('card removed mid-operation is card/removed', async () => {
    const { card, conn } = setup();
    await card.select();
    conn.removeAfter(1); // MSE goes through, GENERAL AUTHENTICATE does not
    await expect(card.getAdminChallenge()).rejects.toMatchObject({ code: 'card/removed' });
  });
});
