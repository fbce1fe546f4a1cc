import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ui/components/reader-chooser';
import '../../src/ui/components/card-panel';
import type { ReaderChooser } from '../../src/ui/components/reader-chooser';
import type { CardPanel } from '../../src/ui/components/card-panel';
import { SimulatorProvider } from '../../src/sim/simulator-provider';
import { CardSession } from '../../src/flows/card-session';
import { ApduLog } from '../../src/transport/apdu-log';

const q = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s)!;

describe('<scss-reader-chooser>', () => {
  it('lists every route, disables the unavailable ones with the reason, and reports the choice', async () => {
    const el = await fixture<ReaderChooser>(
      html`<scss-reader-chooser .options=${[
        { kind: 'simulator', support: { supported: true } },
        { kind: 'webusb', support: { supported: true } },
        { kind: 'web-smart-card', support: { supported: false, reason: 'not-isolated' } },
      ]}></scss-reader-chooser>`,
    );
    const wsc = q<HTMLInputElement>(el, 'input[value="web-smart-card"]');
    expect(wsc.disabled).to.equal(true);
    expect(q(el, `#${wsc.getAttribute('aria-describedby')}`).textContent).to.equal(
      'Nur in der als Isolated Web App installierten App (ChromeOS).',
    );
    let chosen = '';
    el.addEventListener('provider-chosen', (e) => (chosen = (e as CustomEvent<string>).detail));
    q<HTMLInputElement>(el, 'input[value="simulator"]').click();
    expect(chosen).to.equal('simulator');
    await expect(el).to.be.accessible();
  });
});

describe('<scss-card-panel> over the simulator in Chromium', () => {
  it('follows a real card session: insert prompt, card details, removal', async () => {
    const sim = await SimulatorProvider.create();
    const [reader] = await sim.knownReaders();
    const session = new CardSession({ log: new ApduLog() });
    const el = await fixture<CardPanel>(html`<scss-card-panel></scss-card-panel>`);
    session.addEventListener('change', () => (el.state = session.state));
    await session.useReader(reader!);
    await el.updateComplete;
    expect(q(el, 'dl').textContent).to.contain('GIDS (Windows-Smartcard)');
    expect(q(el, 'dl').textContent).to.contain('3b8d0180fba000000397425446590301c8');
    await expect(el).to.be.accessible();
    sim.remove();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Bitte stecken Sie Ihre Karte ein.'));
    session.release();
  });

  it('explains an error with the next step', async () => {
    const el = await fixture<CardPanel>(
      html`<scss-card-panel .state=${{ kind: 'error', readerName: 'R', error: { code: 'transport/access-denied', data: {} } }}></scss-card-panel>`,
    );
    expect(q(el, '.error').textContent).to.contain('gibt den Kartenleser nicht frei');
    expect(el.shadowRoot!.textContent).to.contain('Isolated Web App');
  });
});
