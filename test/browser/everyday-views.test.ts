/**
 * The everyday views in Chromium against real services (simulator reader + virtual GIDS card, the
 * CM emulator of web-test-runner, a real IndexedDB store): change PIN keyboard-only in German and
 * with a wrong current PIN in English; offline unblock with the CM address unreachable and the
 * emulator's help-desk page as the help desk, in German, and a wrong response in English. axe on
 * every screen; after each run the storage (IndexedDB, Cache Storage, localStorage) holds none of
 * the PINs, challenges or responses.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CmClient } from '../../src/cm';
import { setAppLocale } from '../../src/ui/i18n/locale';
import { CM_BASE, TPL_USER_PIN, button, enrolled, heading, root, step, text, type World } from './flow-world';
import { expectNoSecrets, idbWorld } from './storage-dump';
import '../../src/ui/views/change-pin-view';
import '../../src/ui/views/offline-unblock-view';
import { cmOrigin } from './cm-ports';

const HELPDESK = `${cmOrigin('corsFull')}/CertificateManagement/helpdesk/offline-unblock`;
const DEAD_CM = 'http://127.0.0.1:1/CertificateManagement/api/v1.0';

async function blockPin(w: World): Promise<void> {
  for (let i = 0; i < 3; i++) await w.session.card!.verifyPin('00000000').catch(() => undefined);
  expect((await w.session.card!.pinStatus()).triesLeft).to.equal(0);
}

async function helpdesk(cardId: string, challenge: string): Promise<string> {
  const html = await (
    await fetch(`${HELPDESK}?cardid=${encodeURIComponent(cardId)}&challenge=${encodeURIComponent(challenge)}`)
  ).text();
  const m = /<output[^>]*>([0-9A-F ]+)<\/output>/.exec(html);
  if (!m) throw new Error(`help desk page: ${html}`);
  return m[1]!;
}

function challengeOf(el: Element): { cardId: string; challenge: string } {
  return {
    cardId: root(el).querySelector('.cardid')!.textContent!.trim(),
    challenge: [...root(el).querySelectorAll('.code li')].map((li) => li.textContent!.trim()).join(' '),
  };
}

function fill(el: Element, id: string, value: string): void {
  root(el).querySelector<HTMLInputElement>(`#${id}`)!.value = value;
}

function fillPin(el: Element, pin: string): void {
  const entry = root(el).querySelector('scss-pin-entry')!;
  for (const id of ['pin', 'pin2']) entry.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!.value = pin;
  entry.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<scss-change-pin-view>', function () {
  this.timeout(60_000);

  it('keyboard only (German): current PIN, new PIN twice, done; the card takes the new PIN', async () => {
    const w = await idbWorld();
    await enrolled(w, TPL_USER_PIN, '12345678');
    const el = await fixture<HTMLElement>(
      html`<scss-change-pin-view .services=${w.services}></scss-change-pin-view>`,
    );
    await step(el, 'PIN der Karte ändern');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await step(el, 'Bisherige und neue PIN');
    expect(text(el)).to.contain('Für die bisherige PIN haben Sie noch drei Versuche.');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('current');
    await sendKeys({ type: '12345678' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '87654321' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '87654321' });
    await sendKeys({ press: 'Tab' }); // "PIN anzeigen"
    await sendKeys({ press: 'Tab' }); // "PIN ändern"
    await sendKeys({ press: 'Enter' });
    await step(el, 'PIN geändert');
    await expect(el).to.be.accessible();
    await w.session.card!.verifyPin('87654321');
    await expectNoSecrets(w, ['12345678', '87654321']);
    w.session.release();
  });

  it('English: a wrong current PIN says so with the tries left in words; the next try works', async () => {
    const w = await idbWorld();
    await enrolled(w, TPL_USER_PIN, '12345678');
    await setAppLocale('en');
    try {
      const el = await fixture<HTMLElement>(
        html`<scss-change-pin-view .services=${w.services}></scss-change-pin-view>`,
      );
      await step(el, "Change the card's PIN");
      button(el, 'Start changing the PIN').click();
      await step(el, 'Current and new PIN');
      fill(el, 'current', '11112222');
      fillPin(el, '87654321');
      await step(el, 'That did not work');
      expect(text(el)).to.contain('Wrong PIN – two tries left.');
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await step(el, 'Current and new PIN');
      expect(text(el)).to.contain('You have two tries left for the current PIN.');
      await expect(el).to.be.accessible();
      fill(el, 'current', '12345678');
      fillPin(el, '87654321');
      await step(el, 'PIN changed');
      await expect(el).to.be.accessible();
      await w.session.card!.verifyPin('87654321');
      await expectNoSecrets(w, ['12345678', '11112222', '87654321']);
    } finally {
      await setAppLocale('de');
      w.session.release();
    }
  });
});

describe('<scss-offline-unblock-view>', function () {
  this.timeout(60_000);

  it('German, no connection to CM: request code and card id out, the help desk response in, new PIN', async () => {
    const w = await idbWorld();
    await enrolled(w, TPL_USER_PIN, '12345678');
    await blockPin(w);
    w.cm = new CmClient({ baseUrl: DEAD_CM, getRetries: 0, timeoutMs: 2_000 });
    const el = await fixture<HTMLElement>(
      html`<scss-offline-unblock-view .services=${w.services}></scss-offline-unblock-view>`,
    );
    await step(el, 'Entsperren ohne Verbindung');
    await expect(el).to.be.accessible();
    button(el, 'Anfragecode anzeigen').click();
    await step(el, 'Helpdesk anrufen');
    await expect(el).to.be.accessible();
    expect(text(el)).to.contain('keine Vorgaben des Zertifikatsservers');
    const { cardId, challenge } = challengeOf(el);
    expect(challenge).to.match(/^([0-9A-F]{4} ){3}[0-9A-F]{4}$/);
    const response = await helpdesk(cardId, challenge);
    fill(el, 'response', response.toLowerCase());
    fillPin(el, '24682468');
    await step(el, 'PIN entsperrt');
    await expect(el).to.be.accessible();
    await w.session.card!.verifyPin('24682468');
    await expectNoSecrets(w, [challenge, response, '24682468']);
    w.session.release();
  });

  it('English: a wrong response is refused by the card and explained; a new request code works', async () => {
    const w = await idbWorld();
    await enrolled(w, TPL_USER_PIN, '12345678');
    await blockPin(w);
    await setAppLocale('en');
    try {
      const el = await fixture<HTMLElement>(
        html`<scss-offline-unblock-view .services=${w.services}></scss-offline-unblock-view>`,
      );
      button(el, 'Show the request code').click();
      await step(el, 'Call the help desk');
      await expect(el).to.be.accessible();
      const first = challengeOf(el);
      fill(el, 'response', '0000 0000 0000 0000');
      fillPin(el, '24682468');
      await step(el, 'That did not work');
      expect(text(el)).to.contain('The card refused the response code.');
      expect(text(el)).to.contain('IT help desk');
      await expect(el).to.be.accessible();
      button(el, 'Try again').click();
      await step(el, 'Call the help desk');
      const second = challengeOf(el);
      const response = await helpdesk(second.cardId, second.challenge);
      fill(el, 'response', response);
      fillPin(el, '24682468');
      await step(el, 'PIN unblocked');
      await w.session.card!.verifyPin('24682468');
      await waitUntil(() => heading(el) === 'PIN unblocked');
      await expectNoSecrets(w, [first.challenge, second.challenge, response, '24682468']);
    } finally {
      await setAppLocale('de');
      w.session.release();
    }
  });
});

void CM_BASE;
