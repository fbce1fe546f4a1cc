/**
 * Settings against the real composition root (IndexedDB store, CM client, card session): a typed
 * CM address is validated inline and applied without a reload, and the card-id byte order a user
 * stored is what the page shows and what the next Save writes back.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { composeServices } from '../../src/compose';
import '../../src/ui/app-shell';
import type { AppShell } from '../../src/ui/app-shell';
import '../../src/ui/views/settings-view';

type Services = Awaited<ReturnType<typeof composeServices>>;

async function settingsPage(services: Services) {
  history.pushState(null, '', '/settings');
  const el = await fixture<AppShell>(
    html`<scss-app .services=${services} .connectivity=${services.connectivity}></scss-app>`,
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector('scss-settings-view')?.shadowRoot?.querySelector('form'),
    'settings view rendered',
  );
  const view = el.shadowRoot!.querySelector('scss-settings-view')!;
  const q = <T extends Element>(s: string) => view.shadowRoot!.querySelector<T>(s)!;
  return { el, view, q };
}

describe('settings applied by the app', function () {
  this.timeout(20_000);
  let services: Services;
  beforeEach(async () => {
    services = await composeServices({ demo: false });
    await services.store.settings.set('cardIdByteOrder', 'dotnet');
  });
  afterEach(() => history.pushState(null, '', '/'));

  it('keeps RFC 4122 once stored: shown checked, and Save writes RFC 4122 back', async () => {
    await services.saveSetting!('cardIdByteOrder', 'rfc4122');
    const { q } = await settingsPage(services);
    expect(q<HTMLInputElement>('input[value="rfc4122"]').checked).to.equal(true);
    expect(q<HTMLInputElement>('input[value="dotnet"]').checked).to.equal(false);
    q<HTMLButtonElement>('button[type="submit"]').click();
    await waitUntil(() => q('[role="status"]').textContent!.trim().startsWith('Gespeichert.'));
    expect(await services.store.settings.get('cardIdByteOrder')).to.equal('rfc4122');
    expect(services.cardIdByteOrder).to.equal('rfc4122');
  });

  it('refuses "not a url" inline and saves nothing', async () => {
    const before = await services.store.settings.get('cmBaseUrl');
    const { q } = await settingsPage(services);
    q<HTMLInputElement>('#cm').value = 'not a url';
    q<HTMLButtonElement>('button[type="submit"]').click();
    await waitUntil(() => q('#cm-error'));
    expect(q('#cm-error').textContent).to.contain('keine vollständige Adresse');
    expect(q('[role="status"]').textContent!.trim()).to.equal('');
    expect(await services.store.settings.get('cmBaseUrl')).to.equal(before);
  });

  it('applies a saved address at once: the CM client calls the new server without a reload', async () => {
    const { q } = await settingsPage(services);
    q<HTMLInputElement>('#cm').value = 'https://cm.corp.example/CertificateManagement/api/v1.0/';
    q<HTMLButtonElement>('button[type="submit"]').click();
    await waitUntil(
      async () =>
        (await services.store.settings.get('cmBaseUrl')) ===
        'https://cm.corp.example/CertificateManagement/api/v1.0',
    );
    expect((services.cm as unknown as { baseUrl: string }).baseUrl).to.equal(
      'https://cm.corp.example/CertificateManagement/api/v1.0',
    );
    expect(services.config).to.include({
      cmBaseUrl: 'https://cm.corp.example/CertificateManagement/api/v1.0',
      source: 'settings',
    });
    await services.store.settings.set('cmBaseUrl', '');
  });
});
