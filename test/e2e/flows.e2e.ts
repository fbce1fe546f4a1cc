/**
 * The flows end to end (enrollment runs to Completed), in real Chromium against the built demo (simulator + CM emulator on one
 * origin), driving the UI like a person: enroll the blank demo card, get the server-proposed PIN with
 * the keyboard only, unblock, retire; after every flow no secret may be in any storage, axe finds no
 * WCAG 2.1 AA violation on any view, and nothing violates the CSP. Then an offline reload shows the
 * cached cards read-only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { newTrackedPage, startHarness, waitForController, type Harness, type TrackedPage } from './harness';
import { axeViolations, tabTo, waitForFocus } from './a11y';
import { dumpStorage, leakedSecrets, recordSecrets, type SecretRecorder } from './secrets';

async function home(page: Page) {
  await page.getByRole('link', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihre Smartcard selbst verwalten' }).waitFor();
}

async function expectClean(page: Page, rec: SecretRecorder, where: string) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
  assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), [], `storage after ${where}`);
}

describe('the four flows in the demo', () => {
  let h: Harness;
  let t: TrackedPage;
  let rec: SecretRecorder;
  let cardId = '';

  before(async () => {
    h = await startHarness();
    t = await newTrackedPage(h);
    rec = recordSecrets(t.page);
  });
  after(async () => {
    await t?.context.close();
    await h?.close();
  });

  it('starts on the simulator with a blank GIDS card the server does not know yet', async () => {
    const { page } = t;
    await page.goto(h.baseUrl + '/');
    await waitForController(page);
    await page.getByText('GIDS (Windows-Smartcard)').waitFor();
    await page.getByText('nicht registriert').waitFor();
    cardId = (await page.locator('scss-card-panel dd').nth(1).textContent())!.trim();
    assert.match(cardId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await page.getByRole('note').filter({ hasText: 'Demo' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
  });

  it('enrolls the card with the server-PIN template (PIN shown, confirmed, set; keys and certificate; completed)', async () => {
    const { page } = t;
    await page.getByRole('link', { name: 'Karte registrieren' }).click();
    await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
    await page.getByLabel('FIM CM Sample Smart Card Logon Profile Template').check();
    await expectClean(page, rec, 'enroll: template step');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click(); // this template collects no data
    await page.getByRole('button', { name: 'Registrierung starten' }).click();
    await page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' }).waitFor();
    await expectClean(page, rec, 'enroll: PIN confirmation');
    await page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' }).click();
    await page.getByRole('heading', { name: 'Registrierung abgeschlossen' }).waitFor({ timeout: 60_000 });
    await page.getByText('passt zum Schlüssel auf der Karte').waitFor();
    await expectClean(page, rec, 'enroll: done');
  });

  it('gets the server-proposed PIN with the keyboard only and writes it to the card', async () => {
    const { page } = t;
    await home(page);
    await page.getByRole('link', { name: 'Vorgeschlagene PIN abrufen' }).click();
    await page.getByRole('heading', { name: 'PIN abholen' }).waitFor();
    // From here on: keys only. Focus sits on the view's heading after navigation.
    await tabTo(page, 'Meine PIN abholen');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ihre neue PIN' }).waitFor();
    await waitForFocus(page, /Ihre neue PIN/);
    await tabTo(page, 'PIN anzeigen');
    await page.keyboard.press('Enter');
    const shown = (await page.locator('scss-pin-display .pin').textContent())!.replace(/\s+/g, '');
    assert.match(shown, /^\d{8}$/);
    rec.addPin(shown);
    await expectClean(page, rec, 'server-proposed PIN: display');
    await tabTo(page, 'PIN auf die Karte schreiben');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Fertig' }).waitFor();
    // The PIN is gone from the page once applied.
    assert.equal(await page.locator('scss-pin-display .pin').count(), 0);
    await expectClean(page, rec, 'server-proposed PIN: done');
  });

  it('unblocks the PIN with a user-chosen one', async () => {
    const { page } = t;
    await home(page);
    await page.getByRole('link', { name: 'PIN entsperren' }).click();
    await page.getByRole('button', { name: 'Entsperren beginnen' }).click();
    await page.getByLabel('Neue PIN').waitFor();
    await expectClean(page, rec, 'unblock: PIN entry');
    rec.addPin('86420135');
    await page.getByLabel('Neue PIN').fill('86420135');
    await page.getByLabel('PIN wiederholen').fill('86420135');
    await page.getByLabel('PIN wiederholen').press('Enter');
    await page.getByRole('heading', { name: 'PIN entsperrt' }).waitFor();
    await expectClean(page, rec, 'unblock: done');
  });

  it('lists the card in "my cards" after a refresh from the server', async () => {
    const { page } = t;
    await page.getByRole('link', { name: 'Meine Karten' }).click();
    await page.getByRole('button', { name: 'Vom Server aktualisieren' }).click();
    await page.getByText(cardId).waitFor();
    await expectClean(page, rec, 'my cards');
  });

  it('retires the card only after an explicit confirmation', async () => {
    const { page } = t;
    await home(page);
    await page.getByRole('link', { name: 'Karte stilllegen' }).click();
    await page.getByRole('button', { name: 'Karte stilllegen' }).click();
    await page.getByText('Bitte bestätigen Sie zuerst, dass Ihnen das klar ist.').waitFor();
    await expectClean(page, rec, 'retire: confirmation error');
    await page.getByLabel('Mir ist klar, dass die Karte danach nicht mehr verwendet werden kann.').check();
    await page.getByRole('button', { name: 'Karte stilllegen' }).click();
    await page.getByRole('heading', { name: 'Karte stillgelegt' }).waitFor();
    await expectClean(page, rec, 'retire: done');
  });

  it('shows the cached cards read-only after an offline reload; settings and diagnostics pass axe', async () => {
    const { page, context } = t;
    await page.getByRole('link', { name: 'Meine Karten' }).click();
    await page.getByRole('button', { name: 'Vom Server aktualisieren' }).click();
    await page.getByText('Stillgelegt').first().waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Meine Karten und Zertifikate' }).waitFor();
    // No network at all is "Offline", not "Server nicht erreichbar" (navigator.onLine stays true here).
    await page.getByText('Offline – nur gespeicherte Daten').waitFor();
    assert.equal(await page.getByText('Server nicht erreichbar').count(), 0);
    await page.getByText(cardId).waitFor();
    await page.getByText('Offline: Sie sehen den zuletzt gespeicherten Stand').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Vom Server aktualisieren' }).isDisabled(), true);
    await expectClean(page, rec, 'my cards offline');
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('heading', { name: 'Einstellungen' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on settings');
    await page.getByRole('link', { name: 'Diagnose' }).click();
    await page.getByRole('heading', { name: 'Diagnose' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on diagnostics');
    await context.setOffline(false);
  });

  it('saw secrets on the wire (so the storage checks were meaningful) and no CSP violation', () => {
    assert.ok(rec.bytes.length >= 4, `challenges/responses recorded: ${rec.bytes.length}`);
    assert.ok(rec.strings.length >= 3, `PINs recorded: ${rec.strings.length}`);
    assert.deepEqual(t.cspViolations, []);
  });
});
