/**
 * OIDC sign-in in the Isolated Web App (the demo build as a dev-proxy IWA, iwa-harness.ts) against
 * a real OpenID Provider (`oidc-provider` on https, a native client as AD FS / Entra register one
 * for a desktop app): the app opens the IdP in a browser tab, the IdP redirects to the app's
 * loopback listener (Direct Sockets, RFC 8252 §7.3), the app exchanges the code with PKCE, then
 * calls CM with the bearer token, which the emulator checks against the IdP's keys. No token may
 * be in any storage afterwards (the check shown to catch a planted one). Sign-out forgets it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { createServer as createHttps, get as httpsGet, type Server } from 'node:https';
import type { Page } from 'playwright-core';
import { API_PREFIX, createEmulator } from '../../emulator/core';
import { emulatorMiddleware } from '../../emulator/node';
import { bounded, devProxyId, launchIwa, listen, type IwaRun } from './iwa-harness';
import { CLIENT_ID, CM_RESOURCE, CM_SCOPE, idpLogin, startIdp, type Idp } from './oidc-idp';
import { dumpStorage, leakedSecrets, recordSecrets, recordTokens, type SecretRecorder } from './secrets';
import { selfSignedLocalhost } from './self-signed';

const REDIRECT_PATH = '/auth/callback';

/** Screenshots for a person to look at (E2E_SHOTS=<dir>): DE and EN at 390 and 1280 px. */
async function shots(page: Page, dir: string, name: string): Promise<void> {
  for (const [lang, button] of [
    ['de', 'Deutsch'],
    ['en', 'English'],
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${dir}/${name}-${lang}-${width}.png` });
    }
  }
  await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
}

function jwksOf(uri: string, ca: string): Promise<{ keys: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    httpsGet(uri, { ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}
const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?/;

describe('the IWA signs in against a real OpenID provider (browser tab + loopback redirect)', () => {
  let idp: Idp, cm: Server, iwa: IwaRun, page: Page, rec: SecretRecorder;
  /** `METHOD path status bearer?` of every CM answer the app got. */
  const cmAnswers: string[] = [];
  const debug: string[] = [];

  before(async () => {
    const tls = await selfSignedLocalhost();
    const id = devProxyId();
    const origin = `isolated-app://${id}`;
    idp = await startIdp(origin, { tls, native: true, redirectUris: [`http://127.0.0.1${REDIRECT_PATH}`] });
    const emu = createEmulator({
      cors: 'full',
      corsOrigins: [origin],
      log: () => undefined,
      auth: 'oidc',
      oidcIssuer: idp.issuer,
      oidcAudience: CM_RESOURCE,
      // The emulator gets the IdP's keys from its JWKS endpoint, fetched trusting the test certificate.
      oidcJwks: await jwksOf(idp.jwksUri, tls.cert),
      oidcScope: CM_SCOPE,
    });
    cm = createHttps({ key: tls.key, cert: tls.cert }, emulatorMiddleware(emu));
    const cmPort = await listen(cm);
    // The test certificate is trusted by its key hash, in every browsing context (the IdP tab too).
    const spki = createHash('sha256')
      .update(new X509Certificate(tls.cert).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    iwa = await launchIwa({
      id,
      args: [`--ignore-certificate-errors-spki-list=${spki}`],
      config: () => ({
        cmBaseUrl: `https://127.0.0.1:${cmPort}/CertificateManagement/api/v1.0`,
        auth: 'oidc',
        supportContact: 'IT-Service 0800 123',
        oidc: {
          authority: idp.issuer,
          clientId: CLIENT_ID,
          scope: `openid profile ${CM_SCOPE}`,
          resource: CM_RESOURCE,
        },
      }),
    });
    page = iwa.page;
    rec = recordSecrets(page);
    recordTokens(page, rec);
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (!u.pathname.toLowerCase().startsWith(API_PREFIX.toLowerCase())) return;
      const bearer = /^Bearer /.test(r.request().headers()['authorization'] ?? '') ? ' bearer' : '';
      cmAnswers.push(`${r.request().method()} ${u.pathname.slice(API_PREFIX.length)} ${r.status()}${bearer}`);
    });
    page.on('console', (m) => debug.push(`[app] ${m.text()}`));
  });

  after(async () => {
    await iwa?.close();
    await idp?.close();
    cm?.closeAllConnections?.();
    await new Promise((r) => cm?.close(r));
  });

  const step = <T>(p: Promise<T>, what: string) =>
    bounded(p, 30_000, what, iwa.crashed).catch(async (e: unknown) => {
      const tree = await page
        .locator('body')
        .ariaSnapshot({ timeout: 2000 })
        .catch(() => '(no snapshot)');
      throw new Error(
        `${what}: ${String(e)}\n${tree}\n${cmAnswers.join(', ')}\n${debug.slice(-15).join('\n')}`,
      );
    });

  it('opens the IdP in a browser tab; its redirect reaches the loopback listener; the app is signed in', async () => {
    await step(page.getByText('Nicht angemeldet.').waitFor(), 'signed-out bar');
    const opened = iwa.context.waitForEvent('page', { timeout: 15_000 });
    await step(page.getByRole('button', { name: 'Anmelden' }).click(), 'sign-in button');
    const tab = await step(opened, 'IdP tab');
    await step(
      page.getByText('Melden Sie sich auf der Seite an, die sich in Ihrem Browser geöffnet hat.').waitFor(),
      'tab hint',
    );
    if (process.env.E2E_SHOTS) await shots(page, process.env.E2E_SHOTS, 'iwa-signing-in');
    const tabUrls: string[] = [];
    tab.on('framenavigated', (f) => f === tab.mainFrame() && tabUrls.push(f.url()));
    await step(idpLogin(tab, LOOPBACK), 'IdP login');
    await step(page.getByText('Angemeldet als Jana Beispiel').waitFor(), 'signed-in bar');
    assert.match(tab.url(), LOOPBACK, `the tab ended on the loopback redirect: ${tabUrls.join(' → ')}`);
    assert.match(await tab.locator('body').innerText(), /Anmeldung abgeschlossen/);
    assert.equal(new URL(page.url()).protocol, 'isolated-app:', 'the app window never left its origin');
    assert.equal(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('scss.oidc.')).length),
      0,
      'redirect state removed',
    );
    assert.ok(rec.tokens.length >= 2, `access and ID token seen on the wire: ${rec.tokens.length}`);
    await tab.close();
  });

  it('runs a CM call with the bearer token (the emulator verified it against the IdP keys)', async () => {
    const from = cmAnswers.length;
    await step(page.getByRole('link', { name: 'Meine Karten' }).click(), 'my cards');
    await step(page.getByRole('button', { name: 'Vom Server aktualisieren' }).click(), 'refresh');
    await step(
      (async () => {
        while (!cmAnswers.slice(from).some((a) => / 200 bearer$/.test(a)))
          await new Promise((r) => setTimeout(r, 100));
      })(),
      'a CM answer to a bearer call',
    );
    assert.deepEqual(
      cmAnswers.slice(from).filter((a) => !a.endsWith(' bearer') && !a.startsWith('OPTIONS')),
      [],
      'every CM call carried the token',
    );
  });

  it('kept no access, refresh or ID token in IndexedDB, Cache Storage, localStorage or sessionStorage', async () => {
    await page.evaluate(
      (t) => sessionStorage.setItem('planted', JSON.stringify({ access_token: t })),
      rec.tokens[0]!,
    );
    assert.ok(leakedSecrets(await dumpStorage(page), rec).length > 0, 'the dump finds a planted token');
    await page.evaluate(() => sessionStorage.removeItem('planted'));
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), []);
  });

  it('signs out: the token is forgotten and the IdP sign-out opens in a browser tab', async () => {
    const opened = iwa.context.waitForEvent('page', { timeout: 15_000 });
    await step(page.getByRole('button', { name: 'Abmelden' }).click(), 'sign-out button');
    const tab = await step(opened, 'sign-out tab');
    await step(page.getByText('Nicht angemeldet.').waitFor(), 'signed-out bar');
    await step(tab.waitForURL(/\/session\/end/), 'IdP end-session page');
    assert.equal(new URL(page.url()).protocol, 'isolated-app:');
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), []);
  });
});
