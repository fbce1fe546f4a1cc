/**
 * The four flow views in Chromium against REAL services: the simulator's virtual CCID reader with a
 * blank GIDS card (through the WebUSB driver), a CardSession, a MemoryStore, and a CmClient talking
 * to the CM emulator that web-test-runner starts on port 4391 (emulator/wtr-plugin.ts, full CORS).
 * Each test drives a view like a person (clicks and keys) and asserts the real outcome on the card
 * and on the server, plus axe on every step screen.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CmClient } from '../../src/cm';
import { CardSession } from '../../src/flows/card-session';
import { enrollCard, resumableFlows, type FlowDeps } from '../../src/flows';
import { MemoryStore } from '../../src/store';
import { ApduLog } from '../../src/transport/apdu-log';
import { SimulatorProvider } from '../../src/transport/simulator';
import { Connectivity } from '../../src/ui/connectivity';
import type { AppServices } from '../../src/ui/services';
import type { PinView } from '../../src/ui/views/pin-view';
import '../../src/ui/views/pin-view';

const API = '/CertificateManagement/api/v1.0';
const CM_BASE = `http://localhost:4391${API}`;
const TPL_USER_PIN = '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1'; // Virtual Smartcard VPN: user PIN, 8–16 digits
const TPL_SERVER_PIN = '2b7044cf-aa96-4911-b886-177947e9271b'; // server-generated 8-digit PIN

interface World {
  sim: SimulatorProvider;
  services: AppServices;
  /** The CM client the views get from now on (a test swaps it to simulate the network coming back). */
  cm: CmClient;
  store: MemoryStore;
  session: CardSession;
}

async function world(baseUrl = CM_BASE): Promise<World> {
  const sim = await SimulatorProvider.create();
  const [reader] = await sim.knownReaders();
  const log = new ApduLog();
  const session = new CardSession({ log });
  await session.useReader(reader!);
  expect(session.state.kind).to.equal('ready');
  const store = new MemoryStore({ persistent: false });
  // getRetries 0 / 5 s: a failing server shows its error at once instead of after retries.
  const cm = new CmClient({ baseUrl, getRetries: 0, timeoutMs: 5_000 });
  const w = { sim, cm, store, session } as World;
  w.services = {
    session,
    store,
    log,
    connectivity: new Connectivity(),
    config: { cmBaseUrl: baseUrl, source: 'settings' },
    get cm() {
      return w.cm;
    },
    flowDeps(extra?: Partial<FlowDeps>) {
      const card = session.card;
      return card ? { card, cm: w.cm, store, pollIntervalMs: 50, approvalTimeoutMs: 5_000, ...extra } : undefined;
    },
  };
  return w;
}

/** Enrolls the blank card through the flows API (set-up for the views that need a registered card). */
async function enrolled(w: World, template: string, userPin = '12345678'): Promise<void> {
  const deps = w.services.flowDeps()!;
  if (template === TPL_USER_PIN) await enrollCard(deps, { profileTemplateUuid: template, dataCollection: {}, userPin });
  else await enrollCard(deps, { profileTemplateUuid: template, dataCollection: {}, confirmProposedPin: async () => true });
}

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');
const heading = (el: Element) => root(el).querySelector('[data-step]')?.textContent?.trim();

function button(el: Element, label: string): HTMLButtonElement {
  const b = [...root(el).querySelectorAll('button')].find((x) => x.textContent!.trim() === label);
  if (!b) throw new Error(`no button "${label}" in: ${text(el)}`);
  return b;
}

async function step(el: Element, title: string): Promise<void> {
  const state = () => JSON.stringify({ stage: (el as PinView).stage, status: (el as PinView & { work: { status: number } }).work.status });
  try {
    await waitUntil(() => heading(el) === title, '', { timeout: 20_000 });
  } catch {
    throw new Error(`step "${title}" not reached; at "${heading(el)}" ${state()}: ${text(el)}`);
  }
}

