/**
 * The enrollment flow against every virtual-card profile (sim/profiles.ts): GidsApplet-like GIDS
 * (user PIN set by admin-key response) and YubiKey 5-like PIV (the card keeps its PIN; 9B authorizes
 * key generation), each to Completed with the issued certificate on the card next to its key.
 */
import { describe, expect, it } from 'vitest';
import { detectCard, type ManagedCard } from '../../../src/card';
import { REQUEST_STATUSES } from '../../../src/cm';
import { enrollCard } from '../../../src/flows';
import { directConnection } from '../../../src/sim/gids-connection';
import { CARD_PROFILES, PROFILE_NAMES } from '../../../src/sim/profiles';
import { TPL_USER_PIN, expectCardCertificate, pooledKeys, world } from './harness';

for (const name of PROFILE_NAMES) {
  const profile = CARD_PROFILES[name];
  describe(`enrollment against the ${name} profile`, () => {
    it('completes with the certificate installed next to its key', async () => {
      const w = world();
      const d = await detectCard(directConnection(profile.create({ keySource: pooledKeys })));
      if (d.type === 'unknown') throw new Error('not detected');
      const card: ManagedCard = d.card;
      w.card = card as unknown as typeof w.card;
      const pins = profile.type === 'gids' ? { userPin: '24682468' } : { cardPin: profile.defaultPin };
      const r = await enrollCard(w.deps(), {
        profileTemplateUuid: TPL_USER_PIN,
        dataCollection: {},
        ...pins,
      });
      expect(r.stage).toBe('completed');
      expect(w.emu.state.requests.get(r.requestId)!.dto.Status).toBe(REQUEST_STATUSES.Completed);
      const slot = r.certificates[0]!.slot;
      await expectCardCertificate(card, slot, { decrypt: true, sign: true }, { kind: 'rsa', bits: 2048 });
      await card.verifyPin(pins.userPin ?? pins.cardPin!);
    });
  });
}
