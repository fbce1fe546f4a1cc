/**
 * Every card operation through the whole stack: card layer → CcidCardConnection → CCID driver
 * (CcidReader) → virtual CCID reader (USB-device shaped, CCID 1.1 framing, T=0 / T=1 engines) →
 * virtual GIDS / PIV card. The same assertions as the direct tests, over each exchange level.
 */
import { describe, expect, it } from 'vitest';
import { CcidReader } from '../../../src/ccid/reader';
import { CcidCardConnection } from '../../../src/transport/webusb-reader';
import { VirtualCcidReader } from '../../../src/sim/ccid-reader';
import type { SimLevel } from '../../../src/sim/ccid-config';
import type { VirtualCard } from '../../../src/sim/ccid-card';
import { detectCard, cardIdToGuid } from '../../../src/card';
import type { GidsCard, PivCard } from '../../../src/card';
import { fromHex } from '../../../src/iso7816/hex';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const KEY = fromHex('0102030405060708'.repeat(3));
const NEW_KEY = fromHex('00112233445566778899AABBCCDDEEFF0011223344556677');

async function stack(card: VirtualCard, level: SimLevel) {
  const sim = new VirtualCcidReader({ level });
  sim.insertCard(card);
  // Why these bounds: the virtual reader answers at once; short bounds keep a broken path from hanging the suite.
  const reader = await CcidReader.open(sim, { timeoutMs: 1000, abortWaitMs: 200 });
  const conn = new CcidCardConnection(await reader.slots[0]!.connect());
  return { sim, conn };
}

// Character level is refused by the driver by design (transport/not-supported), so it is not listed.
const LEVELS: SimLevel[] = ['tpdu', 'short-apdu', 'extended-apdu'];
/** A GIDS card offering only T=0 (no TD1), historical bytes 80 FB + GIDS AID: exercises T=0 TPDUs and 61xx. */
const T0_GIDS_ATR = fromHex('3B 0D 80 FB A0 00 00 03 97 42 54 46 59 02 01');

describe.each(LEVELS)('full stack, reader at %s level', (level) => {
  it('GIDS: card id, challenge/response, PIN block and admin unblock, key change, removal', async () => {
    const { sim, conn } = await stack(new VirtualGidsCard({ pin: '1234' }), level);
    const d = await detectCard(conn);
    expect(d.type).toBe('gids');
    const card = (d as { card: GidsCard }).card;
    expect(cardIdToGuid(await card.readCardId())).toBe('42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7');
    const auth = async (k: Uint8Array) =>
      card.authenticateAdmin(tdesEcbEncrypt(k, await card.getAdminChallenge()));
    await expect(card.authenticateAdmin(new Uint8Array(8))).rejects.toMatchObject({
      code: 'card/admin-auth-failed',
    });
    for (const r of [2, 1])
      await expect(card.verifyPin('0000')).rejects.toMatchObject({ data: { retries: r } });
    await expect(card.verifyPin('0000')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    await auth(KEY);
    await card.setPin('98765');
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, limit: 3 });
    await card.verifyPin('98765');
    await card.changePin('98765', '1357');
    await auth(KEY);
    await card.changeAdminKey(NEW_KEY);
    await expect(auth(KEY)).rejects.toMatchObject({ code: 'card/admin-auth-failed' });
    await auth(NEW_KEY);
    await card.deauthenticate();
    sim.injectFault({ kind: 'card-removed' });
    await expect(card.readCardId()).rejects.toMatchObject({ code: 'card/removed' });
  });

  it('PIV: CHUID card id, 3DES admin auth, PIN/PUK, management key change', async () => {
    const { conn } = await stack(new VirtualPivCard(), level);
    const d = await detectCard(conn);
    expect(d.type).toBe('piv');
    const card = (d as { card: PivCard }).card;
    expect(cardIdToGuid(await card.readCardId(), 'rfc4122')).toBe('00112233-4455-6677-8899-aabbccddeeff');
    await card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));
    await card.changeAdminKey(NEW_KEY);
    await card.authenticateAdmin(tdesEcbEncrypt(NEW_KEY, await card.getAdminChallenge()));
    for (const r of [2, 1])
      await expect(card.verifyPin('000000')).rejects.toMatchObject({ data: { retries: r } });
    await expect(card.verifyPin('000000')).rejects.toMatchObject({ code: 'card/pin-blocked' });
    await card.unblockPin('12345678', '246810');
    await card.verifyPin('246810');
    await card.changePin('246810', '13579111');
    expect(await card.pinStatus()).toEqual({ triesLeft: 3, limit: 3 });
  });

  it('GIDS over T=0: card id, challenge, admin-authenticated PIN set', async () => {
    const { conn } = await stack(new VirtualGidsCard({ atr: T0_GIDS_ATR }), level);
    expect(conn.protocol).toBe('T0');
    const d = await detectCard(conn);
    expect(d).toMatchObject({ type: 'gids', atrHint: 'gids' });
    const card = (d as { card: GidsCard }).card;
    expect(cardIdToGuid(await card.readCardId())).toBe('42c7f5a7-5589-c07b-7e9a-9de3ddbd21d7');
    await card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));
    await card.setPin('5555');
    await card.verifyPin('5555');
  });
});