/** Types into the PIN entry (both fields) and submits it. */
async function enterPin(el: Element, pin: string): Promise<void> {
  const entry = root(el).querySelector('scss-pin-entry')!;
  for (const id of ['pin', 'pin2']) {
    const input = entry.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`);
    if (input) input.value = pin;
  }
  entry.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<scss-pin-view> (server-proposed PIN)', function () {
  this.timeout(60_000);

  it('without a card says "insert your card" and offers nothing to click', async () => {
    const w = await world();
    w.sim.remove();
    await waitUntil(() => w.session.state.kind === 'no-card');
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    expect(text(el)).to.contain('Bitte stecken Sie Ihre Karte in den Kartenleser.');
    expect(root(el).querySelectorAll('button, input, a').length).to.equal(0);
    await expect(el).to.be.accessible();
    w.sim.insert('gids');
    await step(el, 'PIN abholen');
    w.session.release();
  });

  it('gets the proposed PIN, shows it, writes it to the card and forgets it', async () => {
    const w = await world();
    await enrolled(w, TPL_SERVER_PIN);
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    const finished: unknown[] = [];
    el.addEventListener('flow-finished', (e) => finished.push((e as CustomEvent).detail));
    await step(el, 'PIN abholen');
    await expect(el).to.be.accessible();
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Ihre neue PIN');
    expect(document.activeElement).to.equal(el);
    expect(root(el).activeElement?.textContent?.trim()).to.equal('Ihre neue PIN');
    await expect(el).to.be.accessible();
    const display = root(el).querySelector('scss-pin-display')!;
    display.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
    await (display as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const pin = display.shadowRoot!.querySelector('.pin')!.textContent!.replace(/\s+/g, '');
    expect(pin).to.match(/^\d{8}$/);
    button(el, 'PIN auf die Karte schreiben').click();
    await step(el, 'Fertig');
    await expect(el).to.be.accessible();
    expect(el.pin).to.equal('');
    expect(root(el).querySelector('scss-pin-display')).to.equal(null);
    expect(finished).to.deep.equal([{ flow: 'server-proposed-pin', outcome: 'done' }]);
    // The real outcome: the card now accepts the PIN the server proposed.
    await w.session.card!.verifyPin(pin);
    expect(await resumableFlows(w.store, w.session.state.kind === 'ready' ? w.session.state.info.cardId! : '')).to.deep.equal([]);
    w.session.release();
  });

  it('204 (template lets the user choose): asks for a PIN within the policy and sets it', async () => {
    const w = await world();
    await enrolled(w, TPL_USER_PIN, '12345678');
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    await step(el, 'PIN abholen');
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Wählen Sie Ihre PIN');
    // The policy limits (8–16 digits) are stated up front.
    expect(text(root(el).querySelector('scss-pin-entry')!)).to.contain('8 bis 16 Ziffern.');
    await expect(el).to.be.accessible();
    await enterPin(el, '1234'); // too short: the entry refuses, nothing is sent
    expect(heading(el)).to.equal('Wählen Sie Ihre PIN');
    await enterPin(el, '87654321');
    await step(el, 'Fertig');
    await w.session.card!.verifyPin('87654321');
    let old: unknown;
    await w.session.card!.verifyPin('12345678').catch((e: unknown) => (old = e));
    expect((old as { code?: string }).code).to.equal('card/pin-wrong');
    w.session.release();
  });

  it('server unreachable: says what happened and what to do, with "try again"; cancel keeps the run resumable', async () => {
    const w = await world();
    await enrolled(w, TPL_SERVER_PIN);
    const good = w.cm;
    w.cm = new CmClient({ baseUrl: `http://localhost:4399${API}`, getRetries: 0, timeoutMs: 5_000 }); // nothing listens there
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Das hat nicht geklappt');
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Der Zertifikatsserver ist nicht erreichbar.');
    expect(alert.textContent).to.contain('Prüfen Sie die Netzwerkverbindung');
    await expect(el).to.be.accessible();
    w.cm = good; // the network is back
    button(el, 'Erneut versuchen').click();
    await step(el, 'Ihre neue PIN');
    // Cancel while a step runs: the flow's signal aborts, the run stays in the journal to continue.
    button(el, 'PIN auf die Karte schreiben').click();
    await el.updateComplete; // the working screen is up at once; the apply takes a few card and HTTP round trips
    expect(heading(el)).to.equal('Bitte warten');
    expect(root(el).querySelector('section')!.getAttribute('aria-busy')).to.equal('true');
    const progress = root(el).querySelector<PinView>('scss-flow-progress')!;
    await progress.updateComplete;
    button(progress, 'Abbrechen').click();
    await step(el, 'Vorgang abgebrochen');
    await expect(el).to.be.accessible();
    button(el, 'Weitermachen').click();
    await step(el, 'Ihre neue PIN');
    button(el, 'Abbrechen').click(); // discard: nothing written, the request is cancelled
    await step(el, 'Abgebrochen');
    expect(el.pin).to.equal('');
    w.session.release();
  });
});
