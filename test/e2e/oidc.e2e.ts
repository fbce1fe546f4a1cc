/**
 * Sign-in as a CM in AD FS mode uses it, end to end in real Chromium: a real OpenID Provider
 * (`oidc-provider`, in process) issues JWT access tokens for the CM resource; the CM emulator
 * validates them (JWKS signature, iss, aud, exp); the built demo app signs in with code + PKCE.
 * Covered: sign in through the IdP popup; enroll; the token expires at the PIN confirmation and the
 * IdP has ended the session, so the next CM call fails and the user signs in again; the enrollment
 * resumes from its journal without repeating a card step; no token in any storage (the check
 * shown to catch a planted one); sign-out; a token for another audience is refused.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { API_PREFIX } from '../../emulator/core';
import { axeViolations } from './a11y';
import { startAppServer } from './app-server';
import { CLIENT_ID, CM_RESOURCE, CM_SCOPE, idpLogin, startIdp, type Idp } from './oidc-idp';
import { dumpStorage, leakedSecrets, recordSecrets, recordTokens, type SecretRecorder } from './secrets';

async function signInWithPopup(context: BrowserContext, page: Page, button: string): Promise<void> {
  const opened = context.waitForEvent('page', { timeout: 15_000 });
  await page.getByRole('button', { name: button }).click();
  const popup = await opened;
  if (process.env.E2E_DEBUG) {
    popup.on('console', (m) => console.error(`[popup] ${m.text()}`));
    popup.on('framenavigated', (f) => console.error(`[popup nav] ${f.url()}`));
  }
  await idpLogin(popup);
  await page.getByText('Angemeldet als Jana Beispiel').waitFor({ timeout: 20_000 });
}

describe('OIDC sign-in against a real OpenID provider (AD FS mode)', () => {
  let idp: Idp, app: Awaited<ReturnType<typeof startAppServer>>;
  let browser: Browser, context: BrowserContext, page: Page;
  let rec: SecretRecorder;
  const cmCalls: string[] = [];
  /** `METHOD path status` of every CM answer, in order. */
  const cmAnswers: string[] = [];
  /** Moves the CM emulator's clock (the IdP issues tokens on real time). */
  const setSkew = (s: number) =>
    void ((app.emu.options as { now: () => Date }).now = () => new Date(Date.now() + s * 1000));

  before(async () => {
    app = await startAppServer();
    idp = await startIdp(app.origin);
    app.mount(
      {
        auth: 'oidc',
        oidcIssuer: idp.issuer,
        oidcAudience: CM_RESOURCE,
        oidcJwksUri: idp.jwksUri,
        oidcScope: CM_SCOPE,
      },
      [idp.issuer],
    );
    app.setConfig({
      auth: 'oidc',
      supportContact: 'IT-Service 0800 123',
      oidc: {
        authority: idp.issuer,
        clientId: CLIENT_ID,
        scope: `openid profile ${CM_SCOPE}`,
        resource: CM_RESOURCE,
      },
    });
    browser = await chromium.launch({
      executablePath: findChrome(),
      args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')),
      headless: true,
      timeout: 60_000,
    });
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.error(`[page] ${m.text()}`));
    rec = recordSecrets(page);
    recordTokens(page, rec);
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith(API_PREFIX))
        cmCalls.push(`${r.method()} ${u.pathname.slice(API_PREFIX.length)}`);
    });
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith(API_PREFIX))
        cmAnswers.push(
          `${r.request().method()} ${u.pathname.slice(API_PREFIX.length)}${u.search} ${r.status()}`,
        );
    });
  });
  after(async () => {
    await browser?.close();
    await idp?.close();
    await app?.close();
  });

  it('starts signed out: the bar offers sign-in, the CM refuses calls without a token', async () => {
    await page.goto(app.origin + '/');
    await page.getByText('Nicht angemeldet.').waitFor();
    const res = await fetch(`${app.origin}${API_PREFIX}/profiletemplates`);
    assert.deepEqual([res.status, res.headers.get('www-authenticate')], [401, 'Bearer realm="MIM CM"']);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('signs in through the IdP popup (code + PKCE); the redirect state is gone afterwards', async () => {
    await signInWithPopup(context, page, 'Anmelden');
    await page.getByText('GIDS (Windows-Smartcard)').waitFor();
    assert.equal(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('scss.oidc.')).length),
      0,
    );
    assert.ok(rec.tokens.length >= 2, `tokens recorded: ${rec.tokens.length}`);
    assert.deepEqual(await axeViolations(page), []);
  });

  it('the storage check finds a token planted in sessionStorage (so its passes mean something)', async () => {
    await page.evaluate(
      (t) => sessionStorage.setItem('planted', JSON.stringify({ access_token: t })),
      rec.tokens[0]!,
    );
    assert.ok(leakedSecrets(await dumpStorage(page), rec).length > 0);
    await page.evaluate(() => sessionStorage.removeItem('planted'));
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), []);
  });

  it('renews silently with the refresh token when CM says the token expired, and retries the GET', async () => {
    // Ten minutes pass for the servers: the 5-minute token is expired by the emulator's clock; the IdP session lives.
    setSkew(600);
    idp.setAccessTokenTtl(3600);
    const issuedBefore = idp.issued;
    const from = cmAnswers.length;
    await page.getByRole('link', { name: 'Meine Karten' }).click();
    await page.getByRole('button', { name: 'Vom Server aktualisieren' }).click();
    await page.waitForFunction(() => true);
    // Why a short wait: the refresh fans out into several CM calls; none is awaited by the UI text.
    await new Promise((r) => setTimeout(r, 2000));
    const answers = cmAnswers.slice(from);
    const refused = answers.filter((a) => a.endsWith(' 401')).map((a) => a.slice(0, -4));
    assert.ok(refused.length >= 1, `some call met the expired token: ${answers.join(', ')}`);
    for (const call of refused)
      assert.ok(
        answers.includes(`${call} 200`),
        `${call} was sent again and answered: ${answers.join(', ')}`,
      );
    assert.equal(idp.issued, issuedBefore + 1, 'one refresh-token grant for all of them');
    assert.equal(await page.getByText('Ihre Anmeldung ist abgelaufen.').count(), 0);
    await page.getByRole('link', { name: 'Start', exact: true }).click();
  });

  it('enrolls; the token expires at the PIN confirmation; after signing in again the run resumes without repeating card steps', async () => {
    await page.getByRole('link', { name: 'Karte registrieren' }).click();
    await page.getByRole('button', { name: 'Registrierung beginnen' }).click();
    await page
      .getByLabel('FIM CM Sample Smart Card Logon Profile Template')
      .check()
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await page.locator('body').ariaSnapshot()}\n${cmCalls.join(', ')}`);
      });
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Registrierung starten' }).click();
    const confirm = page.getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' });
    await confirm.waitFor({ timeout: 60_000 });
    assert.deepEqual(
      cmCalls.filter((c) => /diversifiedkey$/.test(c)).length,
      1,
      'admin key diversified once so far',
    );
    // Over an hour more passes: the renewed 1-hour token is expired by the emulator's clock, and the
    // IdP has ended the session and its refresh token. Tokens issued from now on live three hours.
    setSkew(600 + 3600 + 60);
    idp.revokeAll();
    idp.setAccessTokenTtl(3 * 3600);
    await confirm.click();
    await page.getByRole('heading', { name: 'Das hat nicht geklappt' }).waitFor({ timeout: 30_000 });
    await page.getByText('Ihre Anmeldung am Zertifikatsserver ist abgelaufen.').waitFor();
    await page.getByText('Ihre Anmeldung ist abgelaufen.').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await signInWithPopup(context, page, 'Erneut anmelden');
    // The resume path: back to the start of the view, which offers to continue the journalled run.
    await page.getByRole('link', { name: 'Start', exact: true }).click();
    await page.getByRole('link', { name: 'Karte registrieren' }).click();
    await page.getByRole('button', { name: 'Dort weitermachen, wo Sie aufgehört haben' }).click();
    // The journal knows the template: the run goes straight to the PIN step.
    await page.getByRole('button', { name: 'Registrierung starten' }).click();
    await page
      .getByRole('button', { name: 'Bestätigen und PIN auf die Karte schreiben' })
      .click({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await page.locator('main').ariaSnapshot()}\n${cmCalls.join(', ')}`);
      });
    await page.getByRole('heading', { name: 'Registrierung abgeschlossen' }).waitFor({ timeout: 60_000 });
    const count = (re: RegExp) => cmCalls.filter((c) => re.test(c)).length;
    assert.deepEqual(
      {
        requests: count(/^POST \/requests$/),
        bind: count(/^POST \/smartcards$/),
        certificates: count(/^POST \/requests\/[^/]+\/certificatedata$/),
        diversify: count(/diversifiedkey$/),
      },
      // The admin key and the PIN are set in one admin authentication (docs/flow-timing.md "Admin
      // authentication"), so the resumed run authenticates to the card again and needs the
      // diversified key a second time: it is a secret, never journaled, so it is fetched again
      // (a read; CM derives the same key). Request, binding and certificates still happen once.
      { requests: 1, bind: 1, certificates: 1, diversify: 2 },
      `card and request steps ran once: ${cmCalls.join(', ')}`,
    );
  });

  it('kept no access, refresh or ID token in IndexedDB, Cache Storage, localStorage or sessionStorage', async () => {
    assert.ok(rec.tokens.length >= 4, `tokens recorded: ${rec.tokens.length}`);
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), []);
  });

  it('signs out: the IdP session ends and the app is signed out', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    // oidc-provider's RP-initiated logout asks for confirmation on its own page.
    await page.getByRole('button', { name: /Yes, sign me out/i }).click();
    await page.getByText('Nicht angemeldet.').waitFor({ timeout: 20_000 });
    assert.equal(new URL(page.url()).pathname, '/');
    assert.deepEqual(leakedSecrets(await dumpStorage(page), rec), []);
  });

  it('the emulator refuses a real IdP token issued for another audience, and accepts one for CM', async () => {
    const mint = async (audience: string) => {
      const client = await idp.provider.Client.find(CLIENT_ID);
      const at = new idp.provider.AccessToken({
        accountId: 'jana',
        client,
        scope: CM_SCOPE,
        gty: 'authorization_code',
      });
      at.resourceServer = new idp.provider.ResourceServer(audience, {
        audience,
        scope: CM_SCOPE,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      });
      return at.save();
    };
    setSkew(0);
    const call = async (t: string) => {
      const r = await fetch(`${app.origin}${API_PREFIX}/profiletemplates`, {
        headers: { Authorization: `Bearer ${t}` },
      });
      return [r.status, r.headers.get('www-authenticate')];
    };
    assert.deepEqual(await call(await mint('https://other-rp.contoso.test')), [
      401,
      'Bearer realm="MIM CM", error="invalid_token", error_description="The token\'s aud claim is not accepted"',
    ]);
    assert.deepEqual(await call(await mint(CM_RESOURCE)), [200, null]);
  });
});
