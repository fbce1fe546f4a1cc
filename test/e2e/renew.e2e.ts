/**
 * Renewal in the demo (simulator + CM emulator on one origin), driven like a person in Chromium:
 * enroll the blank card with a user-chosen PIN, open "Zertifikate erneuern" from the home view's
 * everyday actions (offered because CM lists `renew` for the card), renew with the card's PIN, and
 * see the new certificate's validity in My cards next to the old one, which is shown as replaced.
 * axe finds nothing on any screen; no PIN is in any storage afterwards.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { newTrackedPage, startHarness, waitForController, type Harness, type TrackedPage } from './harness';
import { axeViolations } from './a11y';
import { dumpStorage, leakedSecrets, recordSecrets, type SecretRecorder } from './secrets';

const PIN = '24681357';

async function expectClean(page: Page, rec: SecretRecorder, where: string) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${where}`);
  assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), [], `storage after ${where}`);
}

describe('renew in the demo', () => {
  let h: Harness;
  let t: TrackedPage;
  let rec: SecretRecorder;

  before(async () => {
    h = await startHarness();
    t = await newTrackedPage(h);
    rec = recordSecrets(t.page);
    rec.addPin(PIN);
  });
  after(async () => {
    await t?.context.close();
    await h?.close();
  });

  it('enrolls the blank card with a PIN of its own', async () => {
    const { page } = t;
    await page.goto(h.baseUrl + '/');
    await waitForController(page);
    await page.getByText('nicht registriert').waitFor();
    await page.getByRole('link', { name: 'Karte registrieren' }).click();
    await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
    await page.getByLabel('Virtual Smartcard VPN').check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click(); // "Request Reason" is optional
    await page.getByLabel('Neue PIN').fill(PIN);
    await page.getByLabel('PIN wiederholen').fill(PIN);
    await page.getByLabel('PIN wiederholen').press('Enter');
    await page.getByRole('heading', { name: 'Registrierung abgeschlossen' }).waitFor({ timeout: 60_000 });
  });

  it('renews from the home view and sees the new validity in My cards', async () => {
    const { page } = t;
    await page.getByRole('link', { name: 'Start', exact: true }).click();
    await page.getByText('Aktiv').first().waitFor();
    const offer = page
      .getByRole('navigation', { name: 'Weitere Aktionen' })
      .getByRole('link', { name: 'Zertifikate erneuern' });
    await offer.waitFor({ timeout: 15_000 });
    await expectClean(page, rec, 'home with the renew offer');
    await offer.click();
    await page.getByRole('heading', { name: 'Neue Zertifikate für Ihre Karte' }).waitFor();
    await expectClean(page, rec, 'renew: start');
    await page.getByRole('button', { name: 'Erneuern beginnen' }).click();
    await page.getByRole('heading', { name: 'PIN Ihrer Karte' }).waitFor();
    await expectClean(page, rec, 'renew: PIN');
    await page.getByLabel('PIN der Karte').fill(PIN);
    await page.getByLabel('PIN der Karte').press('Enter');
    await page.getByRole('heading', { name: 'Zertifikate erneuert' }).waitFor({ timeout: 60_000 });
    await expectClean(page, rec, 'renew: done');
    const line = (await page.locator('scss-renew-view .certs li').first().textContent())!.replace(
      /\s+/g,
      ' ',
    );
    const m = /Seriennummer ([0-9A-F]+), gültig bis (\S+)/.exec(line);
    assert.ok(m, `done line: ${line}`);
    const [, serial, until] = m;
    await page.getByRole('link', { name: 'Meine Karten und Zertifikate ansehen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Karten und Zertifikate' }).waitFor();
    const item = page.locator('scss-cards-view li').filter({ hasText: serial! });
    await item.waitFor({ timeout: 15_000 });
    assert.match((await item.textContent())!, new RegExp(`Gültig bis\\s*${until!.replace(/\./g, '\\.')}`));
    // The same card's article: the old certificate is still listed by CM, shown as replaced, no warning.
    const card = page.locator('scss-cards-view article').filter({ hasText: serial! });
    await card.getByText('durch ein neueres Zertifikat ersetzt').waitFor();
    assert.equal(await card.getByText('läuft in weniger als').count(), 0);
    await expectClean(page, rec, 'my cards after renewal');
  });
});
