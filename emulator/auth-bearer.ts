/**
 * The emulator's OAuth 2.0 resource-server side for the AD FS mode of CM (service-details.md
 * "Request and response headers": `Authorization` depends on WIA or AD FS): a bearer token
 * (RFC 6750 §2.1) is verified for real with `jose` — JWS signature against the identity
 * provider's JWKS (RFC 7517), `iss`, `aud`, `exp`/`nbf` against the emulator's clock — and a
 * refusal carries the `WWW-Authenticate: Bearer` challenge of RFC 6750 §3:
 * - no credentials → 401 `Bearer realm="…"` without an error code (§3.1, last paragraph),
 * - a bad, expired or foreign token → 401 `error="invalid_token"` (§3.1),
 * - a valid token without the required scope → 403 `error="insufficient_scope"`, `scope="…"` (§3.1).
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import type { EmulatorOptions } from './options';

/** Realm shown in challenges; IIS names the site, the emulator names the product. */
const BEARER_REALM = 'MIM CM';

export interface BearerVerifier {
  /** `undefined` = accepted (claims returned), else the 401/403 answer. */
  check(req: Request): Promise<{ claims: JWTPayload } | { refuse: Response }>;
}

type KeySource = ReturnType<typeof createRemoteJWKSet> | ReturnType<typeof createLocalJWKSet>;

/** Builds the verifier for `auth: 'oidc'`; throws at start-up when the options are incomplete. */
export function bearerVerifier(o: EmulatorOptions): BearerVerifier {
  if (!o.oidcIssuer || !o.oidcAudience || (!o.oidcJwksUri && !o.oidcJwks)) {
    throw new Error('auth "oidc" needs oidcIssuer, oidcAudience and oidcJwksUri (or oidcJwks)');
  }
  // Why the cooldown default: jose refetches the JWKS on an unknown `kid` at most every 30 s, which
  // is what makes key rollover at the IdP work without hammering it with forged tokens.
  const keys: KeySource = o.oidcJwks
    ? createLocalJWKSet(o.oidcJwks as JSONWebKeySet)
    : createRemoteJWKSet(new URL(o.oidcJwksUri!), { timeoutDuration: 5000 });
  const issuer = o.oidcIssuer;
  const audience = o.oidcAudience;
  return {
    async check(req) {
      const header = req.headers.get('Authorization') ?? '';
      const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(header.trim());
      if (!m)
        return {
          refuse: challenge(
            401,
            header === ''
              ? undefined
              : { error: 'invalid_token', error_description: 'No bearer token in the Authorization header' },
          ),
        };
      try {
        const { payload } = await jwtVerify(m[1]!, keys, {
          issuer,
          audience,
          currentDate: o.now(),
          // Why 0 s by default: the test clock is exact; real AD FS deployments allow ~5 min skew (set oidcClockToleranceSec).
          clockTolerance: o.oidcClockToleranceSec ?? 0,
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
        });
        if (o.oidcScope && !scopes(payload).includes(o.oidcScope)) {
          return {
            refuse: challenge(403, {
              error: 'insufficient_scope',
              error_description: `The token lacks the scope ${o.oidcScope}`,
              scope: o.oidcScope,
            }),
          };
        }
        return { claims: payload };
      } catch (e) {
        o.log(`bearer token refused: ${describe(e)}`);
        return { refuse: challenge(401, { error: 'invalid_token', error_description: describe(e) }) };
      }
    },
  };
}

/** `scp` (Entra ID, AD FS: space-separated string) or `scope` (RFC 9068 §2.2.3). */
function scopes(p: JWTPayload): string[] {
  const v = p.scp ?? p.scope;
  return typeof v === 'string' ? v.split(' ') : Array.isArray(v) ? v.map(String) : [];
}

/** A refusal reason fit for `error_description` (RFC 6750 §3: human-readable, no secrets). */
function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'The access token expired';
  if (e instanceof errors.JWTClaimValidationFailed) return `The token's ${e.claim} claim is not accepted`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid';
  if (e instanceof errors.JWKSNoMatchingKey)
    return 'The token was not signed by a key of the identity provider';
  if (e instanceof errors.JOSEError) return `The token is not valid (${e.code})`;
  return 'The token could not be validated';
}

/** A 401/403 with an RFC 6750 §3 challenge; IIS's HTML body shape for 401. */
export function challenge(status: 401 | 403, params?: Record<string, string>): Response {
  const attrs = [
    `realm="${BEARER_REALM}"`,
    ...Object.entries(params ?? {}).map(([k, v]) => `${k}="${v.replace(/["\\]/g, '')}"`),
  ];
  return new Response(
    status === 401
      ? '<h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>'
      : JSON.stringify({ Message: 'Authorization has been denied for this request.' }),
    {
      status,
      headers: {
        'Content-Type': status === 401 ? 'text/html' : 'application/json; charset=utf-8',
        'WWW-Authenticate': `Bearer ${attrs.join(', ')}`,
      },
    },
  );
}
