/**
 * OIDC sign-in against AD FS (2019+) or Entra ID: authorization code flow with PKCE (RFC 7636)
 * through `oidc-client-ts`, loaded on first use so the initial bundle stays small.
 *
 * Where things live (nothing secret persists):
 * - tokens (access, refresh, ID): in memory only — the library's user store is an
 *   `InMemoryWebStorage`; a reload forgets them and the user signs in again (an IdP SSO session
 *   makes that a redirect without a form);
 * - the redirect state (PKCE verifier, nonce, return path): `sessionStorage`, only between the
 *   redirect and the callback, removed by the callback and any leftovers cleared after it.
 * Interactive sign-in opens a popup, so a card operation in progress (and the reader session) survives
 * it; only when the browser blocks the popup does the whole page redirect. The popup's callback is
 * recognised by the `;popup` suffix of `state` (oidc-client-ts `url_state`) and hands the answer
 * to the opening page (postMessage). An Isolated Web App signs in through a browser tab and a
 * loopback redirect instead (iwa-sign-in.ts).
 * Silent renewal uses the refresh token (RFC 6749 §6) — no hidden iframe, which third-party
 * cookie blocking and `frame-ancestors 'none'` would break anyway.
 */
import type { UnauthorizedInfo } from '../cm/auth';
import { AppError } from '../errors';
import type { AuthConfig } from './config';
import { signInThroughLoopback } from './iwa-sign-in';
import type { LoopbackReceiver } from './loopback';
import { AUTH_CHANGE, type AuthSession, type AuthStatus } from './types';

type OidcConfig = Extract<AuthConfig, { mode: 'oidc' }>;

/** The part of oidc-client-ts's `User` this module reads. */
export interface UserLike {
  access_token: string;
  expires_at?: number;
  id_token?: string;
  profile: { sub: string; name?: string; upn?: unknown; preferred_username?: string; email?: string };
  state?: unknown;
}

/** The part of oidc-client-ts's `UserManager` this module uses (tests inject a double). */
export interface ManagerLike {
  signinRedirect(args?: { state?: unknown; redirect_uri?: string }): Promise<void>;
  signinPopup(args?: { state?: unknown; url_state?: string }): Promise<UserLike>;
  signinPopupCallback(url?: string): Promise<void>;
  signinCallback(url?: string): Promise<UserLike | undefined>;
  signoutCallback(url?: string): Promise<unknown>;
  signinSilent(): Promise<UserLike | null>;
  signoutRedirect(args?: { id_token_hint?: string }): Promise<void>;
  removeUser(): Promise<void>;
  clearStaleState(): Promise<void>;
  metadataService: { getEndSessionEndpoint(): Promise<string | undefined> };
}

/** `url_state` marking a popup sign-in (travels in the OAuth `state` parameter after a `;`). */
const POPUP_MARK = 'popup';

/** Prefix of the redirect-state keys in `sessionStorage` (so leftovers can be found and removed). */
export const STATE_PREFIX = 'scss.oidc.';

/**
 * Renew when less than this is left. Why 60 s: a CM call can take 30 s (certificatedata behind a
 * CA), and a token must not expire between the header being written and IIS checking it.
 */
const RENEW_MARGIN_S = 60;

/** Thrown by `authorization()` when there is no usable token: the user has to sign in. */
export class SignInRequiredError extends AppError<'auth/sign-in-required'> {
  constructor(reason: string) {
    super('auth/sign-in-required', `Sign-in required: ${reason}`, { reason });
  }
}

export class OidcSession extends EventTarget implements AuthSession {
  readonly mode = 'oidc' as const;
  private user: UserLike | undefined;
  private state: AuthStatus = 'signed-out';
  private manager: Promise<ManagerLike> | undefined;
  private renewing: Promise<boolean> | undefined;

  constructor(
    readonly config: OidcConfig,
    private readonly load: () => Promise<ManagerLike>,
    private readonly storage: Storage,
    private readonly nowS: () => number = () => Date.now() / 1000,
    /** Set in an Isolated Web App: interactive sign-in through a loopback redirect. */
    private readonly loopback?: () => Promise<LoopbackReceiver>,
  ) {
    super();
  }

  get signInInBrowserTab(): boolean {
    return this.loopback !== undefined;
  }

  get status(): AuthStatus {
    return this.state;
  }

  get userName(): string | undefined {
    const p = this.user?.profile;
    if (!p) return undefined;
    return (
      p.name ?? (typeof p.upn === 'string' ? p.upn : undefined) ?? p.preferred_username ?? p.email ?? p.sub
    );
  }

