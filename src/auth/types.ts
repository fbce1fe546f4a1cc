/**
 * What the UI sees of sign-in, whichever mode is configured: a state, the signed-in name, and
 * sign-in / sign-out actions. Implementations: {@link WindowsAuth} (the browser negotiates) and
 * {@link OidcSession} (authorization code + PKCE against AD FS or Entra ID). Both also implement
 * the CM layer's `CmAuth`, so the CM client gets its header from the same object the UI shows.
 */
import type { CmAuth } from '../cm/auth';

/**
 * - `windows`: Windows mode, nothing to do for the user;
 * - `refused`: Windows mode, the server answered 401 Negotiate (IT must allow the host, see README);
 * - `signed-out`: OIDC, no token yet (first start, reload, after sign-out);
 * - `signing-in`: OIDC, a redirect is under way;
 * - `signed-in`: OIDC, a token is in memory;
 * - `expired`: OIDC, the token ran out and silent renewal failed: the user must sign in again.
 */
export type AuthStatus = 'windows' | 'refused' | 'signed-out' | 'signing-in' | 'signed-in' | 'expired';

export interface AuthSession extends CmAuth, EventTarget {
  readonly mode: 'windows' | 'oidc';
  readonly status: AuthStatus;
  /** Display name of the signed-in user (OIDC `name`, `upn` or `preferred_username`), if known. */
  readonly userName: string | undefined;
  /** True when the IdP's sign-in page opens in a browser tab (the Isolated Web App), not a popup. */
  readonly signInInBrowserTab?: boolean;
  /** Starts an interactive sign-in; `returnTo` is the app path to show afterwards. */
  signIn(returnTo: string): Promise<void>;
  /** Forgets the tokens and ends the IdP session where the IdP supports it. */
  signOut(): Promise<void>;
}

/** Event fired (on the session) whenever `status` or `userName` change. */
export const AUTH_CHANGE = 'auth-change';
