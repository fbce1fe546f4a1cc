/**
 * My cards against the CM emulator: it loads by itself when opened online (no click), speaks
 * German for CM's statuses, marks expired and expiring certificates, never says "…sobald Sie
 * online sind" while online, and a CORS-blocked server is named as such — never as "Offline".
 * The home view's card status follows a language switch without a reload.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CmClient } from '../../src/cm';
import { Connectivity, type ConnectivityEnv } from '../../src/net/connectivity';
import { setAppLocale } from '../../src/ui/i18n/locale';
import '../../src/ui/views/cards-view';
import '../../src/ui/views/home-view';
import { API, TPL_USER_PIN, cardIdOf, enrolled, text, world } from './flow-world';
import { cmOrigin } from './cm-ports';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Connectivity in a fixed state (the probe is what the app plugs in; here the test decides). */
function connectivity(state: 'online' | 'offline' | 'server-unreachable'): Connectivity {
  const env: ConnectivityEnv = {
    navigator: { onLine: state !== 'offline' },
    addEventListener: () => undefined,
  };
  const c = new Connectivity(env);
  if (state === 'server-unreachable') c.setProbe(async () => false);
  return c;
}

describe('<scss-cards-view>', function () {
  this.timeout(30_000);
  afterEach(() => setAppLocale('de'));

  it('opened online, lists the enrolled card by itself, with the CM status in German', async () => {
    const w = await world();
    await enrolled(w, TPL_USER_PIN);
    const id = cardIdOf(w);
    const el = await fixture<HTMLElement>(html`<scss-cards-view .services=${w.services}></scss-cards-view>`);
    await waitUntil(() => text(el).includes(id), `card listed without a click: ${text(el)}`, {
      timeout: 10_000,
    });
    expect(el.shadowRoot!.querySelector(`[data-status="Active"]`)!.textContent).to.equal('Aktiv');
    expect(text(el)).not.to.contain('sobald Sie online sind');
    expect(text(el)).not.to.contain('Offline');
    w.session.release();
  });

  it('marks expired and expiring certificates and formats dates for the locale', async () => {
    const w = await world();
    w.services = { ...w.services, connectivity: connectivity('offline') };
    const now = Date.now();
    await w.store.cards.put({
      cardId: '11111111-2222-3333-4444-555555555555',
      atr: '3b',
      cardType: 'gids',
      status: 'Retired',
      lastSeen: now,
      lastSynced: Date.UTC(2026, 0, 15, 9, 30),
      certificates: [
        {
          serialNumber: '01',
          subject: 'CN=a',
          issuer: 'CN=ca',
          notBefore: iso(now - 400 * DAY),
          notAfter: iso(now - DAY),
        },
        {
          serialNumber: '02',
          subject: 'CN=b',
          issuer: 'CN=ca',
          notBefore: iso(now - 300 * DAY),
          notAfter: iso(now + 10 * DAY),
        },
        {
          serialNumber: '03',
          subject: 'CN=c',
          issuer: 'CN=ca',
          notBefore: iso(now),
          notAfter: '2030-06-30T00:00:00Z',
        },
      ],
    });
    const el = await fixture<HTMLElement>(html`<scss-cards-view .services=${w.services}></scss-cards-view>`);
    await waitUntil(() => text(el).includes('Stillgelegt'), text(el));
    const marks = [...el.shadowRoot!.querySelectorAll('.certs li')].map((li) => [
      li.getAttribute('data-validity'),
      li.querySelector('.mark')?.textContent ?? '',
    ]);
    expect(marks).to.deep.equal([
      ['expired', 'Abgelaufen'],
      ['expiring', 'Läuft in 10 Tagen ab'],
      ['valid', ''],
    ]);
    expect(text(el)).to.contain('30.06.2030');
    expect(text(el)).to.contain('Zuletzt abgeglichen: 15.01.2026');
    await setAppLocale('en');
    await waitUntil(() => text(el).includes('Retired') && text(el).includes('30 Jun 2030'), text(el));
    expect(text(el)).to.contain('Expired');
  });

  it('with the CM server blocked by CORS, says so and never "Offline"', async () => {
    const w = await world(`${cmOrigin('corsOff', '127.0.0.1')}${API}`);
    w.services = { ...w.services, connectivity: connectivity('server-unreachable'), cm: w.cm };
    const el = await fixture<HTMLElement>(html`<scss-cards-view .services=${w.services}></scss-cards-view>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), `error shown: ${text(el)}`, {
      timeout: 10_000,
    });
    expect(text(el)).to.contain('CORS');
    expect(text(el)).not.to.contain('Offline');
    expect(text(el)).not.to.contain('sobald Sie online sind');
    w.session.release();
  });
});

describe('<scss-home-view> status words', function () {
  this.timeout(30_000);
  afterEach(() => setAppLocale('de'));

  it('"nicht registriert" becomes "not registered" on a language switch, without a reload', async () => {
    const w = await world();
    const services = Object.assign(new EventTarget(), w.services, {
      cm: new CmClient({ baseUrl: w.services.config.cmBaseUrl, getRetries: 0 }),
    });
    const el = await fixture<HTMLElement>(html`<scss-home-view .services=${services}></scss-home-view>`);
    const panel = () => el.shadowRoot!.querySelector('scss-card-panel')!.shadowRoot!.textContent!;
    await waitUntil(() => panel().includes('nicht registriert'), panel(), { timeout: 10_000 });
    await setAppLocale('en');
    await waitUntil(() => panel().includes('not registered'), `after switch: ${panel()}`);
    w.session.release();
  });
});
