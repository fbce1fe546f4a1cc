/**
 * What the flow screens say in Chromium, against the real stack (simulator reader, WebUSB driver,
 * CM emulator): a wrong PIN is said as a wrong PIN with the tries left in words, in German and
 * English, down to "blocked"; a PIV card that kept its PIN is not told "the PIN is set".
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { enrollCard, resumableFlows } from '../../src/flows';
import { setAppLocale } from '../../src/ui/i18n/locale';
import type { EnrollView } from '../../src/ui/views/enroll-view';
import { doneStep } from '../../src/ui/views/enroll-steps';
import {
  TPL_SERVER_PIN,
  TPL_USER_PIN,
  button,
  cardIdOf,
  enterPin,
  root,
  step,
  text,
  world,
  type World,
} from './flow-world';
import '../../src/ui/views/enroll-view';

/** A fresh world with the demo PIV card (PIN 123456, 3 tries) in the reader. */
async function pivWorld(): Promise<World> {
  const w = await world();
  w.sim.insert('piv');
  await waitUntil(
    () => w.session.state.kind === 'ready' && w.session.state.info.type === 'piv',
    'PIV card ready',
    { timeout: 10_000 },
  );
  return w;
}

/** Enroll view up to the card-PIN step for the user-PIN template. */
async function toCardPin(w: World, heading = 'PIN Ihrer Karte'): Promise<EnrollView> {
  const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
  button(
    el,
    el.shadowRoot!.textContent!.includes('Start enrollment') ? 'Start enrollment' : 'Registrierung beginnen',
  ).click();
  await waitUntil(() => root(el).querySelector(`input[value="${TPL_USER_PIN}"]`), 'templates listed', {
    timeout: 10_000,
  });
  root(el).querySelector<HTMLInputElement>(`input[value="${TPL_USER_PIN}"]`)!.click();
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await waitUntil(() => root(el).querySelector('#field-0'), 'form shown', { timeout: 10_000 });
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await step(el, heading);
  return el;
}

const alertText = (el: Element) =>
  root(el).querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('wrong PIN in the enroll view (PIV card keeps its PIN)', function () {
  this.timeout(60_000);
  afterEach(() => setAppLocale('de'));

  it('says "falsch – noch zwei Versuche", then in English "one try left", then "blocked" with the IT as next step', async () => {
    const w = await pivWorld();
    const el = await toCardPin(w);
    await enterPin(el, '000000');
    await step(el, 'Das hat nicht geklappt');
    expect(alertText(el)).to.contain('Die PIN ist falsch – noch zwei Versuche.');
    expect(alertText(el)).not.to.contain('abgelehnt');
    await expect(el).to.be.accessible();
    await setAppLocale('en');
    button(el, 'Try again').click();
    await step(el, 'PIN of your card');
    await enterPin(el, '000000');
    await step(el, 'That did not work');
    expect(alertText(el)).to.contain('Wrong PIN – one try left.');
    expect(alertText(el)).to.contain('one more wrong attempt blocks it');
    button(el, 'Try again').click();
    await step(el, 'PIN of your card');
    await enterPin(el, '000000');
    await step(el, 'That did not work');
    expect(alertText(el)).to.contain('The PIN is blocked.');
    expect(alertText(el)).to.contain('Contact your IT');
    expect(text(el)).not.to.contain('Unblock PIN');
    w.session.release();
  });

  // Rendered from the step template: enrolling the demo PIV card (its GUID is fixed) in the shared
  // WTR emulator would register it for every later test file. enroll-piv.test.ts shows the flow's
  // pinSource 'card' for PIV, and the view passes it on (enroll-view.ts pinKept).
  it('a PIV enrollment that kept the PIN ends without "Die PIN ist gesetzt"', async () => {
    const kept = document.createElement('div');
    render(doneStep([], true), kept);
    expect(kept.textContent).not.to.contain('Die PIN ist gesetzt');
    expect(kept.textContent).to.contain('Ihre PIN bleibt unverändert');
    const set = document.createElement('div');
    render(doneStep([], false), set);
    expect(set.textContent).to.contain('Die PIN ist gesetzt');
  });
});

