/**
 * Every smart card template the emulator seeds (the demo's template list) enrolls the demo's blank
 * cards — a GIDS card and a PIV card with their factory admin keys — to a Completed request and an
 * Active card. A template whose initial admin key does not match a blank card fails with 6982
 * after binding the card, leaving it "Assigned" (the Contoso Virtual Smart Card defect).
 */
import { describe, expect, it } from 'vitest';
import { PivCard } from '../../../src/card';
import { REQUEST_STATUSES, SMARTCARD_STATUSES, isNoContent } from '../../../src/cm';
import { enrollCard } from '../../../src/flows';
import { TEMPLATES } from '../../../emulator/seed-templates';
import { directConnection } from '../../../src/sim/gids-connection';
import { VirtualPivCard } from '../../../src/sim/piv-card';
import { pooledKeys, world } from './harness';

const SMART_CARD_TEMPLATES = TEMPLATES.filter((t) => t.config).map((t) => ({
  name: t.view.Name,
  uuid: t.view.Uuid,
}));

describe.each(['gids', 'piv'] as const)(
  'every seeded smart card template enrolls a blank %s card',
  (type) => {
    it('finds the seeded templates', () => {
      expect(SMART_CARD_TEMPLATES.map((t) => t.name)).toContain('Contoso Virtual Smart Card');
    });

    it.each(SMART_CARD_TEMPLATES)('$name', async ({ uuid }) => {
      const w = world();
      if (type === 'piv') {
        const sim = new VirtualPivCard({
          guid: globalThis.crypto.getRandomValues(new Uint8Array(16)),
          keySource: pooledKeys,
        });
        w.card = new PivCard(directConnection(sim)) as unknown as typeof w.card;
      }
      const r = await enrollCard(w.deps(), {
        profileTemplateUuid: uuid,
        dataCollection: {},
        userPin: '2468135790',
        confirmProposedPin: async () => true,
        ...(type === 'piv' && { cardPin: '123456' }),
      });
      const req = await w.cm.getRequest(r.requestId);
      const sc = await w.cm.getSmartcard(r.cmCardUuid);
      expect([!isNoContent(req) && req.Status, !isNoContent(sc) && sc.Status]).toEqual([
        REQUEST_STATUSES.Completed,
        SMARTCARD_STATUSES.Active,
      ]);
    });
  },
);
