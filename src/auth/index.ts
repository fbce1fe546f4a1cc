/**
 * Public surface of the sign-in layer (below `ui/`, above `cm/`). Only Windows mode and the types
 * load with the app; the schema check (valibot) and the OIDC session (and through it
 * oidc-client-ts) are imported when a configuration asks for them, so Windows deployments pay
 * nothing for OIDC in the initial bundle.
 */
import type { AuthConfig } from './config';
import type { OidcSession } from './oidc-session';
import type { AuthSession } from './types';
import { WindowsAuth } from './windows';

export type { AuthConfig } from './config';
export type { OidcSession } from './oidc-session';
export { AUTH_CHANGE, type AuthSession, type AuthStatus } from './types';
export { WindowsAuth } from './windows';

/** Validates a configuration object's `auth` / `oidc` part (throws `config/auth-invalid`). */
export async function parseAuthConfig(data: Record<string, unknown> | undefined): Promise<AuthConfig> {
  return (await import('./config')).parseAuthConfig(data);
}

/** The session for a configuration; `storage` holds the OIDC redirect state (sessionStorage). */
export async function createAuthSession(
  cfg: AuthConfig,
  origin: string,
  storage: Storage,
): Promise<AuthSession> {
  if (cfg.mode === 'windows') return new WindowsAuth();
  const [{ OidcSession }, { loadOidcManager }, { openLoopback }] = await Promise.all([
    import('./oidc-session'),
    import('./oidc-manager'),
    import('./loopback'),
  ]);
  // An Isolated Web App cannot take the redirect back into isolated-app:// (iwa-sign-in.ts).
  const loopback = origin.startsWith('isolated-app:');
  return new OidcSession(
    cfg,
    () => loadOidcManager(cfg, origin, storage, loopback),
    storage,
    undefined,
    loopback ? () => openLoopback(cfg.loopbackPort) : undefined,
  );
}

/** True for the OIDC session (without importing its module). */
export function isOidcSession(s: AuthSession): s is OidcSession {
  return s.mode === 'oidc';
}
