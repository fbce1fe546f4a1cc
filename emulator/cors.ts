/**
 * CORS behaviour (docs/mim-cm-api.md "CORS" — undocumented for CM; the PAM REST API's web.config
 * pattern is the only Microsoft guidance):
 * - `off`: no CORS headers; a preflight gets what IIS/Web API give (401 under WIA, else 405).
 * - `pam`: the PAM doc's static custom headers on every response (Allow-Credentials, Allow-Headers:
 *   content-type, one Allow-Origin) and no Allow-Methods; the preflight is not specially handled.
 * - `full`: allowed origins reflected with credentials, and a proper 204 preflight before auth.
 */
import type { EmulatorOptions } from './options';

/** Headers to add to a normal (non-preflight) response. */
export function corsHeaders(o: EmulatorOptions, origin: string | null): Record<string, string> {
  if (o.cors === 'pam') {
    return {
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': 'content-type',
      'Access-Control-Allow-Origin': o.corsOrigins[0] ?? '*',
    };
  }
  if (o.cors === 'full' && origin !== null && originAllowed(o, origin)) {
    // Expose-Headers: without it a cross-origin client cannot read the 401's challenge (Fetch standard, CORS-safelisted response headers).
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'WWW-Authenticate',
      Vary: 'Origin',
    };
  }
  return {};
}

function originAllowed(o: EmulatorOptions, origin: string): boolean {
  return o.corsOrigins.includes('*') || o.corsOrigins.includes(origin);
}

/** Answer to an OPTIONS request, or `undefined` to let the normal pipeline (auth, routing) answer it. */
export function preflight(o: EmulatorOptions, req: Request): Response | undefined {
  const origin = req.headers.get('Origin');
  if (o.cors === 'full') {
    if (origin === null || !originAllowed(o, origin)) return new Response(null, { status: 403 });
    return new Response(null, {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
        'Access-Control-Allow-Headers':
          req.headers.get('Access-Control-Request-Headers') ?? 'content-type, authorization',
        // Why: lets the browser cache the preflight for 10 minutes instead of doubling every call.
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
    });
  }
  const status = o.auth !== 'none' ? 401 : o.cors === 'pam' ? o.pamPreflightStatus : 405;
  const res = new Response(
    status === 405
      ? JSON.stringify({ Message: "The requested resource does not support http method 'OPTIONS'." })
      : null,
    {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    },
  );
  for (const [k, v] of Object.entries(corsHeaders(o, origin))) res.headers.set(k, v);
  return res;
}
