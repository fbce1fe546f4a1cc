/**
 * The OIDC token provider: header from the in-memory user, renewal before expiry and after a 401
 * (one at a time), the sign-in-required state when renewal fails, redirect-state cleanup, sign-out.
 * The library itself runs in the e2e test against a real OpenID provider; here a double stands in.
 */
import { describe, expect, it } from 'vitest';
import {
  OidcSession,
  SignInRequiredError,
  STATE_PREFIX,
  type ManagerLike,
  type UserLike,
} from '../../../src/auth/oidc-session';
import { AUTH_CHANGE } from '../../../src/auth/types';

const CFG = {
  mode: 'oidc' as const,
  authority: 'https://adfs.test/adfs',
  clientId: 'c',
  scope: 'openid cm',
  redirectPath: '/auth/callback',
};

/** A Storage over a Map (what sessionStorage offers). */
function memStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

function fakeManager(
  opts: { renew?: () => UserLike | null; endSession?: string; popup?: 'ok' | 'blocked' | 'closed' } = {},
) {
  const calls: string[] = [];
  let n = 0;
  const user = (exp: number, state?: unknown): UserLike => ({
    access_token: `at${++n}`,
    id_token: `id${n}`,
    expires_at: exp,
    profile: { sub: 's', upn: 'jdoe@contoso.test' },
    state,
  });
  const m: ManagerLike = {
    signinRedirect: async (a) => void calls.push(`redirect:${JSON.stringify(a?.state)}`),
    signinPopup: async (a) => {
      calls.push(`popup:${JSON.stringify(a?.state)}:${a?.url_state}`);
      // The messages oidc-client-ts throws for a blocked (never opened) and a user-closed popup.
      if (opts.popup === 'blocked') throw new Error('Attempted to navigate on a disposed window');
      if (opts.popup === 'closed') throw new Error('Popup closed by user');
      return user(1000 + 3600);
    },
    signinPopupCallback: async () => void calls.push('popup-callback'),
    signinCallback: async () => (calls.push('callback'), user(1000 + 3600, { returnTo: '/enroll' })),
    signoutCallback: async () => void calls.push('signout-callback'),
    signinSilent: async () => {
      calls.push('silent');
      await new Promise((r) => setTimeout(r, 5));
      return opts.renew ? opts.renew() : user(1000 + 7200);
    },
    signoutRedirect: async (a) => void calls.push(`signout:${a?.id_token_hint}`),
    removeUser: async () => void calls.push('remove'),
    clearStaleState: async () => undefined,
    metadataService: { getEndSessionEndpoint: async () => opts.endSession },
  };
  return { m, calls };
}

function session(opts: Parameters<typeof fakeManager>[0] = {}, now = { t: 1000 }) {
  const { m, calls } = fakeManager(opts);
  const storage = memStorage();
  const s = new OidcSession(
    CFG,
    async () => m,
    storage,
    () => now.t,
  );
  return { s, calls, storage, now };
}

const info = (sent: string | undefined) => ({
  challenges: [{ scheme: 'bearer', params: { error: 'invalid_token' } }],
  sent,
  method: 'GET',
  path: '/x',
});

