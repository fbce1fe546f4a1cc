/**
 * Diagnostics inside the app shell: the reader, ATR and card appear when the card is read after
 * the page was rendered (as after a reload, where the reader reconnects on its own), the support
 * contact is shown, the bundle carries the app version and the last error's ids, and the short
 * `ms`/`SW` columns never wrap one character per line on a phone.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CmClient } from '../../src/cm';
import { CardSession } from '../../src/flows/card-session';
import { FlowError } from '../../src/flows/errors';
import { MemoryStore } from '../../src/store';
import { ApduLog } from '../../src/transport/apdu-log';
import { SimulatorProvider } from '../../src/sim/simulator-provider';
import '../../src/ui/app-shell';
import type { AppShell } from '../../src/ui/app-shell';
import { Connectivity } from '../../src/net/connectivity';
import { errorText, setSupportContact } from '../../src/ui/i18n/error-text';
import type { AppServices } from '../../src/ui/services';
import '../../src/ui/views/diagnostics-view';
import { cmOrigin } from './cm-ports';

const diag = (el: AppShell) => el.shadowRoot!.querySelector('scss-diagnostics-view')!;
const diagText = (el: AppShell) => diag(el).shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function app() {
  const log = new ApduLog();
  const session = new CardSession({ log });
  const services = Object.assign(new EventTarget(), {
    session,
    log,
    store: new MemoryStore({ persistent: false }),
    connectivity: new Connectivity(),
    config: {
      cmBaseUrl: `${cmOrigin('corsFull')}/CertificateManagement/api/v1.0`,
      source: 'default' as const,
    },
    cm: new CmClient({ baseUrl: `${cmOrigin('corsFull')}/CertificateManagement/api/v1.0` }),
    flowDeps: () => undefined,
  }) as AppServices & EventTarget;
  history.pushState(null, '', '/diagnostics');
  // The shell itself is the fixture: a plain <div> fixture waits for an animation frame, which a
  // background tab (web-test-runner runs two pages at once) never gets.
  const shell = await fixture<AppShell>(
    html`<scss-app style="width: 320px" .services=${services}></scss-app>`,
  );
  await waitUntil(() => diag(shell)?.shadowRoot?.querySelector('h1'), 'diagnostics rendered');
  return { shell, session, log };
}

describe('diagnostics in the app', function () {
  this.timeout(20_000);
  afterEach(() => {
    history.pushState(null, '', '/');
    setSupportContact(undefined);
  });

  it('shows reader, ATR and card once the card is read after the first render', async () => {
    const { shell, session } = await app();
    expect(diagText(shell)).to.contain('Keine Angaben.');
    const sim = await SimulatorProvider.create();
    const [reader] = await sim.knownReaders();
    await session.useReader(reader!);
    await waitUntil(() => diagText(shell).includes('type: gids'), `card facts shown: ${diagText(shell)}`);
    const atr = session.state.kind === 'ready' ? session.state.info.atrHex : 'none';
    expect(diagText(shell)).to.contain(atr);
    session.release();
  });

  it('names the support contact, and the bundle carries app version and the last error with its ids', async () => {
    setSupportContact('Service Desk, Tel. 0800 123 456');
    const { shell } = await app();
    await (diag(shell) as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(diag(shell).shadowRoot!.querySelector('#support')!.textContent!.trim()).to.equal(
      'Service Desk, Tel. 0800 123 456',
    );
    const rid = '5a3b8f0e-1111-4222-8333-944445555666';
    const cid = 'c0ffee00-aaaa-4bbb-8ccc-dddddddddddd';
    errorText(
      new FlowError(
        'flow/server-error',
        'boom',
        { flow: 'unblock', step: 'get-pin' },
        { causeCode: 'cm/http-500', correlationId: cid, path: `/requests/${rid}/smartcards/x` },
      ),
    );
    const bundle = (diag(shell) as unknown as { bundle: () => Record<string, unknown> }).bundle();
    expect(bundle.appVersion).to.be.a('string').and.not.equal('');
    expect(bundle.supportContact).to.equal('Service Desk, Tel. 0800 123 456');
    expect(bundle.lastError).to.include({
      code: 'flow/server-error',
      causeCode: 'cm/http-500',
      correlationId: cid,
      requestId: rid,
    });
  });

  it('keeps the ms and SW cells on one line at 320 px', async () => {
    const { shell, log } = await app();
    log.add({
      at: Date.now(),
      command: '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00 '.repeat(4).trim(),
      response: '61 12 '.repeat(20).trim(),
      sw: '9000',
      ms: 1234,
      redacted: false,
    });
    await waitUntil(() => diag(shell).shadowRoot!.querySelector('tbody tr'), 'log row shown');
    const cells = diag(shell).shadowRoot!.querySelectorAll('tbody tr td');
    for (const i of [0, 3]) {
      const range = document.createRange();
      range.selectNodeContents(cells[i]!);
      expect(range.getClientRects().length, `cell ${i} "${cells[i]!.textContent}" lines`).to.equal(1);
    }
  });
});
