/**
 * A flow-shaped use of `ManagedCard` (MIM "server-proposed PIN" steps 3–5): it decides by
 * capabilities, never by card type, and the server's part is computed with the simulator crypto.
 */
import { describe, expect, it } from 'vitest';
import { detectCard } from '../../../src/card';
import type { ManagedCard } from '../../../src/card';
import { fromHex } from '../../../src/iso7816/hex';
import { aesEncryptBlock } from '../../../src/sim/crypto-aes';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualGidsCard } from '../../../src/sim/gids-card';
import { VirtualPivCard } from '../../../src/sim/piv-card';

const KEY = fromHex('0102030405060708'.repeat(3));

/** What the CM server does for `authenticationresponse` (docs/mim-cm-api.md "Enrollment"). */
async function serverResponse(
  card: ManagedCard,
  key: Uint8Array,
  challenge: Uint8Array,
): Promise<Uint8Array> {
  return (await card.adminKeyAlgorithm()) === '3des'
    ? tdesEcbEncrypt(key, challenge)
    : aesEncryptBlock(key, challenge);
}

async function provision(card: ManagedCard, newKey: Uint8Array, pin: string): Promise<string[]> {
  const done: string[] = [];
  if (card.capabilities.changeAdminKey) {
    await card.authenticateAdmin(await serverResponse(card, KEY, await card.getAdminChallenge()));
    await card.changeAdminKey(newKey);
    done.push('key');
  }
  if (card.capabilities.setPinWithAdminKey) {
    await card.authenticateAdmin(await serverResponse(card, newKey, await card.getAdminChallenge()));
    await card.setPin(pin);
    await card.verifyPin(pin);
    done.push('pin');
  }
  return done;
}

describe('ManagedCard flows by capability', () => {
  it('GIDS: diversified key then server-proposed PIN', async () => {
    const d = await detectCard(directConnection(new VirtualGidsCard()));
    if (d.type === 'unknown') throw new Error('not detected');
    expect(
      await provision(d.card, fromHex('00112233445566778899AABBCCDDEEFF0011223344556677'), '48151623'),
    ).toEqual(['key', 'pin']);
  });

  it('PIV (AES-192 key): key change only; setting a PIN is left to the PUK path', async () => {
    const d = await detectCard(
      directConnection(new VirtualPivCard({ managementAlgorithm: 'aes192', managementKey: KEY })),
    );
    if (d.type === 'unknown') throw new Error('not detected');
    expect(
      await provision(d.card, fromHex('FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA9988'), '48151623'),
    ).toEqual(['key']);
  });
});