  /** True when `pathname` is the configured redirect path (the IdP's answer lands there). */
  isCallback(pathname: string): boolean {
    return pathname === this.config.redirectPath;
  }

  /**
   * Completes a sign-in (code → tokens, PKCE verifier from sessionStorage) or a sign-out return,
   * then clears every redirect-state entry. Returns the app path to show next.
   */
  async completeRedirect(url: string): Promise<string | 'popup'> {
    const m = await this.mgr();
    const params = new URL(url).searchParams;
    if ((params.get('state') ?? '').endsWith(`;${POPUP_MARK}`)) {
      // This page is the popup: the opener holds the PKCE state and exchanges the code itself.
      await m.signinPopupCallback(url);
      return 'popup';
    }
    try {
      if (params.has('code') || params.has('error')) {
        const user = await m.signinCallback(url);
        if (user) this.setUser(user);
        const back = (user?.state as { returnTo?: unknown } | undefined)?.returnTo;
        return typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') ? back : '/';
      }
      if (params.has('state')) await m.signoutCallback(url);
      return '/';
    } finally {
      this.clearRedirectState();
    }
  }

  async authorization(): Promise<string> {
    if (!this.user) throw new SignInRequiredError(this.state === 'expired' ? 'expired' : 'not signed in');
    if ((this.user.expires_at ?? Infinity) - this.nowS() < RENEW_MARGIN_S && !(await this.renew())) {
      throw new SignInRequiredError('expired');
    }
    return `Bearer ${this.user!.access_token}`;
  }

  async unauthorized(info: UnauthorizedInfo): Promise<boolean> {
    // Another call renewed the token while this one was on the wire: just send it again.
    if (this.user && info.sent !== `Bearer ${this.user.access_token}`) return true;
    return this.renew();
  }

  /** One silent renewal at a time (every concurrent 401 waits for the same one). */
  renew(): Promise<boolean> {
    this.renewing ??= (async () => {
      try {
        const m = await this.mgr();
        const user = await m.signinSilent();
        if (!user) throw new Error('no user after renewal');
        this.setUser(user);
        return true;
      } catch {
        this.user = undefined;
        this.set('expired');
        return false;
      } finally {
        this.renewing = undefined;
      }
    })();
    return this.renewing;
  }

  async signIn(returnTo: string): Promise<void> {
    const m = await this.mgr();
    const before = this.state;
    this.set('signing-in');
    try {
      this.setUser(
        this.loopback
          ? await signInThroughLoopback(m, this.loopback, this.config.redirectPath, returnTo)
          : await m.signinPopup({ state: { returnTo }, url_state: POPUP_MARK }),
      );
    } catch (e) {
      if (this.loopback) {
        this.set(before === 'signing-in' ? 'signed-out' : before);
        throw e;
      }
      if (/disposed window|popup blocked/i.test((e as Error)?.message ?? '')) {
        await m.signinRedirect({ state: { returnTo } });
        return;
      }
      this.set(before === 'signing-in' ? 'signed-out' : before); // closed by the user, or refused by the IdP
      throw e;
    } finally {
      this.clearRedirectState();
    }
  }

  /** Loads the library ahead of the first click, so the popup opens within the user gesture. */
  preload(): void {
    void this.mgr().catch(() => undefined);
  }

  async signOut(): Promise<void> {
    const m = await this.mgr();
    const idToken = this.user?.id_token;
    this.user = undefined;
    await m.removeUser();
    this.set('signed-out');
    const endSession = await m.metadataService.getEndSessionEndpoint().catch(() => undefined);
    // RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2) when the IdP offers it.
    if (endSession) await m.signoutRedirect(idToken ? { id_token_hint: idToken } : {});
  }

  private mgr(): Promise<ManagerLike> {
    this.manager ??= this.load().catch((e: unknown) => {
      this.manager = undefined;
      throw e;
    });
    return this.manager;
  }

  private setUser(u: UserLike): void {
    this.user = u;
    this.set('signed-in');
  }

  private set(s: AuthStatus): void {
    this.state = s;
    this.dispatchEvent(new Event(AUTH_CHANGE));
  }

  /** Removes redirect-state entries (ours only) left by an abandoned or completed redirect. */
  private clearRedirectState(): void {
    for (let i = this.storage.length - 1; i >= 0; i--) {
      const k = this.storage.key(i);
      if (k?.startsWith(STATE_PREFIX)) this.storage.removeItem(k);
    }
  }
}
