/**
 * Real readers through the card bridge, end to end in Chromium: the production build at an https
 * origin → ws://127.0.0.1 → the bridge (from source) → pcscd (private mount namespace) → vpcd → a
 * virtual GIDS card. Local Network Access is enforced; without the admin policy the app shows its
 * guidance and the bridge sees no connection; with it the employee enrolls, gets the server PIN,
 * unblocks, lists and retires the card, and no secret reaches storage. An unlisted origin and a
 * wrong Host are refused; the bridge stopped mid-flow gives a clear error and the flow resumes
 * after a restart.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { VirtualGidsCard } from '../../src/sim/gids-card';
import { DEFAULT_BRIDGE_PORT } from '../../src/transport/bridge-protocol';
import { VpcdCardServer } from '../pcsc/vpcd-card-server';
import { startBridge, type BridgeProcess } from '../../bridge/test/pcsc/bridge-process';
import { restartablePcscd, type RestartablePcscd } from '../../bridge/test/pcsc/restartable-pcscd';
import { RpcClient } from '../../bridge/test/rpc-client';
import { dumpStorage, leakedSecrets, recordSecrets, type SecretRecorder } from './secrets';
import { launchBrowser, serveProductionApp, writePolicy, type AppServer } from './bridge-world';

const BRIDGE_LABEL = 'Kartenbrücke (Kartenleser dieses Computers)';

async function home(page: Page) {
  await page.getByRole('link', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihre Smartcard selbst verwalten' }).waitFor();
}

describe('card bridge end to end', () => {
  let app: AppServer;
  let pcscd: RestartablePcscd;
  let bridge: BridgeProcess;
  let vpcd: VpcdCardServer;
  let browser: Browser | undefined;
  let removePolicy: (() => void) | undefined;
  const port = DEFAULT_BRIDGE_PORT; // the CSP names the default port, as a deployment would

  const startBridgeHere = () => startBridge(pcscd.env, [app.origin], [], port);

  before(async () => {
    app = await serveProductionApp(port);
    pcscd = await restartablePcscd();
    bridge = await startBridgeHere();
    vpcd = new VpcdCardServer({ port: pcscd.port });
    await vpcd.insert(new VirtualGidsCard({ cardId: globalThis.crypto.getRandomValues(new Uint8Array(16)) }));
  });
  after(async () => {
    removePolicy?.();
    await browser?.close();
    await bridge?.stop();
    await vpcd?.close().catch(() => undefined);
    await pcscd?.dispose();
    await app?.close();
  });

  it('without the policy: the app shows its Local Network Access guidance and the bridge sees no connection', async () => {
    const b = await launchBrowser(app);
    try {
      const page = await (await b.newContext()).newPage();
      await page.goto(`${app.origin}/`);
      await page.getByLabel(BRIDGE_LABEL).check();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match((await alert.textContent()) ?? '', /lokale\w* Netzwerk/);
      assert.doesNotMatch(bridge.output(), /connected: /);
    } finally {
      await b.close();
    }
  });

  it('refuses an unlisted origin and a wrong Host before the upgrade', async () => {
    await assert.rejects(RpcClient.open(`ws://127.0.0.1:${port}/`, { origin: app.otherOrigin }), {
      status: 403,
    });
    await assert.rejects(
      RpcClient.open(`ws://127.0.0.1:${port}/`, { origin: app.origin, host: `rebind.test:${port}` }),
      { status: 421 },
    );
    await bridge.waitFor('origin not allowed', 5000);
    await bridge.waitFor('host not allowed', 5000);
  });

  describe('with the admin policy', () => {
    let page: Page;
    let rec: SecretRecorder;
    let cardId = '';

    before(async () => {
      removePolicy = writePolicy([app.origin, app.otherOrigin]);
      browser = await launchBrowser(app);
      page = await (await browser.newContext()).newPage();
      page.setDefaultTimeout(20_000);
      rec = recordSecrets(page);
    });

    const expectClean = async (where: string) =>
      assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), [], `storage after ${where}`);

    it('connects through the bridge without a prompt and reads the blank card', async () => {
      await page.goto(`${app.origin}/`);
      // Managed: the permission is granted by policy, so the app follows the bridge at start.
      await page.getByText('GIDS (Windows-Smartcard)').waitFor({ timeout: 30_000 });
      await page.getByText('nicht registriert').waitFor();
      cardId = (await page.locator('scss-card-panel dd').nth(1).textContent())!.trim();
      assert.match(bridge.output(), new RegExp(`connected: ${app.origin.replace(/[.]/g, '\\.')}`));
    });

    it('an unlisted origin is told to ask IT', async () => {
      const other = await browser!.newPage();
      await other.goto(`${app.otherOrigin}/`);
      await other.getByLabel(BRIDGE_LABEL).check();
      await other.getByText('Die Kartenbrücke nimmt keine Verbindungen von dieser Seite an.').waitFor();
      await other.close();
    });

    it('enrolls the card with the server-PIN template', async () => {
      await page.getByRole('link', { name: 'Karte registrieren' }).click();
      await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
      await page.getByLabel('FIM CM Sample Smart Card Logon Profile Template').check();
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('button', { name: 'Registrierung starten' }).click();
      await page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' }).click();
      await page.getByRole('heading', { name: 'Registrierung abgeschlossen' }).waitFor({ timeout: 90_000 });
      await expectClean('enroll');
    });

    it('bridge stopped mid-flow (before the server PIN is written): a clear error; after a restart the flow resumes', async () => {
      await home(page);
      await page.getByRole('link', { name: 'Vorgeschlagene PIN abrufen' }).click();
      await page.getByRole('button', { name: 'Meine PIN abholen' }).click();
      await page.getByRole('heading', { name: 'Ihre neue PIN' }).waitFor();
      await page.getByRole('button', { name: 'PIN anzeigen' }).click();
      rec.addPin((await page.locator('scss-pin-display .pin').textContent())!.replace(/\s+/g, ''));
      await bridge.stop();
      // The app notices the closed socket by itself: the PIN view says the bridge is gone (not
      // "card removed") and the proposed PIN leaves the screen; the card panel at home says the same.
      const pinView = page.locator('scss-pin-view');
      await pinView.getByRole('heading', { name: 'Vorgang unterbrochen' }).waitFor();
      await pinView.getByText('Die Verbindung zur Kartenbrücke wurde unterbrochen.').waitFor();
      assert.equal(await page.locator('scss-pin-display').count(), 0, 'the proposed PIN left the screen');
      await home(page);
      await page
        .locator('scss-card-panel')
        .getByText('Die Verbindung zur Kartenbrücke wurde unterbrochen.')
        .waitFor();
      await expectClean('server-proposed PIN: bridge gone');
      bridge = await startBridgeHere();
      await home(page);
      // The app finds the bridge again by itself and re-reads the card (no reload, no re-choosing).
      await page.getByText('GIDS (Windows-Smartcard)').waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: 'Vorgeschlagene PIN abrufen' }).click();
      // The journal knows the flow was interrupted: resume it (steps already done are not repeated).
      await page.getByRole('button', { name: 'Dort weitermachen, wo Sie aufgehört haben' }).click();
      const done = page.getByRole('heading', { name: 'Fertig' });
      const proposed = page.getByRole('heading', { name: 'Ihre neue PIN' });
      await done.or(proposed).waitFor();
      if (await proposed.isVisible()) {
        await page.getByRole('button', { name: 'PIN anzeigen' }).click();
        rec.addPin((await page.locator('scss-pin-display .pin').textContent())!.replace(/\s+/g, ''));
        await page.getByRole('button', { name: 'PIN auf die Karte schreiben' }).click();
      }
      await done.waitFor();
      await expectClean('server-proposed PIN');
    });

    it('unblocks the PIN with a user-chosen one', async () => {
      await home(page);
      await page.getByRole('link', { name: 'PIN entsperren' }).click();
      await page.getByRole('button', { name: 'Entsperren beginnen' }).click();
      rec.addPin('86420135');
      await page.getByLabel('Neue PIN').fill('86420135');
      await page.getByLabel('PIN wiederholen').fill('86420135');
      await page.getByLabel('PIN wiederholen').press('Enter');
      await page.getByRole('heading', { name: 'PIN entsperrt' }).waitFor();
      await expectClean('unblock');
    });

    it('lists the card in "my cards", then retires it', async () => {
      await page.getByRole('link', { name: 'Meine Karten' }).click();
      await page.getByRole('button', { name: 'Vom Server aktualisieren' }).click();
      await page.getByText(cardId).waitFor();
      await home(page);
      await page.getByRole('link', { name: 'Karte stilllegen' }).click();
      await page.getByRole('button', { name: 'Karte stilllegen' }).click();
      await page.getByText('Bitte bestätigen Sie zuerst, dass Ihnen das klar ist.').waitFor();
      await page.getByLabel('Mir ist klar, dass die Karte danach nicht mehr verwendet werden kann.').check();
      await page.getByRole('button', { name: 'Karte stilllegen' }).click();
      await page.getByRole('heading', { name: 'Karte stillgelegt' }).waitFor();
      await expectClean('retire');
    });

    it('saw secrets on the wire, so the storage checks were meaningful', () => {
      assert.ok(rec.bytes.length >= 2, `challenges/responses recorded: ${rec.bytes.length}`);
      assert.ok(rec.strings.length >= 2, `PINs recorded: ${rec.strings.length}`);
    });
  });
});
