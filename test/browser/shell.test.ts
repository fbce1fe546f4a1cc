import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/ui/app-shell';
import type { AppShell } from '../../src/ui/app-shell';
import { setAppLocale } from '../../src/ui/i18n/locale';
import { SwUpdates, type WorkboxLike } from '../../src/ui/pwa/sw-updates';
import { Connectivity, type ConnectivityEnv } from '../../src/net/connectivity';

/** A stand-in for workbox-window's Workbox: lets the test fire lifecycle events like a real SW would. */
class FakeWorkbox implements WorkboxLike {
  private listeners = new Map<string, ((ev: { isUpdate?: boolean }) => void)[]>();
  skipWaitingSent = 0;
  addEventListener(type: string, l: (ev: { isUpdate?: boolean }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  fire(type: string, ev: { isUpdate?: boolean } = {}) {
    for (const l of this.listeners.get(type) ?? []) l(ev);
  }
  messageSkipWaiting() {
    this.skipWaitingSent++;
  }
  register() {
    return Promise.resolve(undefined);
  }
}

function shadow(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

describe('app shell', () => {
  afterEach(async () => {
    await setAppLocale('de');
    localStorage.clear();
  });

  it('renders header, home view and live region', async () => {
    const el = await fixture<AppShell>(html`<scss-app></scss-app>`);
    expect(shadow(el, 'header')).to.exist;
    expect(shadow(el, '[role="status"][aria-live="polite"]')).to.exist;
    const home = shadow(el, 'scss-home-view')!;
    await (home as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(home.shadowRoot!.querySelector('h1')!.textContent).to.equal('Ihre Smartcard selbst verwalten');
    // Chromium on http://localhost has navigator.usb but is no IWA: WebUSB is "limited".
    expect(home.shadowRoot!.querySelector('li[data-status="limited"] h3')!.textContent).to.contain('WebUSB');
  });

  it('takes menu and document title from the route table; a menu link shows its view and the title follows, in both languages', async () => {
    const here = location.pathname + location.search;
    try {
      const el = await fixture<AppShell>(html`<scss-app></scss-app>`);
      const links = () => [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav.main a')];
      expect(links().map((a) => a.textContent!.trim())).to.deep.equal([
        'Start',
        'Meine Karten',
        'Einstellungen',
        'Diagnose',
      ]);
      expect(links()[0]!.getAttribute('aria-current')).to.equal('page');
      expect(document.title).to.equal('Ihre Smartcard selbst verwalten – Smartcard Self-Service');
      links()[2]!.click();
      await waitUntil(() => shadow(el, 'scss-settings-view')?.shadowRoot?.querySelector('h1'));
      expect(location.pathname).to.equal('/settings');
      expect(links()[2]!.getAttribute('aria-current')).to.equal('page');
      expect(links()[0]!.hasAttribute('aria-current')).to.equal(false);
      expect(document.title).to.equal('Einstellungen – Smartcard Self-Service');
      await setAppLocale('en');
      await waitUntil(() => document.title === 'Settings – Smartcard Self-Service');
    } finally {
      history.replaceState(null, '', here); // later fixtures read their route from the URL
    }
  });

  it('switches language: text and <html lang> follow', async () => {
    const el = await fixture<AppShell>(html`<scss-app></scss-app>`);
    const sw = shadow(el, 'scss-lang-switch')!;
    const en = sw.shadowRoot!.querySelector<HTMLButtonElement>('button[lang="en"]')!;
    expect(en.getAttribute('aria-pressed')).to.equal('false');
    setTimeout(() => en.click());
    await oneEvent(el, 'locale-changed');
    await el.updateComplete;
    expect(document.documentElement.lang).to.equal('en');
    const home = shadow(el, 'scss-home-view')!;
    await waitUntil(
      () => home.shadowRoot!.querySelector('h1')!.textContent === 'Manage your smart card yourself',
    );
    await waitUntil(() => en.getAttribute('aria-pressed') === 'true');
    expect(localStorage.getItem('scss.locale')).to.equal('en');
  });

  it('shows the update prompt only when a new worker is waiting, and reloads only on request', async () => {
    const wb = new FakeWorkbox();
    let reloads = 0;
    const updates = new SwUpdates(wb, () => reloads++);
    const el = await fixture<AppShell>(html`<scss-app .updates=${updates}></scss-app>`);
    const prompt = shadow(el, 'scss-update-prompt')!;
    expect(prompt.shadowRoot!.querySelector('section')).to.equal(null);

    wb.fire('waiting');
    await waitUntil(() => prompt.shadowRoot!.querySelector('section'));
    expect(prompt.shadowRoot!.querySelector('h2')!.textContent).to.equal('Neue Version verfügbar');
    await waitUntil(() => shadow(el, '[role="status"]')!.textContent === 'Eine neue Version ist verfügbar.');
    expect(wb.skipWaitingSent).to.equal(0);
    expect(reloads).to.equal(0);

    prompt.shadowRoot!.querySelector<HTMLButtonElement>('#reload')!.click();
    expect(wb.skipWaitingSent).to.equal(1);
    wb.fire('controlling');
    expect(reloads).to.equal(1);
  });

  it('announces once that the app works offline after the first install, not after updates', async () => {
    const wb = new FakeWorkbox();
    const el = await fixture<AppShell>(
      html`<scss-app .updates=${new SwUpdates(wb, () => undefined)}></scss-app>`,
    );
    const status = shadow(el, '[role="status"]')!;
    wb.fire('activated', { isUpdate: true });
    await el.updateComplete;
    expect(status.textContent).to.equal('');
    wb.fire('activated', { isUpdate: false });
    await waitUntil(() => status.textContent === 'Die App ist jetzt auch offline verfügbar.');
  });

  it('"later" hides the prompt without activating the new worker', async () => {
    const wb = new FakeWorkbox();
    const updates = new SwUpdates(wb, () => undefined);
    const el = await fixture<AppShell>(html`<scss-app .updates=${updates}></scss-app>`);
    const prompt = shadow(el, 'scss-update-prompt')!;
    wb.fire('waiting');
    await waitUntil(() => prompt.shadowRoot!.querySelector('#later'));
    prompt.shadowRoot!.querySelector<HTMLButtonElement>('#later')!.click();
    await waitUntil(() => prompt.shadowRoot!.querySelector('section') === null);
    expect(wb.skipWaitingSent).to.equal(0);
  });

  it('shows offline state in words and announces it', async () => {
    const target = new EventTarget();
    const env: ConnectivityEnv = {
      navigator: { onLine: true },
      addEventListener: (t, l) => target.addEventListener(t, l),
    };
    const connectivity = new Connectivity(env);
    const el = await fixture<AppShell>(html`<scss-app .connectivity=${connectivity}></scss-app>`);
    const ind = shadow(el, 'scss-offline-indicator')!;
    await waitUntil(() => ind.shadowRoot!.querySelector('[data-state="online"]'));
    env.navigator.onLine = false;
    target.dispatchEvent(new Event('offline'));
    await waitUntil(() => ind.shadowRoot!.querySelector('[data-state="offline"]'));
    expect(ind.shadowRoot!.textContent).to.contain('Offline');
    await waitUntil(() => shadow(el, '[role="status"]')!.textContent!.includes('offline'));
  });

  it('has no axe-core violations (WCAG 2.1 AA), in German and in English, with the update prompt open', async () => {
    const wb = new FakeWorkbox();
    const el = await fixture<AppShell>(
      html`<scss-app .updates=${new SwUpdates(wb, () => undefined)}></scss-app>`,
    );
    wb.fire('waiting');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await setAppLocale('en');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
