/**
 * Storage failure: "quota or corruption errors leave the app working with the cache off and a notice".
 * A fresh browser gets a 1-byte storage quota for the app's origin (CDP, before the origin first
 * touches storage — Chromium ignores the override once the origin's quota is cached), so every
 * IndexedDB write fails with a real QuotaExceededError.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newTrackedPage, startHarness, type Harness } from './harness';

describe('storage quota exhausted', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  it('keeps the app working on a memory cache and says so', async () => {
    const { context, page, cspViolations } = await newTrackedPage(h);
    const cdp = await context.newCDPSession(page);
    // The override lives as long as this CDP session; it stays open for the whole test.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: h.baseUrl, quotaSize: 1 });
    await page.goto(h.baseUrl + '/');
    await page
      .getByText('Der Speicherplatz des Browsers für diese App ist voll; nichts wird lokal gespeichert.')
      .waitFor();
    // The card is still read and looked up at the server; nothing else breaks.
    await page.getByText('GIDS (Windows-Smartcard)').waitFor();
    await page.getByText('nicht registriert').waitFor();
    assert.deepEqual(cspViolations, []);
    await cdp.detach();
    await context.close();
  });
});
