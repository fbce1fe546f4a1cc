/**
 * The renew view in Chromium against real services (simulator reader + virtual GIDS card, the CM
 * emulator of web-test-runner, a real IndexedDB store): keyboard only in German (Renew, the one
 * type CM lists for the VPN template); in English with both types listed (OnlineUpdate chosen, the
 * "choose one" error first); and the card pulled while keys are generated, continued when it is
 * back, with one new certificate only. axe on every screen; after each run the storage holds no PIN.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../src/cm';
import { enrollCard, resumableFlows } from '../../src/flows';
import { setAppLocale } from '../../src/ui/i18n/locale';
import type { RenewView } from '../../src/ui/views/renew-view';
import {
  API,
  TPL_SERVER_PIN,
  TPL_USER_PIN,
  button,
  cardIdOf,
  enrolled,
  root,
  serverCard,
  step,
  text,
} from './flow-world';
import { cmOrigin } from './cm-ports';
import { expectNoSecrets, idbWorld } from './storage-dump';
import '../../src/ui/views/renew-view';

type W = Awaited<ReturnType<typeof idbWorld>>;

const FAULTS_BASE = `${cmOrigin('faults')}${API}`;

/** Sets the approval switches of the fault emulator (emulator/wtr-plugin.ts; Renew only). */
async function approvals(q: { renewApprovals?: number; approveAfterPolls?: number }): Promise<void> {
  const res = await fetch(
    `/__cm-faults?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
  );
  expect(res.ok, 'fault switch endpoint').to.equal(true);
}

/** Serial numbers CM lists for the card in the reader. */
async function serials(w: W): Promise<string[]> {
  const sc = await serverCard(w);
  return (await w.cm.getSmartcardCertificates(sc!.Uuid)).map((c) => c.SerialNumber);
}

/** Types the card PIN into the (single-field) PIN entry and submits it. */
function cardPin(el: Element, pin: string): void {
  const entry = root(el).querySelector('scss-pin-entry')!;
  entry.shadowRoot!.querySelector<HTMLInputElement>('#pin')!.value = pin;
  entry.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<scss-renew-view>', function () {
  this.timeout(90_000);

  it('keyboard only (German): start, card PIN, progress, new certificate with its validity', async () => {
    const w = await idbWorld();
    await enrolled(w, TPL_USER_PIN, '12345678');
    const before = await serials(w);
    const el = await fixture<RenewView>(html`<scss-renew-view .services=${w.services}></scss-renew-view>`);
    await step(el, 'Neue Zertifikate für Ihre Karte');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' }); // "Erneuern beginnen"
    await step(el, 'PIN Ihrer Karte');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '12345678' });
    const steps = new Set<string>();
    const seen = setInterval(() => el.progress && steps.add(el.progress.step), 5);
    await sendKeys({ press: 'Enter' });
    await step(el, 'Zertifikate erneuert');
    clearInterval(seen);
    expect([...steps]).to.include.members(['generate-keys', 'install-certificates']);
    await expect(el).to.be.accessible();
    expect(text(el)).to.match(/gültig bis \d/);
    expect(root(el).querySelector('a')!.getAttribute('href')).to.equal('/cards');
    const after = await serials(w);
    expect(after).to.have.length(before.length + 1);
    expect(await resumableFlows(w.idb, cardIdOf(w))).to.deep.equal([]);
    await w.session.card!.verifyPin('12345678'); // the PIN is unchanged
    await expectNoSecrets(w, ['12345678']);
    w.session.release();
  });

  it('English, both types listed: "choose one" first, then Online update to Completed', async () => {
    const w = await idbWorld();
    let pin = '';
    await enrollCard(w.services.flowDeps()!, {
      profileTemplateUuid: TPL_SERVER_PIN,
      dataCollection: {},
      confirmProposedPin: async (p) => ((pin = p), true),
    });
    await setAppLocale('en');
    try {
      const el = await fixture<RenewView>(html`<scss-renew-view .services=${w.services}></scss-renew-view>`);
      button(el, 'Start renewing').click();
      await step(el, 'What should happen?');
      await expect(el).to.be.accessible();
      expect(text(el)).to.contain('Renew certificates').and.to.contain('Bring the card up to date');
      button(el, 'Next').click();
      await waitUntil(() => text(el).includes('Please choose what should happen.'));
      await expect(el).to.be.accessible();
      root(el).querySelector<HTMLInputElement>('#type-OnlineUpdate')!.click();
      button(el, 'Next').click();
      await step(el, 'PIN of your card');
      await expect(el).to.be.accessible();
      cardPin(el, pin);
      await step(el, 'Card brought up to date');
      await expect(el).to.be.accessible();
      expect(text(el)).to.match(/valid until \d/);
      const requests = await w.cm.listRequests({ targetUser: 'current' });
      expect(
        requests.filter((r) => r.RequestType === REQUEST_TYPES.OnlineUpdate).map((r) => r.Status),
      ).to.deep.equal([REQUEST_STATUSES.Completed]);
      await expectNoSecrets(w, [pin]);
    } finally {
      await setAppLocale('de');
      w.session.release();
    }
  });

  it('card pulled while keys are generated: "interrupted", back in, PIN again, one new certificate', async () => {
    const w = await idbWorld();
    await enrolled(w, TPL_USER_PIN, '12345678');
    const before = await serials(w);
    const el = await fixture<RenewView>(html`<scss-renew-view .services=${w.services}></scss-renew-view>`);
    button(el, 'Erneuern beginnen').click();
    await step(el, 'PIN Ihrer Karte');
    cardPin(el, '12345678');
    await waitUntil(() => el.progress?.step === 'generate-keys', 'keys', { timeout: 20_000, interval: 1 });
    w.sim.remove();
    await step(el, 'Vorgang unterbrochen');
    await expect(el).to.be.accessible();
    w.sim.insert('gids');
    await step(el, 'PIN Ihrer Karte');
    expect(text(el)).to.contain('Bereits erledigte Schritte werden nicht wiederholt.');
    cardPin(el, '12345678');
    await step(el, 'Zertifikate erneuert');
    expect(await serials(w)).to.have.length(before.length + 1);
    expect(await resumableFlows(w.idb, cardIdOf(w))).to.deep.equal([]);
    await expectNoSecrets(w, ['12345678']);
    w.session.release();
  });

  it('a Renew policy that needs approval: the note, the shared waiting screen, "check again", Completed', async () => {
    const w = await idbWorld(FAULTS_BASE);
    await enrolled(w, TPL_USER_PIN, '12345678');
    await approvals({ renewApprovals: 1, approveAfterPolls: 0 });
    try {
      const el = await fixture<RenewView>(html`<scss-renew-view .services=${w.services}></scss-renew-view>`);
      button(el, 'Erneuern beginnen').click();
      await step(el, 'PIN Ihrer Karte');
      expect(text(el)).to.contain('Der Antrag muss erst freigegeben werden.');
      cardPin(el, '12345678');
      const progress = () => root(el).querySelector('scss-flow-progress')?.shadowRoot?.textContent ?? '';
      await waitUntil(
        () => progress().includes('Der Antrag ist noch nicht freigegeben (Abfrage'),
        'poll count',
        {
          timeout: 10_000,
        },
      );
      await step(el, 'Ihr Antrag wartet auf Freigabe');
      await expect(el).to.be.accessible();
      await approvals({ approveAfterPolls: 1 }); // an approver approves it in the portal
      button(el, 'Erneut nachsehen').click();
      await step(el, 'PIN Ihrer Karte');
      cardPin(el, '12345678');
      await step(el, 'Zertifikate erneuert');
      expect(await resumableFlows(w.idb, cardIdOf(w))).to.deep.equal([]);
      await expectNoSecrets(w, ['12345678']);
    } finally {
      await approvals({ renewApprovals: 0, approveAfterPolls: 2 });
      w.session.release();
    }
  });
});
