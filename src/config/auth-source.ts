/**
 * Where the sign-in configuration comes from: the first of managed configuration and
 * `config.json` that has an `auth` key (the user's settings never choose how to authenticate —
 * that is the administrator's decision). Absent everywhere = Windows mode.
 */
import { parseAuthConfig, type AuthConfig } from '../auth';
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
