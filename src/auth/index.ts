/**
 * Public surface of the sign-in layer (below `ui/`, above `cm/`): the configuration schema, the
 * two session kinds and the factory the composition root uses.
 */
import { parseAuthConfig, type AuthConfig } from './config';
import { loadOidcManager, OidcSession } from './oidc-session';
import type { AuthSession } from './types';
import { WindowsAuth } from './windows';

export { AuthConfigError, DEFAULT_REDIRECT_PATH, parseAuthConfig, type AuthConfig } from './config';
export { OidcSession, SignInRequiredError } from './oidc-session';
export { AUTH_CHANGE, type AuthSession, type AuthStatus } from './types';
export { WindowsAuth } from './windows';

/** The session for a configuration; `storage` holds the OIDC redirect state (sessionStorage). */
export function createAuthSession(cfg: AuthConfig, origin: string, storage: Storage): AuthSession {
  if (cfg.mode === 'windows') return new WindowsAuth();
  return new OidcSession(cfg, () => loadOidcManager(cfg, origin, storage), storage);
}

/** Parses and builds in one go (tests and tools). */
export function authSessionFrom(
  data: Record<string, unknown> | undefined,
  origin: string,
  storage: Storage,
): AuthSession {
  return createAuthSession(parseAuthConfig(data), origin, storage);
}
