/**
 * Enrollment end to end, in real Chromium against the built demo (simulator + CM emulator on one
 * origin): a full enrollment from template choice to "Registrierung abgeschlossen" for the GIDS and
 * the PIV demo card. Afterwards the certificate the app read back from the card is the one the
 * server issued (same serial number in CM's card listing), belongs to the on-card key and was
 * signed by the emulator's CA; the card is Active in CM; no secret is in any storage. An
 * interruption after key generation (the certificate POST fails on the network) resumes without a
 * second GENERATE ASYMMETRIC KEY PAIR (counted in the diagnostics APDU log).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { newTrackedPage, startHarness, waitForController, type Harness, type TrackedPage } from './harness';
import { axeViolations } from './a11y';
import { dumpStorage, leakedSecrets, recordSecrets, type SecretRecorder } from './secrets';

const API = '/CertificateManagement/api/v1.0';
const CA_SUBJECT = 'CN=Contoso Emulated Issuing CA, DC=contoso, DC=com';
const VPN_TEMPLATE = 'Virtual Smartcard VPN'; // user-chosen 8–16 digit PIN, one RSA-2048 certificate

async function home(page: Page) {
  await page.getByRole('link', { name: 'Start', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Ihre Smartcard selbst verwalten' }).waitFor();
}

async function cardId(page: Page): Promise<string> {
  await page.getByText('nicht registriert').waitFor();
  return (await page.locator('scss-card-panel dd').nth(1).textContent())!.trim();
}

/** CM's view of the card: status and the serial numbers of its certificates. */
async function serverCard(page: Page, base: string, id: string) {
  const cards = (await (await page.request.get(`${base}${API}/smartcards?cardid=${id}`)).json()) as
    { Uuid: string; Status: number }[] | { Uuid: string; Status: number };
  const sc = Array.isArray(cards) ? cards[0]! : cards;
  const certs = (await (
    await page.request.get(`${base}${API}/smartcards/${sc.Uuid}/certificates`)
  ).json()) as { SerialNumber: string }[];
  return { status: sc.Status, serials: certs.map((c) => c.SerialNumber) };
}

/** What the done view says it read back from the card. */
async function readBack(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Registrierung abgeschlossen' }).waitFor({ timeout: 60_000 });
  return (await page.locator('scss-enroll-view ul.certs li').first().textContent())!.trim();
}

async function startEnroll(page: Page, template: string) {
  await page.getByRole('link', { name: 'Karte registrieren' }).click();
  await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
  await page.getByLabel(template).check();
  await page.getByRole('button', { name: 'Weiter' }).click();
}

async function generateCount(page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Diagnose' }).click();
  await page.getByRole('heading', { name: 'Diagnose' }).waitFor();
  const log = (await page.getByRole('region', { name: 'APDU-Protokoll' }).textContent()) ?? '';
  return (log.match(/00 47 00 (00|9a)/gi) ?? []).length;
}

describe('enrollment to Completed in the demo', () => {
  let h: Harness;
  let t: TrackedPage;
  let rec: SecretRecorder;

  before(async () => {
    h = await startHarness();
    t = await newTrackedPage(h);
    rec = recordSecrets(t.page);
  });
  after(async () => {
    await t?.context.close();
    await h?.close();
  });

  it('GIDS: key on the card, certificate issued and installed, interruption after key generation resumes without a second key', async () => {
    const { page, context } = t;
    await page.goto(h.baseUrl + '/');
    await waitForController(page);
    await page.getByText('GIDS (Windows-Smartcard)').waitFor();
    const id = await cardId(page);
    await startEnroll(page, VPN_TEMPLATE);
    await page.getByLabel(/Request Reason/).fill('VPN');
    await page.getByRole('button', { name: 'Weiter' }).click();
    rec.addPin('13572468');
    await page.getByLabel('Neue PIN').fill('13572468');
    await page.getByLabel('PIN wiederholen').fill('13572468');
    // The network drops exactly when the card requests go out: after the key was generated.
    let dropped = 0;
    await context.route('**/certificatedata', (route) =>
      dropped++ === 0 ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.getByLabel('PIN wiederholen').press('Enter');
    await page.getByRole('button', { name: 'Erneut versuchen' }).waitFor({ timeout: 60_000 });
    assert.equal(dropped, 1);
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), [], 'storage after the interruption');
    await page.getByRole('button', { name: 'Erneut versuchen' }).click();
    // The PIN is never kept: the resumed run asks for it again and uses it as the card's PIN.
    await page.getByLabel('Neue PIN').fill('13572468');
    await page.getByLabel('PIN wiederholen').fill('13572468');
    await page.getByLabel('PIN wiederholen').press('Enter');
    const line = await readBack(page);
    assert.match(line, new RegExp(`ausgestellt von ${CA_SUBJECT}`));
    assert.match(line, /passt zum Schlüssel auf der Karte/);
    const server = await serverCard(page, h.baseUrl, id);
    assert.equal(server.status, 3, 'card Active in CM'); // SmartcardStatus Active
    const serial = /Seriennummer ([0-9A-F]+)/.exec(line)![1]!;
    assert.ok(server.serials.includes(serial), `CM lists ${serial}: ${server.serials.join(',')}`);
    assert.equal(dropped, 2, 'the resumed run posted the requests again');
    assert.deepEqual(await axeViolations(page), [], 'axe on the done view');
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), [], 'storage after GIDS enrollment');
    assert.equal(await generateCount(page), 1, 'one GENERATE ASYMMETRIC KEY PAIR despite the resume');
  });

  it('PIV: keeps the card PIN, key in 9A, certificate in 5FC105, Completed', async () => {
    const { page } = t;
    await home(page);
    await page.getByRole('button', { name: 'PIV-Karte einstecken' }).click();
    await page.getByText(/PIV/).first().waitFor();
    const id = await cardId(page);
    await startEnroll(page, VPN_TEMPLATE);
    await page.getByLabel(/Request Reason/).fill('Logon');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { name: 'PIN Ihrer Karte' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the card PIN step');
    // Not recorded as a secret: 123456 is the demo PIV card's published default PIN, a literal in the
    // (precached) simulator bundle. The challenges, responses and the diversified 9B key of this run are.
    await page.getByLabel('PIN der Karte').fill('123456');
    await page.getByLabel('PIN der Karte').press('Enter');
    const line = await readBack(page);
    assert.match(line, new RegExp(`ausgestellt von ${CA_SUBJECT}`));
    const server = await serverCard(page, h.baseUrl, id);
    assert.equal(server.status, 3);
    assert.ok(server.serials.includes(/Seriennummer ([0-9A-F]+)/.exec(line)![1]!));
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), [], 'storage after PIV enrollment');
  });

  it('saw secrets on the wire and no CSP violation', () => {
    assert.ok(rec.bytes.length >= 4, `challenges/responses recorded: ${rec.bytes.length}`);
    assert.deepEqual(t.cspViolations, []);
  });
});
