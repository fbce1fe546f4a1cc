/**
 * The card layer's contract (ManagedCard + CardKeyStore) against every virtual-card profile
 * (sim/profiles.ts): detection, card id, admin authentication and the operation it unlocks, PIN
 * handling, and one key's life — generate, sign (verified with WebCrypto), certificate write and
 * read-back — all inside card transactions, over a connection that could carry extended APDUs.
 */
import { describe, expect, it } from 'vitest';
import { detectCard, type CardPublicKey, type ManagedCard } from '../../../src/card';
import { fromHex } from '../../../src/iso7816/hex';
import { tdesEcbEncrypt } from '../../../src/sim/des';
import { directConnection } from '../../../src/sim/gids-connection';
import { CARD_PROFILES, PROFILE_NAMES } from '../../../src/sim/profiles';
import { webCryptoKeySource, type KeySource } from '../../../src/sim/sim-keys';

const KEY = fromHex('0102030405060708'.repeat(3));
const pool = new Map<string, Promise<CryptoKeyPair>>();
const keys: KeySource = (spec) => {
  const id = JSON.stringify(spec);
  if (!pool.has(id)) pool.set(id, webCryptoKeySource(spec));
  return pool.get(id)!;
};
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

async function verifies(pub: CardPublicKey, data: Uint8Array, sig: Uint8Array): Promise<boolean> {
  if (pub.kind !== 'rsa') return false;
  const k = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: b64u(pub.modulus), e: b64u(pub.exponent) },
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', k, new Uint8Array(sig), new Uint8Array(data));
}

const admin = async (card: ManagedCard) =>
  card.authenticateAdmin(tdesEcbEncrypt(KEY, await card.getAdminChallenge()));

for (const name of PROFILE_NAMES) {
  const profile = CARD_PROFILES[name];
  describe(`card layer against the ${name} profile`, () => {
    it('detects the application and reads a non-degenerate card id', async () => {
      const id = globalThis.crypto.getRandomValues(new Uint8Array(16));
      const d = await detectCard(directConnection(profile.create({ id })));
      expect(d.type).toBe(profile.type);
      if (d.type === 'unknown') return;
      expect(await d.card.readCardId()).toEqual(id);
    });

    it('admin authentication unlocks the privileged operation inside one transaction; PIN handling', async () => {
      const d = await detectCard(directConnection(profile.create()));
      if (d.type === 'unknown') throw new Error('not detected');
      const card: ManagedCard = d.card;
      await card.transaction(async () => {
        await admin(card);
        if (card.capabilities.setPinWithAdminKey) await card.setPin('87654321');
        else await card.changeAdminKey(KEY);
      });
      const pin = card.capabilities.setPinWithAdminKey ? '87654321' : profile.defaultPin;
      await expect(card.verifyPin(pin === '87654321' ? '11119999' : '999999')).rejects.toMatchObject({
        code: 'card/pin-wrong',
      });
      await card.verifyPin(pin);
      const status = await card.pinStatus();
      expect(status.triesLeft === undefined || status.triesLeft > 0).toBe(true);
    });

    it('one RSA-2048 key: generate, sign, certificate round trip', async () => {
      const d = await detectCard(directConnection(profile.create({ keySource: keys })));
      if (d.type === 'unknown') throw new Error('not detected');
      const card: ManagedCard = d.card;
      const spec = { kind: 'rsa', bits: 2048 } as const;
      const usage = { decrypt: true, sign: true };
      expect(card.keys.supports({ kind: 'ec', curve: 'P-256' })).toBe(profile.type === 'piv'); // GidsApplet is RSA-only
      if (card.keys.authorization === 'admin-key') await admin(card);
      await card.verifyPin(profile.defaultPin);
      const slot = await card.keys.allocateKeySlot(usage, spec, []);
      const pub = await card.keys.generateKey(slot, spec);
      const data = new TextEncoder().encode(`to be signed on ${name}`);
      await card.verifyPin(profile.defaultPin);
      const sig = await card.keys.signDigest(
        slot,
        spec,
        'SHA-256',
        new Uint8Array(await crypto.subtle.digest('SHA-256', data)),
      );
      expect(await verifies(pub, data, sig)).toBe(true);
      const cert = Uint8Array.from({ length: 900 }, (_, i) => (i * 13) % 251);
      await card.keys.writeCertificate(slot, usage, cert);
      expect(await card.keys.readCertificate(slot, usage)).toEqual(cert);
    });
  });
}
