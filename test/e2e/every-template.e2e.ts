/**
 * Every smart card template the demo offers enrolls the demo's blank GIDS card in the built app
 * (simulator + CM emulator), from the template list the user sees to "Registrierung abgeschlossen"
 * and an Active card in CM — user-chosen and server-proposed PINs alike. Each template gets a fresh
 * card: the demo's GIDS card id is new on every page load.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTrackedPage, startHarness, type Harness, type TrackedPage } from './harness';

const API = '/CertificateManagement/api/v1.0';

describe('every demo template enrolls', () => {
  let h: Harness;
  let t: TrackedPage;
  before(async () => {
    h = await startHarness();
    t = await newTrackedPage(h);
  });
  after(async () => {
    await t?.context.close();
    await h?.close();
  });

  /** A fresh page load (a fresh blank card) up to the template step; returns the card id. */
  async function toTemplates(): Promise<string> {
    const { page } = t;
    await page.goto(h.baseUrl + '/');
    await page.getByText('nicht registriert').waitFor();
    const id = (await page.locator('scss-card-panel dd').nth(1).textContent())!.trim();
    await page.getByRole('link', { name: 'Karte registrieren' }).click();
    await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
    await page.getByRole('heading', { name: 'Vorlage wählen' }).waitFor();
    return id;
  }

  it('lists the templates, then enrolls a fresh card with each of them', async () => {
    const { page } = t;
    let id = await toTemplates();
    const names = (
      await page.locator('scss-enroll-view input[name="template"] + label').allTextContents()
    ).map((s) => s.trim());
    assert.ok(names.length >= 3, `templates offered: ${names.join(', ')}`);
    assert.ok(names.includes('Contoso Virtual Smart Card'));
    for (const name of names) {
      if (name !== names[0]) id = await toTemplates();
      await page.getByLabel(name, { exact: true }).check();
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('heading', { name: 'Angaben für den Antrag' }).waitFor();
      await page.getByRole('button', { name: 'Weiter' }).click();
      const server = page.getByRole('button', { name: 'Registrierung starten' });
      const user = page.getByLabel('PIN wiederholen');
      await server.or(user).first().waitFor();
      if (await server.isVisible()) {
        await server.click();
        await page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' }).click();
      } else {
        await page.getByLabel('Neue PIN').fill('2468135790');
        await user.fill('2468135790');
        await user.press('Enter');
      }
      await page
        .getByRole('heading', { name: /Registrierung abgeschlossen|Das hat nicht geklappt/ })
        .waitFor({ timeout: 60_000 });
      const failure = await page.locator('scss-enroll-view [role="alert"]').allTextContents();
      assert.deepEqual(failure, [], `${name}: no failure`);
      const cards = (await (await page.request.get(`${h.baseUrl}${API}/smartcards?cardid=${id}`)).json()) as
        { Status: number }[] | { Status: number };
      assert.equal((Array.isArray(cards) ? cards[0]! : cards).Status, 3, `${name}: card Active in CM`);
    }
    assert.deepEqual(t.cspViolations, []);
  });
});
