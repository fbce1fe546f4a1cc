/**
 * Expiry: days left per certificate and the warning window, against certificates the emulator
 * really issued — with its clock switch set 350 days back, an enrollment's certificate expires in
 * 15 days, and the synced card record shows it as "soon" with the default window of 30 days.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPIRY_WARNING_DAYS,
  certificateExpiry,
  certificatesNeedingRenewal,
  notAfterMs,
} from '../../../src/flows';
import { syncMyCards } from '../../../src/flows/sync-cards';
import { cardIdToGuid } from '../../../src/card';
import { registerCard, world, type World } from './harness';

/** The synced record of the card in the reader (the seed has cards of its own). */
async function mine(w: World) {
  const id = cardIdToGuid(await w.card.readCardId());
  return (await syncMyCards(w.cm, w.store)).filter((c) => c.cardId === id);
}

const NOW = Date.UTC(2026, 11, 1, 12);
const cert = (notAfter: string) => ({ serialNumber: '01', notAfter });

describe('certificate expiry', () => {
  it('reads CM dates without a zone as UTC', () => {
    expect(notAfterMs('2026-12-31T00:00:00')).toBe(Date.UTC(2026, 11, 31));
    expect(notAfterMs('2026-12-31T00:00:00Z')).toBe(Date.UTC(2026, 11, 31));
    expect(Number.isNaN(notAfterMs('–'))).toBe(true);
  });

  it('counts whole days left and warns inside the window only', () => {
    expect(DEFAULT_EXPIRY_WARNING_DAYS).toBe(30);
    expect(certificateExpiry(cert('2027-06-01T12:00:00'), NOW)).toMatchObject({ daysLeft: 182, state: 'ok' });
    expect(certificateExpiry(cert('2026-12-31T12:00:00'), NOW)).toMatchObject({ daysLeft: 30, state: 'ok' });
    expect(certificateExpiry(cert('2026-12-31T11:59:59'), NOW)).toMatchObject({
      daysLeft: 29,
      state: 'soon',
    });
    expect(certificateExpiry(cert('2026-12-31T11:59:59'), NOW, 10)).toMatchObject({ state: 'ok' });
    expect(certificateExpiry(cert('2026-12-01T12:00:00'), NOW)).toMatchObject({
      daysLeft: 0,
      state: 'expired',
    });
    expect(certificateExpiry(cert('2026-11-20T00:00:00'), NOW)).toMatchObject({
      daysLeft: -12,
      state: 'expired',
    });
    expect(certificateExpiry(cert(''), NOW)).toMatchObject({ daysLeft: undefined, state: 'unknown' });
  });

  it('emulator clock switch −350 days: the enrolled certificate expires in 15 days and needs renewal', async () => {
    const w = world({ emu: { clockOffsetDays: -350 } });
    await registerCard(w);
    const cards = await mine(w);
    const certs = cards.flatMap((c) => c.certificates);
    expect(certs).toHaveLength(1);
    const e = certificateExpiry(certs[0]!, Date.now());
    expect([e.state, e.daysLeft]).toEqual(['soon', 14]); // 365 − 350 days, minus the 10-minute back-dating
    expect(certificatesNeedingRenewal(cards, Date.now()).map((x) => x.serialNumber)).toEqual([
      certs[0]!.serialNumber,
    ]);
    expect(
      certificatesNeedingRenewal(
        cards.map((c) => ({ ...c, status: 'Retired' })),
        Date.now(),
      ),
    ).toEqual([]);
  });

  it('without the switch the same enrollment is far from expiry', async () => {
    const w = world();
    await registerCard(w);
    const cards = await mine(w);
    expect(certificatesNeedingRenewal(cards, Date.now())).toEqual([]);
    expect(certificateExpiry(cards[0]!.certificates[0]!, Date.now()).daysLeft).toBe(364);
  });
});
