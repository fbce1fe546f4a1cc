/**
 * The home view offers only the actions that exist for the card in the reader and says why the
 * others are missing (decided in flows/card-actions.ts from the card type and CM's
 * `GET /smartcards/{id}/operations`): against the simulator and the CM emulator.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setAppLocale } from '../../src/ui/i18n/locale';
import '../../src/ui/views/home-view';
import { TPL_USER_PIN, enrolled, world } from './flow-world';

/** Link labels and the "not available" lines of the actions component. */
function actions(el: Element) {
  const root = el.shadowRoot!.querySelector('scss-card-actions')!.shadowRoot!;
  return {
    links: [...root.querySelectorAll('a')].map((a) => a.textContent!.trim()),
    missing: [...root.querySelectorAll('li')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim()),
  };
}

describe('<scss-home-view> actions for the card in the reader', function () {
  this.timeout(40_000);
  afterEach(() => setAppLocale('de'));

  it('blank GIDS card: only "Karte registrieren"; an enrolled one: PIN, unblock, retire — no second enrollment', async () => {
    const w = await world();
    const services = Object.assign(new EventTarget(), w.services);
    const el = await fixture<HTMLElement>(html`<scss-home-view .services=${services}></scss-home-view>`);
    await waitUntil(() => actions(el).links.length === 1, `blank card: ${JSON.stringify(actions(el))}`);
    expect(actions(el).links).to.deep.equal(['Karte registrieren']);
    expect(actions(el).missing).to.include('PIN entsperren: Erst nach der Registrierung der Karte.');
    await expect(el).to.be.accessible();
    await enrolled(w, TPL_USER_PIN);
    w.sim.insert('gids'); // re-read the card: the view looks it up again
    await waitUntil(() => actions(el).links.length === 3, `enrolled card: ${JSON.stringify(actions(el))}`);
    expect(actions(el).links).to.deep.equal([
      'Vorgeschlagene PIN abrufen',
      'PIN entsperren',
      'Karte stilllegen',
    ]);
    expect(actions(el).missing).to.deep.equal(['Karte registrieren: Die Karte ist bereits registriert.']);
    w.session.release();
  });

  it('PIV card: no "get PIN" or "unblock", with the reason, in German and English', async () => {
    const w = await world();
    w.sim.insert('piv');
    const services = Object.assign(new EventTarget(), w.services);
    const el = await fixture<HTMLElement>(html`<scss-home-view .services=${services}></scss-home-view>`);
    await waitUntil(
      () => actions(el).links.length === 1 && actions(el).missing.length === 3,
      `PIV: ${JSON.stringify(actions(el))}`,
    );
    expect(actions(el).links).to.deep.equal(['Karte registrieren']);
    expect(actions(el).missing[0]).to.equal(
      'Vorgeschlagene PIN abrufen: Diese Karte setzt ihre PIN nicht über den Zertifikatsserver; eine gesperrte PIN entsperrt Ihre IT.',
    );
    await expect(el).to.be.accessible();
    await setAppLocale('en');
    await waitUntil(() => actions(el).links[0] === 'Enroll card', 'English');
    expect(actions(el).missing[1]).to.equal(
      'Unblock PIN: This card does not set its PIN through the certificate server; your IT unblocks a blocked PIN.',
    );
    w.session.release();
  });
});
