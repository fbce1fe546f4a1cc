import { describe, expect, it } from 'vitest';
import { PivCard, cardIdToGuid } from '../../../src/card';
import type { PivOptions } from '../../../src/card';
import { fromHex, toHex } from '../../../src/iso7816/hex';
import { aesEncryptBlock } from '../../../src/sim/crypto-aes';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import type { VirtualPivConfig } from '../../../src/sim/piv-card';

const KEY24 = fromHex('0102030405060708'.repeat(3));

function setup(config: VirtualPivConfig = {}, opts: PivOptions = {}) {
  const sim = new VirtualPivCard(config);
  const conn = directConnection(sim);
  return { sim, conn, card: new PivCard(conn, opts) };
}

async function respond(alg: string, key: Uint8Array, ch: Uint8Array): Promise<Uint8Array> {
  return alg === '3des' ? tdesEcbEncrypt(key, ch) : aesEncryptBlock(key, ch);
}

describe('PivCard against the virtual PIV card', () => {
  it('reads the CHUID and derives the card id from the GUID (agency 9999)', async () => {
    const { card } = setup();
    const chuid = await card.readChuid();
    expect(chuid.expiry).toEqual({ year: 2030, month: 12, day: 31 });
    expect(toHex(await card.readCardId())).toBe('00112233445566778899aabbccddeeff');
    expect(cardIdToGuid(await card.readCardId(), 'rfc4122')).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('factory cards with an all-zero FASC-N get their GUID as card id, never 00000000-…', async () => {
    const a = await setup({ zeroFascn: true }).card.readCardId();
    const b = await setup({ zeroFascn: true }).card.readCardId();
    expect(toHex(a)).not.toBe(toHex(b));
    expect(a.some((x) => x !== 0)).toBe(true);
    const none = setup({ fascn: new Uint8Array(25), guid: new Uint8Array(16) }).card;
    await expect(none.readCardId()).rejects.toMatchObject({
      code: 'card/no-card-id',
      data: { reason: 'no-usable-identifier' },
    });
  });

  it('uses the FASC-N when the agency is not 9999', async () => {
    const fascn = fromHex('D0439458210C2C19A0846D83685A1082108CE73984108CA3FC');
    const { card } = setup({ fascn });
    expect(toHex(await card.readCardId())).toBe(toHex(fascn.subarray(0, 16)));
  });

  for (const alg of ['3des', 'aes128', 'aes192', 'aes256'] as const) {
    for (const yubico of [true, false]) {
      it(`admin auth with a ${alg} key (${yubico ? 'metadata' : 'probing'})`, async () => {
        const len = { '3des': 24, aes128: 16, aes192: 24, aes256: 32 }[alg];
        const key = Uint8Array.from({ length: len }, (_, i) => (i * 7 + 3) & 0xff);
        const { card } = setup({ managementAlgorithm: alg, managementKey: key, yubicoExtensions: yubico });
        const ch = await card.getAdminChallenge();
        expect(ch.length).toBe(alg === '3des' ? 8 : 16);
        expect(await card.adminKeyAlgorithm()).toBe(alg);
        await card.authenticateAdmin(await respond(alg, key, ch));
        const ch2 = await card.getAdminChallenge();
        const wrong = (await respond(alg, key, ch2)).map((b) => b ^ 1);
        await expect(card.authenticateAdmin(wrong)).rejects.toMatchObject({ code: 'card/admin-auth-failed' });
      });
    }
  }

  it('changes the management key with the Yubico extension after admin auth', async () => {
    const { card } = setup();
    const newKey = fromHex('00112233445566778899AABBCCDDEEFF0011223344556677');
    await expect(card.changeAdminKey(newKey)).rejects.toMatchObject({ code: 'card/security-status' });
    await card.authenticateAdmin(tdesEcbEncrypt(KEY24, await card.getAdminChallenge()));
    await card.changeAdminKey(newKey);
    await expect(
      card.authenticateAdmin(tdesEcbEncrypt(KEY24, await card.getAdminChallenge())),
    ).rejects.toMatchObject({
      code: 'card/admin-auth-failed',
    });
    await card.authenticateAdmin(tdesEcbEncrypt(newKey, await card.getAdminChallenge()));
  });

  it('cannot set a PIN from an admin-key response, and says so through capabilities', async () => {
    const { card, conn } = setup();
    expect(card.capabilities.setPinWithAdminKey).toBe(false);
    await expect(card.setPin('123456')).rejects.toMatchObject({ code: 'card/not-supported' });
    expect(conn.sent.length).toBe(0);
  });

  it('wrong PIN decrements, blocks, and the PUK unblocks', async () => {
    const { card } = setup({ pin: '123456', puk: '12345678' });
    await expect(card.verifyPin('000000')).rejects.toMatchObject({
      code: 'card/pin-wrong',
      data: { retries: 2 },
    });
    expect(await card.pinStatus()).toEqual({ triesLeft: 2, limit: 3 });
    await expect(card.verifyPin('000001')).rejects.toMatchObject({ data: { retries: 1 } });
    await expect(card.verifyPin('000002')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    await expect(card.verifyPin('123456')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    await expect(card.unblockPin('87654321', '654321')).rejects.toMatchObject({
      code: 'card/pin-wrong',
      data: { which: 'PUK', retries: 2 },
    });
    await card.unblockPin('12345678', '654321');
    await card.verifyPin('654321');
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, limit: 3 });
  });

  it('pinStatus without metadata uses the empty VERIFY', async () => {
    const { card } = setup({ yubicoExtensions: false });
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, verified: false });
    await card.verifyPin('123456');
    expect(await card.pinStatus()).toEqual({ triesLeft: undefined, verified: true });
    await card.deauthenticate();
    expect((await card.pinStatus()).verified).toBe(false);
  });

  it('changePin and PIN validation', async () => {
    const { card, conn } = setup();
    await expect(card.verifyPin('12345')).rejects.toMatchObject({ code: 'card/invalid-pin' });
    await expect(card.verifyPin('12345a')).rejects.toMatchObject({ code: 'card/invalid-pin' });
    expect(conn.sent.length).toBe(0);
    await card.changePin('123456', '11223344');
    await card.verifyPin('11223344');
  });

  it('removal mid-operation is card/removed', async () => {
    const { card, conn } = setup();
    await card.select();
    conn.removeAfter(0);
    await expect(card.readChuid()).rejects.toMatchObject({ code: 'card/removed' });
  });
});
