/**
 * Expiry in the UI: `<scss-expiry-notice>` says the days left per certificate (small counts in
 * words) and, inside the warning window, one warning with the next step — in German and English,
 * axe-clean; the launch badge counts the cached certificates due (Badging API, a recording fake).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { MemoryStore } from '../../src/store';
import { setAppLocale } from '../../src/ui/i18n/locale';
import { updateExpiryBadge } from '../../src/ui/pwa/expiry-badge';
import '../../src/ui/components/expiry-notice';

const NOW = Date.UTC(2026, 11, 1, 12);
const CERTS = [
  {
    serialNumber: '61AB',
    subject: 'CN=a',
    issuer: 'CA',
    notBefore: '2026-01-01T00:00:00',
    notAfter: '2026-12-11T13:00:00',
    template: 'SmartcardLogon',
  },
  {
    serialNumber: '61AC',
    subject: 'CN=a',
    issuer: 'CA',
    notBefore: '2026-01-01T00:00:00',
    notAfter: '2027-10-01T00:00:00',
    template: 'SmartcardEncryption',
  },
];
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<scss-expiry-notice>', () => {
  it('German: days left per certificate, a warning for the one inside 30 days; none when all are far', async () => {
    const el = await fixture(
      html`<scss-expiry-notice .certificates=${CERTS} .now=${NOW}></scss-expiry-notice>`,
    );
    expect(text(el)).to.contain('SmartcardLogon: noch zehn Tage');
    expect(text(el)).to.contain('SmartcardEncryption: noch 303 Tage');
    expect(text(el)).to.contain('Ein Zertifikat dieser Karte läuft in weniger als 30 Tagen ab.');
    expect(text(el)).to.contain('sonst durch Ihre IT');
    expect(el.shadowRoot!.querySelector('a')).to.equal(null); // CM offers no renewal: no link
    await expect(el).to.be.accessible();
    const offered = await fixture(
      html`<scss-expiry-notice .certificates=${CERTS} .now=${NOW} renew-offered></scss-expiry-notice>`,
    );
    const link = offered.shadowRoot!.querySelector('a')!;
    expect([link.textContent!.trim(), link.getAttribute('href')]).to.deep.equal([
      'Zertifikate erneuern',
      '/renew',
    ]);
    await expect(offered).to.be.accessible();
    const calm = await fixture(
      html`<scss-expiry-notice .certificates=${CERTS} .now=${NOW} warn-days="5"></scss-expiry-notice>`,
    );
    expect(calm.shadowRoot!.querySelector('.warn')).to.equal(null);
  });

  it('a renewed certificate (a newer one of its template outlives it) is "replaced", not warned about', async () => {
    const renewed = [...CERTS, { ...CERTS[0]!, serialNumber: '61AD', notAfter: '2027-12-11T13:00:00' }];
    const el = await fixture(
      html`<scss-expiry-notice .certificates=${renewed} .now=${NOW} renew-offered></scss-expiry-notice>`,
    );
    expect(text(el)).to.contain('SmartcardLogon: durch ein neueres Zertifikat ersetzt');
    expect(text(el)).to.contain('SmartcardLogon: noch 375 Tage');
    expect(el.shadowRoot!.querySelector('.warn')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('English: expired and today', async () => {
    await setAppLocale('en');
    try {
      const certs = [
        { ...CERTS[0]!, notAfter: '2026-11-30T00:00:00' },
        { ...CERTS[1]!, notAfter: '2026-12-01T20:00:00' },
      ];
      const el = await fixture(
        html`<scss-expiry-notice .certificates=${certs} .now=${NOW}></scss-expiry-notice>`,
      );
      expect(text(el)).to.contain('SmartcardLogon: expired');
      expect(text(el)).to.contain('SmartcardEncryption: expires today');
      expect(text(el)).to.contain('A certificate on this card has expired.');
      await expect(el).to.be.accessible();
    } finally {
      await setAppLocale('de');
    }
  });
});

describe('updateExpiryBadge', () => {
  it('sets the badge to the number of cached certificates due, clears it when none, does nothing without the API', async () => {
    const store = new MemoryStore({ persistent: false });
    await store.cards.put({ cardId: 'a', atr: '', cardType: 'gids', certificates: CERTS, lastSeen: 1 });
    const calls: string[] = [];
    const nav = {
      setAppBadge: async (n?: number) => void calls.push(`set ${n}`),
      clearAppBadge: async () => void calls.push('clear'),
    } as unknown as Navigator;
    expect(await updateExpiryBadge(store, 30, nav, NOW)).to.equal(1);
    expect(await updateExpiryBadge(store, 5, nav, NOW)).to.equal(0);
    expect(calls).to.deep.equal(['set 1', 'clear']);
    expect(await updateExpiryBadge(store, 30, {} as Navigator, NOW)).to.equal(undefined);
  });
});
