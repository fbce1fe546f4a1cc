/**
 * Shared set-up for the flow view tests: a simulator reader with a blank GIDS card behind the
 * WebUSB driver, a CardSession, a MemoryStore, and a CmClient against one of the emulators that
 * web-test-runner starts (emulator/wtr-plugin.ts); plus helpers that drive a view like a person.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { CmClient } from '../../src/cm';
import { CardSession } from '../../src/flows/card-session';
import { enrollCard, type FlowDeps } from '../../src/flows';
import { MemoryStore } from '../../src/store';
import { ApduLog } from '../../src/transport/apdu-log';
import { SimulatorProvider } from '../../src/sim/simulator-provider';
import { Connectivity } from '../../src/net/connectivity';
import type { AppServices } from '../../src/ui/services';
import type { PinDisplay } from '../../src/ui/components/pin-display';
import type { PinView } from '../../src/ui/views/pin-view';
import { cmOrigin } from './cm-ports';

export const API = '/CertificateManagement/api/v1.0';
export const CM_BASE = `${cmOrigin('corsFull')}${API}`;
export const TPL_USER_PIN = '97cd65fa-af4b-4587-9309-0dd6bfd8b4e1'; // Virtual Smartcard VPN: user PIN, 8–16 digits
export const TPL_SERVER_PIN = '2b7044cf-aa96-4911-b886-177947e9271b'; // server-generated 8-digit PIN

export interface World {
  sim: SimulatorProvider;
  services: AppServices;
  /** The CM client the views get from now on (a test swaps it to simulate the network coming back). */
  cm: CmClient;
  store: MemoryStore;
  session: CardSession;
}

export async function world(baseUrl = CM_BASE): Promise<World> {
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
      return card
        ? { card, cm: w.cm, store, pollIntervalMs: 50, approvalTimeoutMs: 5_000, ...extra }
        : undefined;
    },
  };
  return w;
}

/** Enrolls the blank card through the flows API (set-up for the views that need a registered card). */
export async function enrolled(w: World, template: string, userPin = '12345678'): Promise<void> {
  const deps = w.services.flowDeps()!;
  if (template === TPL_USER_PIN)
    await enrollCard(deps, { profileTemplateUuid: template, dataCollection: {}, userPin });
  else
    await enrollCard(deps, {
      profileTemplateUuid: template,
      dataCollection: {},
      confirmProposedPin: async () => true,
    });
}

export const root = (el: Element) => el.shadowRoot!;
export const cardIdOf = (w: World) => (w.session.state.kind === 'ready' ? w.session.state.info.cardId! : '');
/** What the CM server says about the inserted card (not Retired means "in service"). */
export const serverCard = async (w: World) => (await w.cm.findSmartcards({ cardId: cardIdOf(w) }))[0];
export const text = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');
export const heading = (el: Element) => root(el).querySelector('[data-step]')?.textContent?.trim();

export function button(el: Element, label: string): HTMLButtonElement {
  const b = [...root(el).querySelectorAll('button')].find((x) => x.textContent!.trim() === label);
  if (!b) throw new Error(`no button "${label}" in: ${text(el)}`);
  return b;
}

/** Reads the PIN shown by <scss-pin-display> after pressing its "show" button, as a person would. */
export async function shownPin(el: Element): Promise<string> {
  const display = root(el).querySelector<PinDisplay>('scss-pin-display')!;
  display.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-pressed]')!.click();
  await display.updateComplete;
  return display.shadowRoot!.querySelector('.pin')!.textContent!.replace(/\s+/g, '');
}

export async function step(el: Element, title: string): Promise<void> {
  const state = () =>
    JSON.stringify({
      stage: (el as PinView).stage,
      status: (el as PinView & { work: { status: number } }).work.status,
    });
  try {
    await waitUntil(() => heading(el) === title, '', { timeout: 10_000 });
  } catch {
    throw new Error(`step "${title}" not reached; at "${heading(el)}" ${state()}: ${text(el)}`);
  }
}

/** Types into the PIN entry (both fields) and submits it. */
export async function enterPin(el: Element, pin: string): Promise<void> {
  const entry = root(el).querySelector('scss-pin-entry')!;
  for (const id of ['pin', 'pin2']) {
    const input = entry.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`);
    if (input) input.value = pin;
  }
  entry.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}
