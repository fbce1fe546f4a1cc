/**
 * A real OpenID Provider for the e2e tier: the certified `oidc-provider` package, in process, on a
 * loopback port. It plays AD FS: one public client (authorization code + PKCE, refresh tokens),
 * resource indicators (RFC 8707, AD FS's `resource` parameter) issuing JWT access tokens whose `aud`
 * is the CM relying party, RP-initiated logout, and its development login/consent pages.
 * The test can shorten token lifetimes and end every session (as an IdP admin revoking tokens).
 */
import { createServer, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { Page } from 'playwright-core';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Adapter, type AdapterPayload, type ClientLike } from 'oidc-provider';

export const CLIENT_ID = 'scss-self-service';
export const CM_RESOURCE = 'https://cm.contoso.test/certificatemanagement';
export const CM_SCOPE = 'user_impersonation';

/** Stored models by name → id → payload; a Map so the test can revoke by clearing. */
const store = new Map<string, Map<string, AdapterPayload>>();

class MapAdapter implements Adapter {
  private readonly m: Map<string, AdapterPayload>;
  constructor(name: string) {
    this.m = store.get(name) ?? new Map();
    store.set(name, this.m);
  }
  async upsert(id: string, payload: AdapterPayload) {
    this.m.set(id, payload);
  }
  async find(id: string) {
    return this.m.get(id);
  }
  async findByUserCode(code: string) {
    return [...this.m.values()].find((p) => p.userCode === code);
  }
  async findByUid(uid: string) {
    return [...this.m.values()].find((p) => p.uid === uid);
  }
  async consume(id: string) {
    const p = this.m.get(id);
    if (p) p.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    this.m.delete(id);
  }
  async revokeByGrantId(grantId: string) {
    for (const [id, p] of this.m) if (p.grantId === grantId) this.m.delete(id);
  }
}

export interface Idp {
  issuer: string;
  jwksUri: string;
  provider: Provider;
  /** Access-token lifetime (seconds) for tokens issued from now on. */
  setAccessTokenTtl(s: number): void;
  /** Ends every session, grant and refresh token (what a password reset or admin revocation does). */
  revokeAll(): void;
  /** Number of access tokens issued through the token endpoint so far. */
  readonly issued: number;
  close(): Promise<void>;
}

/** Starts the provider on a free loopback port; `appOrigin` is the app's origin (redirect URIs). */
export async function startIdp(
  appOrigin: string,
  opts: { tls?: { key: string; cert: string }; native?: boolean; redirectUris?: string[] } = {},
): Promise<Idp> {
  const redirectPath = '/auth/callback';
  // An Isolated Web App may only connect to https origins, and its redirect URI has the custom
  // isolated-app: scheme, which OpenID Connect allows for native clients only.
  const server: Server = opts.tls ? createHttps(opts.tls) : createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'e2e-1', alg: 'RS256', use: 'sig' };
  let ttl = 300;
  let issued = 0;
  const provider = new Provider(issuer, {
    adapter: MapAdapter,
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: opts.native ? 'native' : 'web',
        // A native client's loopback URI matches any port (RFC 8252 §7.3; oidc-provider does so).
        redirect_uris: opts.redirectUris ?? [appOrigin + redirectPath],
        post_logout_redirect_uris: [appOrigin + redirectPath],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['e2e-only-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'upn'] },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: 'Jana Beispiel', upn: 'jana@contoso.test' }),
    }),
    // AD FS gives a public client a refresh token without offline_access; do the same.
    issueRefreshToken: async (_ctx: unknown, client: ClientLike) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === appOrigin,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => CM_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, resource: string) => ({
          scope: CM_SCOPE,
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ttl,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  provider.on('access_token.issued', () => void issued++);
  provider.on('server_error', (_ctx: unknown, e: unknown) => console.error('[idp] server_error', e));
  server.on('request', provider.callback());
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    provider,
    setAccessTokenTtl: (s) => void (ttl = s),
    revokeAll: () => {
      for (const name of ['Session', 'Grant', 'RefreshToken', 'AccessToken', 'Interaction'])
        store.get(name)?.clear();
    },
    get issued() {
      return issued;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * Logs in and consents on the IdP's development pages in the popup the app opened, until it
 * closes (or, for a browser tab that stays open, until its address matches `doneUrl`).
 */
export async function idpLogin(popup: Page, doneUrl?: RegExp): Promise<void> {
  const login = popup.locator('input[name=login]');
  const consent = popup.getByRole('button', { name: 'Continue' });
  // The popup starts on about:blank, then the IdP shows login and/or consent, then it closes.
  const done = () => popup.isClosed() || (doneUrl !== undefined && doneUrl.test(popup.url()));
  for (let i = 0; i < 6 && !done(); i++) {
    const next = await Promise.race([
      login.or(consent).first().waitFor({ timeout: 10_000 }),
      ...(doneUrl
        ? [popup.waitForURL(doneUrl, { timeout: 10_000 }).then(() => Promise.reject(new Error('done')))]
        : []),
    ]).then(
      () => 'page',
      () => 'gone',
    );
    if (next === 'gone' || done()) return;
    if (await login.isVisible().catch(() => false)) {
      await login.fill('jana');
      await popup.locator('input[name=password]').fill('any');
      await popup.getByRole('button', { name: 'Sign-in' }).click();
    } else await consent.click().catch(() => undefined);
    await popup.waitForEvent('framenavigated', { timeout: 10_000 }).catch(() => undefined);
  }
}
