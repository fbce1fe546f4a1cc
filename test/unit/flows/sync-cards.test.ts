import { describe, expect, it } from 'vitest';
import { cardIdToGuid } from '../../../src/card';
import { formatAtr } from '../../../src/iso7816/atr';
import { lookupCard, syncMyCards } from '../../../src/flows/sync-cards';
import type { CardInfo } from '../../../src/flows/card-session';
import { registerCard, world, TPL_USER_PIN } from './harness';

async function infoOf(w: ReturnType<typeof world>): Promise<CardInfo> {
  return {
    readerName: 'R',
    atrHex: formatAtr(w.sim.atr),
    atrLines: [],
    type: 'gids',
    cardId: cardIdToGuid(await w.card.readCardId()),
  };
}

describe('card cache sync', () => {
  it('lookupCard: an unknown card is cached as seen, with no CM status', async () => {
    const w = world();
    const info = await infoOf(w);
    expect(await lookupCard(w.cm, w.store, info, { now: () => 1000 })).toBeUndefined();
    expect(await w.store.cards.get(info.cardId!)).toMatchObject({
      cardId: info.cardId,
      cardType: 'gids',
      lastSeen: 1000,
      certificates: [],
    });
  });

  it('lookupCard and syncMyCards: an enrolled card gets its CM uuid, status, template name and sync time', async () => {
    const w = world();
    const { cmCardUuid } = await registerCard(w, TPL_USER_PIN);
    const info = await infoOf(w);
    const status = await lookupCard(w.cm, w.store, info, { now: () => 2000 });
    expect(status).toBe('Active'); // registerCard completes the enrollment request
    const rec = await w.store.cards.get(info.cardId!);
    expect(rec).toMatchObject({
      cmUuid: cmCardUuid,
      status: 'Active',
      profileTemplate: { uuid: TPL_USER_PIN, name: 'Virtual Smartcard VPN' },
      lastSeen: 2000,
      lastSynced: 2000,
    });

    const all = await syncMyCards(w.cm, w.store, { now: () => 3000 });
    const mine = all.find((c) => c.cardId === info.cardId)!;
    expect(mine).toMatchObject({ cmUuid: cmCardUuid, lastSynced: 3000, lastSeen: 2000, cardType: 'gids' });
    // The documentation's seed cards come along too, with their certificates.
    expect(all.length).toBeGreaterThan(1);
    expect(all.some((c) => c.certificates.length > 0)).toBe(true);
  });

  it('syncMyCards: validity and issuer come from GET /certificates, joined by serial number', async () => {
    const w = world();
    const all = await syncMyCards(w.cm, w.store, { now: () => 1 });
    const certs = all.flatMap((c) => c.certificates);
    expect(certs.length).toBeGreaterThan(0);
    // The per-card listing has only the six base fields; every seed certificate is the caller's own.
    const own = new Map((await w.cm.getUserCertificates()).map((c) => [c.SerialNumber.toLowerCase(), c]));
    for (const c of certs) {
      const d = own.get(c.serialNumber.toLowerCase());
      if (!d) continue;
      expect(c.notAfter).toBe(d.NotAfter);
      expect(c.notBefore).toBe(d.NotBefore);
      expect(c.issuer).toBe(d.Issuer);
    }
    expect(certs.some((c) => /^\d{4}-\d\d-\d\dT/.test(c.notAfter))).toBe(true);
  });

  it('syncMyCards: a refused GET /certificates (403) still syncs the cards, validity unknown', async () => {
    const w = world();
    w.cm.getUserCertificates = () =>
      Promise.reject(Object.assign(new Error('forbidden'), { code: 'cm/http-403' }));
    const all = await syncMyCards(w.cm, w.store, { now: () => 5 });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.lastSynced === 5)).toBe(true);
    expect(all.flatMap((c) => c.certificates).every((c) => c.notAfter === '')).toBe(true);
  });

  it('syncMyCards: cancelling during the certificate listing cancels the sync', async () => {
    const w = world();
    const ctl = new AbortController();
    w.cm.getUserCertificates = () => (
      ctl.abort(),
      Promise.reject(Object.assign(new Error('cancelled'), { code: 'aborted' }))
    );
    await expect(syncMyCards(w.cm, w.store, { signal: ctl.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
