import { expect, fixture, html } from '@open-wc/testing';
import '../../src/ui/views/settings-view';
import '../../src/ui/views/diagnostics-view';
import type { SettingsView, SettingsChange } from '../../src/ui/views/settings-view';
import type { DiagnosticsView } from '../../src/ui/views/diagnostics-view';
import { ApduLog, withApduLog } from '../../src/transport/apdu-log';

const q = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s)!;

describe('<scss-settings-view>', () => {
  it('saves a valid https address and the byte order', async () => {
    const el = await fixture<SettingsView>(
      html`<scss-settings-view
        .config=${{ cmBaseUrl: 'https://a.example/CertificateManagement/api/v1.0', source: 'default' }}
      ></scss-settings-view>`,
    );
    const changes: SettingsChange[] = [];
    el.addEventListener('settings-change', (e) => changes.push((e as CustomEvent<SettingsChange>).detail));
    q<HTMLInputElement>(el, '#cm').value = 'https://cm.corp.example/CertificateManagement/api/v1.0/';
    q<HTMLInputElement>(el, 'input[value="rfc4122"]').checked = true;
    q<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    expect(changes).to.deep.equal([
      { key: 'cmBaseUrl', value: 'https://cm.corp.example/CertificateManagement/api/v1.0' },
      { key: 'cardIdByteOrder', value: 'rfc4122' },
    ]);
    expect(q(el, '[role="status"]').textContent!.trim()).to.equal(
      'Gespeichert. Die App verwendet die Einstellungen ab sofort.',
    );
  });

  it('refuses an http address with a next step, and saves nothing', async () => {
    const el = await fixture<SettingsView>(
      html`<scss-settings-view .config=${{ cmBaseUrl: '', source: 'default' }}></scss-settings-view>`,
    );
    let changes = 0;
    el.addEventListener('settings-change', () => changes++);
    q<HTMLInputElement>(el, '#cm').value = 'http://cm.corp.example/api';
    q<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    expect(q(el, '#cm-error').textContent).to.equal(
      'Die Adresse muss mit https:// beginnen (http:// nur für localhost).',
    );
    expect(q(el, '#cm').getAttribute('aria-invalid')).to.equal('true');
    expect(changes).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows an administrator-set address read-only and names the source', async () => {
    const el = await fixture<SettingsView>(
      html`<scss-settings-view
        .config=${{ cmBaseUrl: 'https://m.example/api', source: 'managed' }}
      ></scss-settings-view>`,
    );
    expect(q<HTMLInputElement>(el, '#cm').readOnly).to.equal(true);
    expect(q(el, '#cm-hint').textContent).to.equal('Von Ihrer IT per Richtlinie festgelegt.');
    const changes: SettingsChange[] = [];
    el.addEventListener('settings-change', (e) => changes.push((e as CustomEvent<SettingsChange>).detail));
    q<HTMLButtonElement>(el, 'button[type="submit"]').click();
    expect(changes.map((c) => c.key)).to.deep.equal(['cardIdByteOrder']);
  });
});

describe('<scss-diagnostics-view>', () => {
  it('shows the redacted APDU log live, and exports the support bundle', async () => {
    const log = new ApduLog();
    const conn = withApduLog(
      {
        atr: new Uint8Array([0x3b]),
        protocol: 'T1',
        transmit: async () => new Uint8Array([0x90, 0x00]),
        disconnect: async () => undefined,
      },
      log,
    );
    let bundles = 0;
    const el = await fixture<DiagnosticsView>(
      html`<scss-diagnostics-view
        .log=${log}
        .info=${{ reader: ['Virtual CCID'], atr: ['TS=3B direct'], card: ['GIDS'] }}
        .bundle=${() => (bundles++, { ok: true })}
      ></scss-diagnostics-view>`,
    );
    expect(el.shadowRoot!.textContent).to.contain('Noch keine Befehle an die Karte.');
    await conn.transmit(new Uint8Array([0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34]));
    await el.updateComplete;
    const row = q(el, 'tbody tr').textContent!;
    expect(row).to.contain('00 20 00 80 04 ** ** ** **');
    expect(row).not.to.contain('31 32 33 34');
    q<HTMLButtonElement>(el, 'button').click();
    expect(bundles).to.equal(1);
    await expect(el).to.be.accessible();
  });
});
