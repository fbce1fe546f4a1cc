/**
 * Builds the oidc-client-ts `UserManager` for an OIDC configuration (imported lazily with the
 * library). Where things live is described in oidc-session.ts.
 */
import type { AuthConfig } from './config';
import { browserTabNavigator } from './iwa-sign-in';
import { STATE_PREFIX, type ManagerLike } from './oidc-session';

type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }>;

/**
 * The real manager: oidc-client-ts, imported lazily, stores set as described above. With
 * `browserTab` (the IWA) the IdP's pages open in a browser tab, each sign-in passes its own
 * loopback redirect URI, and sign-out has no return address (RP-Initiated Logout 1.0 §2 allows that).
 */
export async function loadOidcManager(
  cfg: OidcConfig,
  origin: string,
  storage: Storage,
  browserTab = false,
): Promise<ManagerLike> {
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  const extra = cfg.resource !== undefined ? { resource: cfg.resource } : undefined;
  const back = browserTab ? 'http://127.0.0.1' + cfg.redirectPath : origin + cfg.redirectPath;
  const settings = {
    authority: cfg.authority,
    client_id: cfg.clientId,
    redirect_uri: back,
    ...(!browserTab && { post_logout_redirect_uri: back }),
    response_type: 'code',
    scope: cfg.scope,
    ...(extra && { extraQueryParams: extra, extraTokenParams: extra }),
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: storage, prefix: STATE_PREFIX }),
    // Renewal is driven here (authorization/unauthorized), not by the library's timer, so a renewal
    // never races a CM call and an IdP without refresh tokens fails visibly instead of via iframes.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
    // Why 10 s: discovery and token calls are small; longer means the IdP is unreachable.
    requestTimeoutInSeconds: 10,
    // Why 10 min: a state older than that belongs to an abandoned sign-in and is removed.
    staleStateAgeInSeconds: 600,
  };
  return (browserTab
    ? new UserManager(settings, browserTabNavigator())
    : new UserManager(settings)) as unknown as ManagerLike;
}
