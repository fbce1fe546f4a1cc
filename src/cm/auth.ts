/**
 * How the CM client authenticates, seen from the CM layer: an injected {@link CmAuth} supplies the
 * `Authorization` header and is told about every 401 (service-details.md "Request and response
 * headers": `Authorization` "depends on the configured method: Windows Integrated Authentication
 * or AD FS"). The CM layer never knows which identity provider is behind it, so `cm/` imports
 * nothing of `auth/` or `ui/`; the composition root wires an implementation in.
 */

/** One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1): scheme plus auth-params. */
export interface AuthChallenge {
  /** Lower-case scheme: `negotiate`, `ntlm`, `bearer`, … */
  scheme: string;
  /** Lower-case parameter names; quoted-string values unquoted (RFC 9110 §5.6.4). */
  params: Readonly<Record<string, string>>;
}

/** What a 401 told the client; handed to {@link CmAuth.unauthorized}. */
export interface UnauthorizedInfo {
  challenges: readonly AuthChallenge[];
  /** The `Authorization` value the refused request carried (undefined = none). */
  sent: string | undefined;
  method: string;
  path: string;
}

/** The token provider the CM client uses (RFC 6750 §2.1 for bearer tokens). */
export interface CmAuth {
  /** Value for the `Authorization` header of the next call, or undefined to let the browser negotiate (WIA). */
  authorization(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * A call was answered 401. Resolves true when a *different* credential is now available (renewed
   * silently, or another call already renewed it) so the call may be sent again; false when the
   * user has to act (sign in interactively, or IT has to fix integrated authentication).
   */
  unauthorized(info: UnauthorizedInfo, signal?: AbortSignal): Promise<boolean>;
}

/**
 * Methods that may be sent again after a 401 (RFC 9110 §9.2.2 "Idempotent Methods": GET and PUT
 * among those the CM API uses). POST is not: `POST /requests` twice would create two requests if the
 * first one did in fact get through, so a refused POST surfaces as an error and the journalled flow
 * resumes it deliberately.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/**
 * Parses `WWW-Authenticate` values (RFC 9110 §11.6.1 / §11.3: `challenge = auth-scheme [ 1*SP (
 * token68 / #auth-param ) ]`, several challenges comma-separated, possibly in several header
 * lines joined by `, `). Lenient: an unparsable tail ends the list instead of throwing.
 */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let s = (header ?? '').trim();
  let current: { scheme: string; params: Record<string, string> } | undefined;
  while (s.length) {
    s = s.replace(/^[\s,]+/, '');
    const tok = TOKEN.exec(s);
    if (!tok) break;
    const word = tok[0];
    const rest = s.slice(word.length);
    const param = /^\s*=\s*/.exec(rest);
    if (current && param && !/^\s*=\s*(,|$)/.test(rest)) {
      // auth-param: name = token / quoted-string
      let v = rest.slice(param[0].length);
      let value: string;
      if (v.startsWith('"')) {
        let i = 1;
        value = '';
        while (i < v.length && v[i] !== '"') {
          if (v[i] === '\\' && i + 1 < v.length) i++;
          value += v[i];
          i++;
        }
        v = v.slice(i + 1);
      } else {
        const m = TOKEN.exec(v);
        value = m ? m[0] : '';
        v = v.slice(value.length);
      }
      current.params[word.toLowerCase()] = value;
      s = v;
      continue;
    }
    // A new challenge: scheme, optionally followed by a token68 (e.g. `Negotiate oYIB…==`).
    current = { scheme: word.toLowerCase(), params: {} };
    out.push(current);
    const t68 = /^ +([A-Za-z0-9\-._~+/]+=*)\s*(?=,|$)/.exec(rest);
    if (t68 && !/=\s*[^=,\s]/.test(rest.slice(0, t68[0].length))) {
      current.params.token68 = t68[1]!;
      s = rest.slice(t68[0].length);
    } else s = rest;
  }
  return out;
}

/** The scheme the server asked for, for error reporting: `bearer`, `negotiate`, or `none`. */
export function challengeKind(
  challenges: readonly AuthChallenge[],
): 'bearer' | 'negotiate' | 'other' | 'none' {
  if (challenges.some((c) => c.scheme === 'bearer')) return 'bearer';
  if (challenges.some((c) => c.scheme === 'negotiate' || c.scheme === 'ntlm')) return 'negotiate';
  return challenges.length ? 'other' : 'none';
}
