/**
 * The sign-in part of the app configuration (managed configuration or `config.json`), checked by a
 * schema so an administrator's typo is named field by field instead of failing at the first
 * redirect:
 *
 * ```json
 * { "auth": "oidc",
 *   "oidc": { "authority": "https://adfs.contoso.com/adfs", "clientId": "…",
 *             "scope": "openid https://cm.contoso.com/certificatemanagement/user_impersonation",
 *             "resource": "https://cm.contoso.com/certificatemanagement", "redirectPath": "/auth/callback",
 *             "loopbackPort": 47318 } }
 * ```
 * `loopbackPort` only matters in the Isolated Web App, which receives the redirect on
 * `http://127.0.0.1:<port><redirectPath>` (RFC 8252 §7.3): absent, the OS picks a free port per
 * sign-in (the IdP must then accept any port, as §7.3 requires); set, for an IdP that compares ports.
 * `auth` absent or `"windows"` = Windows integrated authentication (the browser negotiates).
 * The authority is the OpenID Provider issuer (OpenID Connect Discovery 1.0 §4: its
 * `/.well-known/openid-configuration`), e.g. `https://login.microsoftonline.com/<tenant>/v2.0`.
 */
import * as v from 'valibot';
import { AppError } from '../errors';

export type AuthConfig =
  | { mode: 'windows' }
  | {
      mode: 'oidc';
      authority: string;
      clientId: string;
      /** Space-separated; always contains `openid`. */
      scope: string;
      /** AD FS `resource` parameter (the CM relying-party identifier), sent when set. */
      resource?: string;
      /** Path of the redirect URI below the app origin, e.g. `/auth/callback`. */
      redirectPath: string;
      /** IWA only: fixed port of the loopback redirect listener (absent: any free port). */
      loopbackPort?: number;
    };

const DEFAULT_REDIRECT_PATH = '/auth/callback';

/** Configuration that fails the schema; `data.issues` lists `field: problem` lines (English, for the admin). */
export class AuthConfigError extends AppError<'config/auth-invalid'> {
  constructor(issues: string[]) {
    super('config/auth-invalid', `Invalid sign-in configuration: ${issues.join('; ')}`, { issues });
  }
}

const local = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
const parseUrl = (s: string) => {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
};

const Authority = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.check((s) => parseUrl(s) !== undefined, 'must be an absolute URL such as https://adfs.contoso.com/adfs'),
  // Checks below skip an unparsable value: the one above has already reported it.
  v.check((s) => {
    const u = parseUrl(s);
    return !u || u.protocol === 'https:' || (u.protocol === 'http:' && local(u));
  }, 'must use https'),
  v.check((s) => {
    const u = parseUrl(s);
    return !u || (!u.search && !u.hash && !u.username && !u.password);
  }, 'must not carry a query, fragment or credentials'),
  v.transform((s) => s.replace(/\/+$/, '')),
);

const Oidc = v.object(
  {
    authority: Authority,
    clientId: v.pipe(
      v.string('must be a string'),
      v.trim(),
      v.minLength(1, 'must not be empty'),
      v.maxLength(200, 'is too long'),
    ),
    scope: v.pipe(
      v.string('must be a string'),
      v.trim(),
      v.check((s) => s.split(/\s+/).includes('openid'), 'must contain "openid" plus the CM scope'),
    ),
    resource: v.optional(v.pipe(v.string('must be a string'), v.trim(), v.minLength(1, 'must not be empty'))),
    redirectPath: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(/^\/(?!\/)[A-Za-z0-9\-._~/]*$/, 'must be a path starting with one "/" (e.g. /auth/callback)'),
        v.check((s) => !s.split('/').includes('..'), 'must not contain ".."'),
      ),
      DEFAULT_REDIRECT_PATH,
    ),
    loopbackPort: v.optional(
      v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        // Why ≥ 1024: ports below need privileges the browser does not have.
        v.minValue(1024, 'must be 1024 or higher'),
        v.maxValue(65535, 'must be 65535 or lower'),
      ),
    ),
  },
  'must be an object with authority, clientId and scope',
);

const Schema = v.variant(
  'auth',
  [v.object({ auth: v.literal('windows') }), v.object({ auth: v.literal('oidc'), oidc: Oidc })],
  'auth must be "windows" or "oidc"',
);

/**
 * Reads `auth` / `oidc` from a configuration object. Absent `auth` means Windows mode; anything
 * invalid throws {@link AuthConfigError} naming each field (`oidc.authority: must use https`).
 */
export function parseAuthConfig(data: Record<string, unknown> | undefined): AuthConfig {
  const input = { auth: data?.auth ?? 'windows', ...(data?.oidc !== undefined && { oidc: data.oidc }) };
  const r = v.safeParse(Schema, input);
  if (!r.success) {
    // A missing key gets valibot's generic "Invalid key" text; the admin needs the expected shape instead.
    const text = (i: v.BaseIssue<unknown>) =>
      i.kind === 'schema' && i.type === 'object' && i.input === undefined && v.getDotPath(i) === 'oidc'
        ? 'must be an object with authority, clientId and scope'
        : i.message;
    throw new AuthConfigError(r.issues.map((i) => `${v.getDotPath(i) ?? 'auth'}: ${text(i)}`));
  }
  if (r.output.auth === 'windows') return { mode: 'windows' };
  const o = r.output.oidc;
  return {
    mode: 'oidc',
    authority: o.authority,
    clientId: o.clientId,
    scope: o.scope,
    redirectPath: o.redirectPath,
    ...(o.resource !== undefined && { resource: o.resource }),
    ...(o.loopbackPort !== undefined && { loopbackPort: o.loopbackPort }),
  };
}
