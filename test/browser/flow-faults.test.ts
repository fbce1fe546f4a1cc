/**
 * The server's refusals as a person sees them: 403 (caller not in MIM CM's sensitive-API group) and
 * 500 (with the correlation id IT needs) on the flow views, against the `faults` emulator whose
 * fault switches the WTR plugin sets (emulator/wtr-plugin.ts). The card is enrolled while the server
 * is healthy; then the fault is switched on and the view is driven like a person would.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../src/cm';
import type { PinView } from '../../src/ui/views/pin-view';
import {
  API,
  TPL_SERVER_PIN,
  TPL_USER_PIN,
  button,
  enrolled,
  enterPin,
  heading,
  root,
  step,
  text,
  world,
} from './flow-world';
import '../../src/ui/views/pin-view';
import '../../src/ui/views/unblock-view';
import { cmOrigin } from './cm-ports';

const FAULTS_BASE = `${cmOrigin('faults')}${API}`;

/** Sets the fault emulator's switches through the test runner's origin; returns what is now set. */
async function faults(q: { forbidSensitive?: boolean; force500?: string | false }): Promise<unknown> {
  const params = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`/__cm-faults?${params}`);
  expect(res.ok, 'fault switch endpoint').to.equal(true);
  return res.json();
}

const alertText = (el: Element) =>
  root(el).querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('flow views: the server refuses (403, 500)', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await faults({ forbidSensitive: false, force500: false });
  });

  it('403 on the proposed PIN: "no permission", who to ask, and no PIN anywhere', async () => {
    const w = await world(FAULTS_BASE);
    await enrolled(w, TPL_SERVER_PIN);
    expect(await faults({ forbidSensitive: true })).to.deep.equal({ forbidSensitive: true, force500: false });
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    await step(el, 'PIN abholen');
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Das hat nicht geklappt');
    expect(alertText(el)).to.contain('Sie haben für diesen Vorgang keine Berechtigung.');
    expect(alertText(el)).to.contain('Wenden Sie sich an Ihre IT');
    expect(el.pin).to.equal('');
    await expect(el).to.be.accessible();
    w.session.release();
  });

  it('500 on the proposed PIN: the correlation id for IT; once the server recovers, "try again" gets the PIN', async () => {
    const w = await world(FAULTS_BASE);
    await enrolled(w, TPL_SERVER_PIN);
    await faults({ force500: 'serverproposedpin' });
    const el = await fixture<PinView>(html`<scss-pin-view .services=${w.services}></scss-pin-view>`);
    button(el, 'Meine PIN abholen').click();
    await step(el, 'Das hat nicht geklappt');
    expect(alertText(el)).to.contain('Beim Zertifikatsserver ist ein Fehler aufgetreten.');
    // The emulator answers like IIS/Web API with a correlation id; the screen repeats it for IT.
    const id = /Kennung: (\S+)/.exec(alertText(el))?.[1];
    expect(id, alertText(el)).to.match(/^[0-9a-f-]{8,}/i);
    await expect(el).to.be.accessible();
    await faults({ force500: false });
    button(el, 'Erneut versuchen').click();
    await step(el, 'Ihre neue PIN');
    w.session.release();
  });

  it('403 while unblocking: the request is not completed, and the screen says who can help', async () => {
    const w = await world(FAULTS_BASE);
    await enrolled(w, TPL_USER_PIN, '12345678');
    await faults({ forbidSensitive: true }); // authenticationresponse is a sensitive call
    const el = await fixture<HTMLElement>(
      html`<scss-unblock-view .services=${w.services}></scss-unblock-view>`,
    );
    button(el, 'Entsperren beginnen').click();
    // Up to the new PIN the flow needs no sensitive call; the response is fetched once the PIN is chosen.
    await step(el, 'Neue PIN wählen');
    await enterPin(el, '13572468');
    await step(el, 'Das hat nicht geklappt');
    expect(alertText(el)).to.contain('Sie haben für diesen Vorgang keine Berechtigung.');
    await expect(el).to.be.accessible();
    const unblocks = (await w.cm.listRequests()).filter((r) => r.RequestType === REQUEST_TYPES.Unblock);
    expect(unblocks.length, 'the unblock request exists').to.be.greaterThan(0);
    expect(
      unblocks.every((r) => r.Status !== REQUEST_STATUSES.Completed),
      JSON.stringify(unblocks),
    ).to.equal(true);
    await w.session.card!.verifyPin('12345678'); // the old PIN still works: nothing was written
    expect(heading(el)).to.equal('Das hat nicht geklappt');
    expect(text(el)).not.to.contain('13572468');
    w.session.release();
  });
});
