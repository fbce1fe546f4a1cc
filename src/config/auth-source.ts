/**
 * Where the sign-in configuration comes from: the first of managed configuration and
 * `config.json` that has an `auth` key (the user's settings never choose how to authenticate —
 * that is the administrator's decision). Absent everywhere = Windows mode. Also starts the
 * sign-in session from it at boot.
 */
import {
  createAuthSession,
  isOidcSession,
  parseAuthConfig,
  WindowsAuth,
  type AuthConfig,
  type AuthSession,
} from '../auth';
import { isAppError } from '../errors';
import type { ConfigSources } from './app-config';

/** Reads and validates the sign-in configuration; an invalid one throws `AuthConfigError`. */
export async function resolveAuthConfig(
  src: Pick<ConfigSources, 'managed' | 'configJson'>,
): Promise<AuthConfig> {
  for (const load of [src.managed, src.configJson]) {
    if (!load) continue;
    const data = await load().catch(() => undefined);
    if (data && 'auth' in data) return await parseAuthConfig(data);
  }
  return { mode: 'windows' };
}

/** Memoises a loader so config.json is fetched once for both the CM address and the sign-in part. */
export function once<T>(load: (() => Promise<T>) | undefined): (() => Promise<T>) | undefined {
  if (!load) return undefined;
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

/**
 * The sign-in session. A rejected configuration does not fall back to another mode silently: the
 * app starts in Windows mode (harmless: no token is sent) and the sign-in bar lists the problems.
 * On the redirect path the IdP's answer is completed here, before the router reads the address.
 */
export async function startAuthSession(
  sources: Pick<ConfigSources, 'managed' | 'configJson'>,
): Promise<{ auth: AuthSession; issues?: readonly string[] }> {
  let cfg: AuthConfig;
  try {
    cfg = await resolveAuthConfig(sources);
  } catch (e) {
    if (!isAppError(e, 'config/auth-invalid')) throw e;
    console.warn('sign-in configuration rejected', e.data.issues);
    return { auth: new WindowsAuth(), issues: e.data.issues as string[] };
  }
  const auth = await createAuthSession(cfg, location.origin, sessionStorage);
  if (isOidcSession(auth) && auth.isCallback(location.pathname)) {
    const next = await auth.completeRedirect(location.href).catch((e: unknown) => {
      console.warn('sign-in could not be completed', (e as { message?: string }).message);
      return '/';
    });
    // The popup has handed the answer to its opener; it closes (the library does so too without opener).
    if (next === 'popup') window.close();
    history.replaceState(null, '', next === 'popup' ? '/' : next);
  } else if (isOidcSession(auth)) auth.preload();
  return { auth };
}
