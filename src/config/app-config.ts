/**
 * Where the CM server is, decided in this order (README "Configuration"):
 * 1. managed configuration (`navigator.managed.getManagedConfiguration`, set by the admin through
 *    Chrome/Edge policy `ManagedConfigurationPerOrigin`; only in installed, managed apps),
 * 2. `/config.json` next to the app (IIS deployments drop it beside index.html),
 * 3. the user's settings view (stored in IndexedDB settings),
 * 4. the same-origin default `/CertificateManagement/api/v1.0`.
 * A configured URL must be `https:` unless it points at localhost (dev, demo, tests).
 */
import { AppError } from '../errors';
import type { ConfigErrorCode } from '../error-codes';

export const DEFAULT_CM_BASE = '/CertificateManagement/api/v1.0';

type ConfigSource = 'managed' | 'config-json' | 'settings' | 'default';

export interface AppConfig {
  cmBaseUrl: string;
  source: ConfigSource;
  /** Optional support contact shown in error screens and Diagnostics (from managed config or config.json). */
  supportContact?: string;
  /** Card bridge port and IT's download link (`bridgePort`, `bridgeDownloadUrl`; managed config first). */
  bridge?: { port?: number; downloadUrl?: string };
  /** Days before expiry from which a certificate is flagged for renewal (`expiryWarningDays`, 1–365). */
  expiryWarningDays?: number;
}

/** `expiryWarningDays` when it is a whole number of days from 1 to 365, else undefined (default applies). */
function warnDays(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 365 ? n : undefined;
}

export class ConfigError extends AppError<ConfigErrorCode> {}

/** Validates and normalises a CM base URL (absolute, https unless localhost; no trailing slash). */
export function normaliseCmBaseUrl(raw: string, pageOrigin: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim(), pageOrigin);
  } catch {
    throw new ConfigError('config/invalid-url', `not a URL: ${raw}`, { value: raw });
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new ConfigError('config/insecure-url', `the CM server must use https: ${url.origin}`, {
      value: url.origin,
    });
  }
  if (url.username || url.password) {
    throw new ConfigError('config/credentials-in-url', 'the CM URL must not contain credentials', {});
  }
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/**
 * Validates an address a person typed in Settings. Unlike {@link normaliseCmBaseUrl} (which lets
 * config.json name a same-origin path), a typed address must be absolute: "not a url" would
 * otherwise resolve against the page and be saved as `https://app/not%20a%20url`.
 */
export function parseUserCmUrl(raw: string, pageOrigin: string): string {
  const t = raw.trim();
  if (t === '') throw new ConfigError('config/empty-url', 'no address given', { value: raw });
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t) || /\s/.test(t)) {
    throw new ConfigError('config/not-absolute', `not an absolute URL: ${raw}`, { value: raw });
  }
  return normaliseCmBaseUrl(t, pageOrigin);
}

export interface ConfigSources {
  pageOrigin: string;
  managed?: () => Promise<Record<string, unknown>>;
  /** Fetches `/config.json`; resolves undefined when absent (404). */
  configJson?: () => Promise<Record<string, unknown> | undefined>;
  storedSetting?: () => Promise<string | undefined>;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Reads `bridgePort` (1024–65535) and `bridgeDownloadUrl` (https) from a config record; bad values are dropped. */
function bridgeSettings(data: Record<string, unknown> | undefined): {
  port?: number;
  downloadUrl?: string;
} {
  const out: { port?: number; downloadUrl?: string } = {};
  const port = typeof data?.bridgePort === 'string' ? Number(data.bridgePort) : data?.bridgePort;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1024 && port <= 65535) out.port = port;
  const url = str(data?.bridgeDownloadUrl);
  if (url && /^https:\/\//.test(url)) out.downloadUrl = url;
  return out;
}

const withBridge = (b: { port?: number; downloadUrl?: string }) =>
  b.port !== undefined || b.downloadUrl !== undefined ? { bridge: b } : {};

/**
 * Resolves the configuration. A source that fails (no managed API, config.json unreachable) is
 * skipped; a source that *answers* with an invalid URL is an error the admin must fix, so it throws.
 */
export async function resolveAppConfig(src: ConfigSources): Promise<AppConfig> {
  const tried: [ConfigSource, (() => Promise<Record<string, unknown> | undefined>) | undefined][] = [
    ['managed', src.managed],
    ['config-json', src.configJson],
  ];
  // The contact is taken from the first source that names one, even one without an address
  // (an admin may set only `supportContact` in config.json and keep the same-origin API).
  // Card bridge settings likewise: each value from the first source that has it, up to the one
  // that supplies the CM address (managed before config.json).
  let supportContact: string | undefined;
  const bridge: { port?: number; downloadUrl?: string } = {};
  const finish = (c: AppConfig): AppConfig => ({
    ...c,
    ...(supportContact ? { supportContact } : {}),
    ...withBridge(bridge),
  });
  for (const [source, load] of tried) {
    if (!load) continue;
    const data = await load().catch(() => undefined);
    supportContact ??= str(data?.supportContact)?.trim();
    const b = bridgeSettings(data);
    bridge.port ??= b.port;
    bridge.downloadUrl ??= b.downloadUrl;
    const url = str(data?.cmBaseUrl);
    if (url) {
      const days = warnDays(data?.expiryWarningDays);
      return finish({
        cmBaseUrl: normaliseCmBaseUrl(url, src.pageOrigin),
        source,
        ...(days !== undefined && { expiryWarningDays: days }),
      });
    }
  }
  const stored = await src.storedSetting?.().catch(() => undefined);
  if (stored) return finish({ cmBaseUrl: normaliseCmBaseUrl(stored, src.pageOrigin), source: 'settings' });
  return finish({ cmBaseUrl: normaliseCmBaseUrl(DEFAULT_CM_BASE, src.pageOrigin), source: 'default' });
}

/** The browser's sources: managed configuration when present, `config.json` with a 3 s bound. */
export function browserConfigSources(storedSetting: () => Promise<string | undefined>): ConfigSources {
  const nav = navigator as Navigator & {
    managed?: { getManagedConfiguration(keys: string[]): Promise<Record<string, unknown>> };
  };
  return {
    pageOrigin: location.origin,
    managed: nav.managed
      ? () =>
          nav.managed!.getManagedConfiguration([
            'cmBaseUrl',
            'supportContact',
            'auth',
            'oidc',
            'bridgePort',
            'bridgeDownloadUrl',
            'expiryWarningDays',
          ])
      : undefined,
    configJson: async () => {
      // Why 3 s: config.json is a static file on the same server; longer means the server is down,
      // and the settings/default fallback is better than a blank start.
      // Beside index.html, i.e. below the app's base path — not relative to a deep link like /cards/x
      // or /auth/callback.
      const res = await fetch(new URL(`${import.meta.env?.BASE_URL ?? '/'}config.json`, location.origin), {
        signal: AbortSignal.timeout(3000),
        cache: 'no-cache',
      });
      if (!res.ok) return undefined;
      return (await res.json()) as Record<string, unknown>;
    },
    storedSetting,
  };
}
