/**
 * The four flow views in Chromium against REAL services: the simulator's virtual CCID reader with a
 * blank GIDS card (through the WebUSB driver), a CardSession, a MemoryStore, and a CmClient talking
 * to the CM emulator that web-test-runner starts on a free port (emulator/wtr-plugin.ts `corsFull`, full CORS).
 * Each test drives a view like a person (clicks and keys) and asserts the real outcome on the card
 * and on the server, plus axe on every step screen.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CmClient, REQUEST_STATUSES, SMARTCARD_STATUSES } from '../../src/cm';
import { certificatesPending, resumableFlows } from '../../src/flows';
import { setAppLocale } from '../../src/ui/i18n/locale';
import type { PinDisplay } from '../../src/ui/components/pin-display';
import type { PinView } from '../../src/ui/views/pin-view';
import {
  API,
  TPL_SERVER_PIN,
  TPL_USER_PIN,
  button,
  cardIdOf,
  enrolled,
  enterPin,
  heading,
  root,
  serverCard,
  shownPin,
  step,
  text,
  world,
} from './flow-world';
import type { EnrollView } from '../../src/ui/views/enroll-view';
import '../../src/ui/views/pin-view';
import '../../src/ui/views/unblock-view';
import '../../src/ui/views/enroll-view';
import '../../src/ui/views/retire-view';

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
    const pin = await shownPin(el);
    expect(pin).to.match(/^\d{8}$/);
    button(el, 'PIN auf die Karte schreiben').click();
    await step(el, 'Fertig');
    await expect(el).to.be.accessible();
    expect(el.pin).to.equal('');
    expect(root(el).querySelector('scss-pin-display')).to.equal(null);
    expect(finished).to.deep.equal([{ flow: 'server-proposed-pin', outcome: 'done' }]);
    // The real outcome: the card now accepts the PIN the server proposed.
    await w.session.card!.verifyPin(pin);
    expect(await resumableFlows(w.store, cardIdOf(w))).to.deep.equal([]);
    w.session.release();
  });

  it('card pulled while the PIN is shown: the PIN is dropped, the screen says the run was interrupted; re-inserted, it continues by itself', async () => {
    const w = await world();
    await enrolled(w, TPL_SERVER_PIN);
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Ihre neue PIN');
    const first = await shownPin(el);
    w.sim.remove();
    await step(el, 'Vorgang unterbrochen');
    expect(text(el)).to.contain('Stecken Sie dieselbe Karte wieder ein: Der Vorgang wird dann fortgesetzt');
    expect(el.pin).to.equal('');
    expect(text(el)).not.to.contain(first);
    await expect(el).to.be.accessible();
    w.sim.insert('gids');
    await step(el, 'Ihre neue PIN');
    const pin = await shownPin(el);
    button(el, 'PIN auf die Karte schreiben').click();
    await step(el, 'Fertig');
    await w.session.card!.verifyPin(pin);
    expect(await resumableFlows(w.store, cardIdOf(w))).to.deep.equal([]);
    w.session.release();
  });

  it('leaving the view drops the shown PIN and aborts nothing that was done (the run stays resumable)', async () => {
    const w = await world();
    await enrolled(w, TPL_SERVER_PIN);
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Ihre neue PIN');
    const display = root(el).querySelector<PinDisplay>('scss-pin-display')!;
    expect(await shownPin(el)).to.match(/^\d{8}$/);
    el.remove();
    expect(el.pin).to.equal('');
    expect(display.pin).to.equal('');
    const [entry] = await resumableFlows(w.store, cardIdOf(w));
    expect(entry).to.include({ flow: 'server-proposed-pin', stage: 'pin-proposed' });
    w.session.release();
  });

  it('speaks English when the user switches the language', async () => {
    const w = await world();
    await setAppLocale('en');
    try {
      const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
      await step(el, 'Get a PIN');
      expect(button(el, 'Get my PIN')).to.exist;
      expect(text(el)).to.contain('PIN from the certificate server');
    } finally {
      await setAppLocale('de');
      w.session.release();
    }
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

describe('<scss-enroll-view>', function () {
  this.timeout(60_000);

  it('user-PIN template: template → form (required-field check) → PIN → keys and certificate → "Registrierung abgeschlossen"', async () => {
    const w = await world();
    const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
    await step(el, 'Neue Karte registrieren');
    await expect(el).to.be.accessible();
    button(el, 'Registrierung beginnen').click();
    await step(el, 'Vorlage wählen');
    await expect(el).to.be.accessible();
    button(el, 'Weiter').click(); // nothing chosen yet
    await el.updateComplete;
    expect(root(el).querySelector('#template-error')!.textContent).to.equal('Bitte wählen Sie eine Vorlage.');
    const labels = [...root(el).querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels)
      .to.include('Virtual Smartcard VPN')
      .and.to.include('FIM CM Sample Smart Card Logon Profile Template');
    expect(labels).not.to.include('User Software Certificate'); // not a smart card template
    root(el).querySelector<HTMLInputElement>(`input[value="${TPL_USER_PIN}"]`)!.click();
    button(el, 'Weiter').click();
    await step(el, 'Angaben für den Antrag');
    expect(root(el).querySelector('label[for="field-0"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Request Reason (freiwillig)',
    );
    await expect(el).to.be.accessible();
    // A deployment may make the item required (the seed does not): the form names the gap and moves focus there.
    el.policy = { ...el.policy!, fields: [{ name: 'Request Reason', required: true }] };
    await el.updateComplete;
    expect(root(el).querySelector('label[for="field-0"]')!.textContent).to.contain('(Pflichtfeld)');
    button(el, 'Weiter').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(root(el).querySelector('#field-0-error')!.textContent).to.equal(
      'Bitte füllen Sie „Request Reason“ aus.',
    );
    expect(root(el).querySelector('#field-0')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).activeElement?.id).to.equal('field-0');
    await expect(el).to.be.accessible();
    await sendKeys({ type: 'New laptop' });
    button(el, 'Weiter').click();
    await step(el, 'PIN wählen');
    expect(text(root(el).querySelector('scss-pin-entry')!)).to.contain('8 bis 16 Ziffern.');
    await expect(el).to.be.accessible();
    await enterPin(el, '24681357');
    await step(el, 'Registrierung abgeschlossen');
    await expect(el).to.be.accessible();
    expect(text(el)).to.contain('passt zum Schlüssel auf der Karte');
    // Real outcomes: the card takes the PIN and holds the certificate; CM knows the card, the request is Completed.
    await w.session.card!.verifyPin('24681357');
    const sc = await serverCard(w);
    expect(sc!.ProfileTemplateUuid.toLowerCase()).to.equal(TPL_USER_PIN);
    expect(await certificatesPending(w.store, cardIdOf(w))).to.deep.equal([]);
    const [request] = (await w.cm.listRequests({ targetUser: 'current' })).filter(
      (r) => r.NewSmartcardUuid === sc!.Uuid,
    );
    expect(request).to.have.property('Status').that.equals(REQUEST_STATUSES.Completed);
    expect(
      (request as { DataCollection: { Name: string; Value: string | null }[] }).DataCollection,
    ).to.deep.include({ Name: 'Request Reason', Value: 'New laptop' });
    const der = await w.session.card!.keys.readCertificate('81', { decrypt: true, sign: true });
    expect(der?.length ?? 0).to.be.greaterThan(500);
    w.session.release();
  });

  it('server-PIN template: the proposed PIN is shown for confirmation while the flow waits, then set', async () => {
    const w = await world();
    const el = await fixture<EnrollView>(html`<scss-enroll-view .services=${w.services}></scss-enroll-view>`);
    button(el, 'Registrierung beginnen').click();
    await step(el, 'Vorlage wählen');
    root(el).querySelector<HTMLInputElement>(`input[value="${TPL_SERVER_PIN}"]`)!.click();
    button(el, 'Weiter').click();
    await step(el, 'Angaben für den Antrag');
    expect(text(el)).to.contain('Für diese Vorlage sind keine Angaben nötig.');
    button(el, 'Weiter').click();
    await step(el, 'PIN vom Zertifikatsserver');
    await expect(el).to.be.accessible();
    button(el, 'Registrierung starten').click();
    await step(el, 'Ihre neue PIN');
    expect(root(el).querySelector('section')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
    const pin = await shownPin(el);
    expect(pin).to.match(/^\d{8}$/);
    button(el, 'Bestätigen und PIN auf die Karte schreiben').click();
    await step(el, 'Registrierung abgeschlossen');
    expect(el.pin).to.equal('');
    expect(text(el)).not.to.contain(pin);
    await w.session.card!.verifyPin(pin);
    expect((await serverCard(w))!.ProfileTemplateUuid.toLowerCase()).to.equal(TPL_SERVER_PIN);
    w.session.release();
  });
});

describe('<scss-unblock-view>', function () {
  this.timeout(60_000);

  it('a blocked PIN: request → new PIN within the policy → the card takes the new PIN', async () => {
    const w = await world();
    await enrolled(w, TPL_USER_PIN, '12345678');
    const card = w.session.card!;
    let code: string | undefined;
    for (let i = 0; i < 16 && code !== 'card/pin-blocked'; i++)
      await card.verifyPin('00000000').catch((e: { code: string }) => (code = e.code));
    expect(code).to.equal('card/pin-blocked');
    const el = await fixture<HTMLElement>(
      html`<scss-unblock-view .services=${w.services}></scss-unblock-view>`,
    );
    await step(el, 'PIN entsperren beantragen');
    await expect(el).to.be.accessible();
    button(el, 'Entsperren beginnen').click();
    await step(el, 'Neue PIN wählen');
    expect(text(el)).to.contain('Ihr Antrag ist freigegeben.');
    await expect(el).to.be.accessible();
    await enterPin(el, '13572468');
    await step(el, 'PIN entsperrt');
    await expect(el).to.be.accessible();
    await w.session.card!.verifyPin('13572468');
    w.session.release();
  });

  it('a card CM does not know: says so and points to enrollment', async () => {
    const w = await world(); // blank card, never enrolled
    const el = await fixture<HTMLElement>(
      html`<scss-unblock-view .services=${w.services}></scss-unblock-view>`,
    );
    button(el, 'Entsperren beginnen').click();
    await step(el, 'Das hat nicht geklappt');
    const alert = root(el).querySelector('[role="alert"]')!.textContent!;
    expect(alert).to.contain('Diese Karte ist beim Zertifikatsserver nicht bekannt.');
    expect(alert).to.contain('Karte registrieren');
    await expect(el).to.be.accessible();
    w.session.release();
  });
});

describe('<scss-retire-view>', function () {
  this.timeout(60_000);

  it('keyboard only: the confirmation is required, then the card is Retired on the server', async () => {
    const w = await world();
    await enrolled(w, TPL_USER_PIN);
    const el = await fixture<HTMLElement>(
      html`<scss-retire-view .services=${w.services}></scss-retire-view>`,
    );
    await step(el, 'Stilllegung bestätigen');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' }); // → checkbox
    expect(root(el).activeElement?.id).to.equal('understood');
    await sendKeys({ press: 'Tab' }); // → "Karte stilllegen"
    await sendKeys({ press: 'Enter' }); // without the tick
    await (el as PinView).updateComplete;
    expect(root(el).querySelector('#understood-error')!.textContent).to.equal(
      'Bitte bestätigen Sie zuerst, dass Ihnen das klar ist.',
    );
    await waitUntil(() => root(el).activeElement?.id === 'understood', 'focus returns to the checkbox');
    await expect(el).to.be.accessible();
    expect((await serverCard(w))!.Status).not.to.equal(SMARTCARD_STATUSES.Retired);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await step(el, 'Karte stillgelegt');
    await expect(el).to.be.accessible();
    const [sc] = await w.cm.findSmartcards({ cardId: cardIdOf(w) });
    expect(sc!.Status).to.equal(SMARTCARD_STATUSES.Retired);
    w.session.release();
  });
});
