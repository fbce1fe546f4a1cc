/**
 * The home view's card panel shows what CM says about the card *in the reader*. Card swaps make
 * status lookups overlap (an enrolled card's lookup takes four calls, a blank card's one), so a
 * late answer for the card that was pulled must never label the card that replaced it. Found by
 * the e2e PIV test, which waits for "nicht registriert" right after swapping an enrolled GIDS card.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CmClient } from '../../src/cm';
import '../../src/ui/views/home-view';
import type { HomeView } from '../../src/ui/views/home-view';
import type { CardPanel } from '../../src/ui/components/card-panel';
import { detectCardRoutes } from '../../src/transport/routes';
import { setSupportContact } from '../../src/ui/i18n/error-text';
import { API, TPL_USER_PIN, cardIdOf, enrolled, world } from './flow-world';
import { cmOrigin } from './cm-ports';

const panelText = (el: Element) =>
  el.shadowRoot!.querySelector('scss-card-panel')!.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<scss-home-view> card status', function () {
  this.timeout(30_000);

  it('a slow lookup for the pulled card does not overwrite the status of the card now inserted', async () => {
    const w = await world();
    await enrolled(w, TPL_USER_PIN);
    const gidsId = cardIdOf(w);
    // Hold back CM's answer about the enrolled GIDS card until the PIV card's lookup is done.
    let releaseGids!: () => void;
    const gidsHeld = new Promise<void>((r) => (releaseGids = r));
    let gidsAsked = false;
    const slowFetch: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes(`cardid=${gidsId}`)) {
        gidsAsked = true;
        await gidsHeld;
      }
      return fetch(input, init);
    };
    w.cm = new CmClient({
      baseUrl: `${cmOrigin('corsFull')}${API}`,
      fetch: slowFetch,
      getRetries: 0,
      timeoutMs: 10_000,
    });

    // The home view also listens for provider changes on the services object (an EventTarget in the app).
    const services = Object.assign(new EventTarget(), w.services, { cm: w.cm });
    const el = await fixture<HTMLElement>(html`<scss-home-view .services=${services}></scss-home-view>`);
    await waitUntil(() => gidsAsked, 'the GIDS lookup started');
    w.sim.insert('piv');
    // Why 10 s: the swap is a CCID power cycle plus two lookups; the 1 s default timed out under the full suite.
    await waitUntil(() => panelText(el).includes('nicht registriert'), `PIV status shown: ${panelText(el)}`, {
      timeout: 10_000,
    });
    releaseGids();
    // Let the held answer arrive and be (correctly) ignored.
    await new Promise((r) => setTimeout(r, 300));
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(panelText(el)).to.contain('nicht registriert');
    expect(panelText(el)).not.to.contain('Aktiv');
    w.session.release();
  });
});

describe('<scss-home-view> without a reader route (production browser)', () => {
  const panel = (el: Element) =>
    el.shadowRoot!.querySelector('scss-card-panel')!.shadowRoot!.textContent!.replace(/\s+/g, ' ');
  const services = () =>
    Object.assign(new EventTarget(), {
      session: Object.assign(new EventTarget(), { state: { kind: 'no-reader' } }),
      demo: false,
      providers: [],
    });

  for (const [name, env, why] of [
    ['Firefox-like (no WebUSB)', { navigator: {}, isSecureContext: true }, 'no-webusb'],
    ['Chrome web page (WebUSB limited)', { navigator: { usb: {} }, isSecureContext: true }, 'webusb-limited'],
  ] as const) {
    it(`${name}: says what is missing and what to do, not "insert your card"`, async () => {
      setSupportContact('Service Desk 1234');
      try {
        const el = await fixture<HomeView>(
          html`<scss-home-view .services=${services()} .routes=${detectCardRoutes(env)}></scss-home-view>`,
        );
        await el.updateComplete;
        const cp = el.shadowRoot!.querySelector<CardPanel>('scss-card-panel')!;
        await cp.updateComplete;
        expect(cp.shadowRoot!.querySelector('[data-no-route]')!.getAttribute('data-no-route')).to.equal(why);
        const t = panel(el);
        expect(t).to.contain('kann die App Ihre Karte nicht lesen');
        expect(t).to.contain('Kartenbrücke');
        expect(t).to.contain('Chrome oder Microsoft Edge');
        expect(t).to.contain('Service Desk 1234');
        expect(t).not.to.contain('Bitte stecken Sie Ihre Karte ein');
        expect(t).not.to.contain('Kein Kartenleser ausgewählt');
      } finally {
        setSupportContact(undefined);
      }
    });
  }
});