describe('a resumed server-proposed enrollment (PIN already on the card)', function () {
  this.timeout(60_000);

  it('continues to the end without asking for the PIN it only showed, and writes no PIN again', async () => {
    const w = await world();
    // The first run shows the proposed PIN, writes it, and stops right after (the app was closed).
    const ctrl = new AbortController();
    let shown = '';
    const deps = w.services.flowDeps({
      signal: ctrl.signal,
      onProgress: (p) => p.step === 'get-cert-options' && ctrl.abort(),
    })!;
    await enrollCard(deps, {
      profileTemplateUuid: TPL_SERVER_PIN,
      dataCollection: {},
      confirmProposedPin: async (p) => ((shown = p), true),
    }).catch(() => undefined);
    expect(shown).to.match(/^\d{8}$/);
    expect((await resumableFlows(w.store, cardIdOf(w))).length).to.equal(1);
    const writes = () => w.services.log.entries.filter((e) => /^00 2c/i.test(e.command)).length;
    expect(writes()).to.equal(1);

    const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
    await waitUntil(() => text(el).includes('Dort weitermachen, wo Sie aufgehört haben'), 'resume offered');
    const headings: string[] = [];
    const seen = new MutationObserver(() => {
      const h = root(el).querySelector('[data-step]')?.textContent?.trim();
      if (h && headings.at(-1) !== h) headings.push(h);
    });
    seen.observe(root(el), { subtree: true, childList: true, characterData: true });
    button(el, 'Dort weitermachen, wo Sie aufgehört haben').click();
    await step(el, 'Registrierung abgeschlossen');
    seen.disconnect();
    expect(headings).not.to.include('PIN Ihrer Karte');
    expect(headings).not.to.include('Ihre neue PIN');
    expect(root(el).querySelector('scss-pin-entry')).to.equal(null);
    expect(writes()).to.equal(1);
    await w.session.card!.verifyPin(shown);
    w.session.release();
  });
});

describe('the server lost the interrupted run', function () {
  this.timeout(60_000);

  it('the failure screen offers "Neu beginnen" (not a retry that can only repeat), which drops the run', async () => {
    const w = await world();
    const now = Date.now();
    // A run journaled against a request the server does not know (any more).
    await w.store.journal.put({
      id: crypto.randomUUID(),
      flow: 'enroll',
      cardId: cardIdOf(w),
      stage: 'request-created',
      requestId: crypto.randomUUID(),
      facts: { templateUuid: TPL_USER_PIN, requestCreatedByFlow: true, requestType: 1 },
      startedAt: now,
      updatedAt: now,
    });
    const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
    await waitUntil(() => text(el).includes('Dort weitermachen, wo Sie aufgehört haben'), 'resume offered');
    button(el, 'Dort weitermachen, wo Sie aufgehört haben').click();
    await step(el, 'PIN wählen');
    await enterPin(el, '24681357');
    await step(el, 'Das hat nicht geklappt');
    expect(alertText(el)).to.contain('Der Zertifikatsserver kennt den unterbrochenen Vorgang nicht mehr.');
    expect([...root(el).querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal([
      'Neu beginnen',
    ]);
    await expect(el).to.be.accessible();
    button(el, 'Neu beginnen').click();
    await step(el, 'Neue Karte registrieren');
    expect(text(el)).not.to.contain('Dort weitermachen');
    expect(await resumableFlows(w.store, cardIdOf(w))).to.deep.equal([]);
    w.session.release();
  });
});

describe('card pulled while the enroll view shows the proposed PIN', function () {
  this.timeout(60_000);

  it('drops the PIN, says the run was interrupted, and continues when the card is back', async () => {
    const w = await world();
    const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
    button(el, 'Registrierung beginnen').click();
    await waitUntil(() => root(el).querySelector(`input[value="${TPL_SERVER_PIN}"]`), 'templates listed', {
      timeout: 10_000,
    });
    root(el).querySelector<HTMLInputElement>(`input[value="${TPL_SERVER_PIN}"]`)!.click();
    root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await step(el, 'Angaben für den Antrag');
    root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await step(el, 'PIN vom Zertifikatsserver');
    button(el, 'Registrierung starten').click();
    await step(el, 'Ihre neue PIN');
    w.sim.remove();
    await step(el, 'Vorgang unterbrochen');
    expect(root(el).querySelector('scss-pin-display')).to.equal(null);
    await expect(el).to.be.accessible();
    w.sim.insert('gids');
    await step(el, 'PIN vom Zertifikatsserver'); // the journaled run continues at its PIN step
    button(el, 'Registrierung starten').click();
    await step(el, 'Ihre neue PIN');
    button(el, 'Bestätigen und PIN auf die Karte schreiben').click();
    await step(el, 'Registrierung abgeschlossen');
    expect(text(el)).to.contain('passt zum Schlüssel auf der Karte');
    w.session.release();
  });
});
