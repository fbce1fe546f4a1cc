/**
 * Interactive sign-in from an Isolated Web App, the way OAuth 2.0 for Native Apps (RFC 8252)
 * describes it: the authorization request opens in the browser (§6), the redirect comes back to a
 * loopback listener of the app (§7.3, {@link openLoopback}), and the code is exchanged with PKCE
 * (RFC 7636) by oidc-client-ts exactly as in the web build.
 *
 * Why not the web build's popup: an IWA's main frame cannot navigate to the IdP (Chromium opens
 * the URL in the browser instead), the popup is a browser tab whose opener the IWA's
 * `Cross-Origin-Opener-Policy: same-origin` severs, and Chromium blocks that tab's redirect to
 * `isolated-app://…` (content/browser/renderer_host/isolated_web_app_throttle.cc: "Block
 * navigations into Isolated Web Apps (IWA) from non-IWA contexts").
 */
import type { INavigator } from 'oidc-client-ts';
import type { LoopbackReceiver } from './loopback';
import type { ManagerLike, UserLike } from './oidc-session';

/**
 * How long the app waits for the redirect. Why 5 minutes: the user types a password and may do a
 * second factor in another window; AD FS and Entra ID expire their login pages after a similar time.
 */
const IWA_SIGN_IN_WAIT_MS = 5 * 60_000;

/** The IdP tab could not be opened (the browser's pop-up blocker). */
class BrowserTabBlockedError extends Error {
  constructor() {
    super('popup blocked: the sign-in tab could not be opened');
  }
}

/**
 * An oidc-client-ts navigator that shows the IdP's pages (sign-in, sign-out) in a browser tab and
 * returns at once: the answer comes through the loopback listener, not through this window.
 */
export function browserTabNavigator(
  open: (url: string) => Window | null = (u) => window.open(u, '_blank'),
): INavigator {
  return {
    prepare: async () => ({
      navigate: async ({ url }: { url: string }) => {
        if (!open(url)) throw new BrowserTabBlockedError();
        return { url };
      },
      close: () => undefined,
    }),
    callback: async () => undefined,
  };
}

/**
 * Runs one loopback sign-in: listener up, authorization request in a browser tab with the
 * listener's redirect URI, wait for the redirect, code exchange (state and verifier checked by the
 * library). The listener is closed on every path.
 */
export async function signInThroughLoopback(
  m: ManagerLike,
  listen: () => Promise<LoopbackReceiver>,
  redirectPath: string,
  returnTo: string,
  waitMs = IWA_SIGN_IN_WAIT_MS,
): Promise<UserLike> {
  const rx = await listen();
  try {
    await m.signinRedirect({ state: { returnTo }, redirect_uri: rx.base + redirectPath });
    const url = await rx.next(redirectPath, waitMs);
    const user = await m.signinCallback(url);
    if (!user) throw new Error('no user after the loopback redirect');
    return user;
  } finally {
    rx.close();
  }
}
