import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { formatAtr } from '../../../src/iso7816/atr';
import { lookupCard, syncMyCards } from '../../../src/flows/sync-cards';
import type { CardInfo } from '../../../src/flows/card-session';
import { registerCard, world, TPL_USER_PIN } from './harness';

async function infoOf(w: ReturnType<typeof world>): Promise<CardInfo> {
  return { readerName: 'R', atrHex: formatAtr(w.sim.atr), atrLines: [], type: 'gids', cardId: cardIdToGuid(await w.card.readCardId()) };
}

describe('card cache sync', () => {
  it('lookupCard: an unknown card is cached as seen, with no CM status', async () => {
    const w = world();
    const info = await infoOf(w);
    expect(await lookupCard(w.cm, w.store, info, { now: () => 1000 })).toBeUndefined();
    expect(await w.store.cards.get(info.cardId!)).toMatchObject({ cardId: info.cardId, cardType: 'gids', lastSeen: 1000, certificates: [] });
  });

  it('lookupCard and syncMyCards: an enrolled card gets its CM uuid, status, template name and sync time', async () => {
    const w = world();
    const { cmCardUuid } = await registerCard(w, TPL_USER_PIN);
    const info = await infoOf(w);
    const status = await lookupCard(w.cm, w.store, info, { now: () => 2000 });
    expect(status).toBe('Active'); // registerCard completes the enrollment request
    const rec = await w.store.cards.get(info.cardId!);
    expect(rec).toMatchObject({ cmUuid: cmCardUuid, status: 'Active', profileTemplate: { uuid: TPL_USER_PIN, name: 'Virtual Smartcard VPN' }, lastSeen: 2000, lastSynced: 2000 });

    const all = await syncMyCards(w.cm, w.store, { now: () => 3000 });
    const mine = all.find((c) => c.cardId === info.cardId)!;
    expect(mine).toMatchObject({ cmUuid: cmCardUuid, lastSynced: 3000, lastSeen: 2000, cardType: 'gids' });
    // The documentation's seed cards come along too, with their certificates.
    expect(all.length).toBeGreaterThan(1);
    expect(all.some((c) => c.certificates.length > 0)).toBe(true);
  });
});