describe('OidcSession (token provider)', () => {
  it('has no token before sign-in: authorization() demands a sign-in', async () => {
    const { s } = session();
    await expect(s.authorization()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(s.status).toBe('signed-out');
  });

  it('completes the redirect: token in memory, return path from the state, our redirect state cleared', async () => {
    const { s, storage } = session();
    storage.setItem(`${STATE_PREFIX}abc`, '{"code_verifier":"v"}');
    storage.setItem('other.app', 'kept');
    const changes: string[] = [];
    s.addEventListener(AUTH_CHANGE, () => changes.push(s.status));
    expect(await s.completeRedirect('https://app.test/auth/callback?code=x&state=abc')).toBe('/enroll');
    expect(await s.authorization()).toBe('Bearer at1');
    expect(s.userName).toBe('jdoe@contoso.test');
    expect([storage.getItem(`${STATE_PREFIX}abc`), storage.getItem('other.app')]).toEqual([null, 'kept']);
    expect(changes).toEqual(['signed-in']);
  });

  it('renews silently before a call when less than the margin is left', async () => {
    const { s, calls, now } = session();
    await s.completeRedirect('https://app.test/auth/callback?code=x');
    now.t = 1000 + 3600 - 30;
    expect(await s.authorization()).toBe('Bearer at2');
    expect(calls.filter((c) => c === 'silent')).toHaveLength(1);
  });

  it('a 401 renews once for all concurrent calls; a 401 for an already replaced token needs no renewal', async () => {
    const { s, calls } = session();
    await s.completeRedirect('https://app.test/auth/callback?code=x');
    const results = await Promise.all([
      s.unauthorized(info('Bearer at1')),
      s.unauthorized(info('Bearer at1')),
      s.unauthorized(info('Bearer at1')),
    ]);
    expect(results).toEqual([true, true, true]);
    expect(calls.filter((c) => c === 'silent')).toHaveLength(1);
    expect(await s.unauthorized(info('Bearer at1'))).toBe(true); // at2 is current now
    expect(calls.filter((c) => c === 'silent')).toHaveLength(1);
    expect(await s.authorization()).toBe('Bearer at2');
  });

  it('failed renewal → expired: no token is offered until the user signs in again', async () => {
    const { s } = session({
      renew: () => {
        throw new Error('invalid_grant');
      },
    });
    await s.completeRedirect('https://app.test/auth/callback?code=x');
    expect(await s.unauthorized(info('Bearer at1'))).toBe(false);
    expect(s.status).toBe('expired');
    await expect(s.authorization()).rejects.toMatchObject({
      code: 'auth/sign-in-required',
      data: { reason: 'expired' },
    });
  });

  it('signs in through a popup (the page and its card session stay); falls back to a redirect when blocked', async () => {
    const ok = session();
    await ok.s.signIn('/pin');
    expect(ok.calls).toEqual(['popup:{"returnTo":"/pin"}:popup']);
    expect([ok.s.status, await ok.s.authorization()]).toEqual(['signed-in', 'Bearer at1']);
    const blocked = session({ popup: 'blocked' });
    await blocked.s.signIn('/pin');
    expect(blocked.calls.slice(-1)).toEqual(['redirect:{"returnTo":"/pin"}']);
    const closed = session({ popup: 'closed' });
    await expect(closed.s.signIn('/pin')).rejects.toThrow(/closed/);
    expect(closed.s.status).toBe('signed-out');
  });

  it('the popup page only hands the answer to its opener (no code exchange there)', async () => {
    const { s, calls } = session();
    expect(
      await s.completeRedirect('https://app.test/auth/callback?code=x&state=abc%3Bpopup'.replace('%3B', ';')),
    ).toBe('popup');
    expect(calls).toEqual(['popup-callback']);
    expect(s.status).toBe('signed-out');
  });

  it('sign-out forgets the token and ends the IdP session with the ID token hint', async () => {
    const { s, calls } = session({ endSession: 'https://adfs.test/adfs/oauth2/logout' });
    await s.completeRedirect('https://app.test/auth/callback?code=x');
    await s.signOut();
    expect(calls.slice(-2)).toEqual(['remove', 'signout:id1']);
    expect(s.status).toBe('signed-out');
    await expect(s.authorization()).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('refuses a return path that leaves the app (open redirect)', async () => {
    const { m } = fakeManager();
    m.signinCallback = async () => ({
      access_token: 'a',
      profile: { sub: 's' },
      state: { returnTo: '//evil.test/x' },
    });
    const s = new OidcSession(CFG, async () => m, memStorage());
    expect(await s.completeRedirect('https://app.test/auth/callback?code=x')).toBe('/');
  });
});

describe('OidcSession in an Isolated Web App (loopback redirect)', () => {
  function iwaSession(redirect: () => Promise<string>) {
    const { m, calls } = fakeManager();
    const rx = { closed: 0 };
    const listen = async () => ({
      base: 'http://127.0.0.1:51004',
      next: async (path: string) => (calls.push(`wait:${path}`), redirect()),
      close: () => void rx.closed++,
    });
    const s = new OidcSession(
      CFG,
      async () => m,
      memStorage(),
      () => 1000,
      listen,
    );
    return { s, calls, rx };
  }

  it("opens the request with the listener's redirect URI, exchanges the redirect it receives, closes the listener", async () => {
    const { s, calls, rx } = iwaSession(async () => 'http://127.0.0.1:51004/auth/callback?code=c&state=st');
    expect(s.signInInBrowserTab).toBe(true);
    await s.signIn('/cards');
    expect(calls).toEqual(['redirect:{"returnTo":"/cards"}', 'wait:/auth/callback', 'callback']);
    expect(s.status).toBe('signed-in');
    expect(await s.authorization()).toMatch(/^Bearer at\d+$/);
    expect(rx.closed).toBe(1);
  });

  it('a sign-in that times out leaves the session as it was, never falls back to a page redirect, and closes the listener', async () => {
    const { s, calls, rx } = iwaSession(async () => {
      throw Object.assign(new Error('timeout'), { code: 'auth/sign-in-timeout' });
    });
    await expect(s.signIn('/')).rejects.toMatchObject({ code: 'auth/sign-in-timeout' });
    expect(s.status).toBe('signed-out');
    expect(calls.filter((c) => c.startsWith('redirect')).length).toBe(1);
    expect(rx.closed).toBe(1);
  });
});
