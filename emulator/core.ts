/**
 * The emulator as a fetch-style handler: `createEmulator(options).handle(request) → Response`.
 * Pipeline: CORS preflight → IIS authentication (401) → `Clm.WebApi.Enabled` (404) → latency →
 * route → switches (forced 500, 403 on sensitive calls) → handler; CORS headers on every answer.
 * Used in-process by tests, by the Vite plugin and by the standalone server (node.ts).
 */
import { REQUEST_STATUSES } from './wire-enums';
import { normalizeGuid } from './wire-codec';
import { bearerVerifier, type BearerVerifier } from './auth-bearer';
import { sharedCa } from './ca';
import type { Ctx } from './context';
import { corsHeaders, preflight } from './cors';
import { resolveOptions, type EmulatorOptions } from './options';
import { ROUTES, type Route } from './routes';
import { EmulatorState } from './state';
import { helpdeskPage, isHelpdeskPath } from './helpdesk';
import { EmuHttpError, errorResponse, jsonResponse, serverError } from './wire';

export const API_PREFIX = '/CertificateManagement/api/v1.0';
const PREFIX_RE = /^\/certificatemanagement\/api\/v1\.0(?=\/|$)/i;

export interface Emulator {
  readonly options: EmulatorOptions;
  readonly state: EmulatorState;
  /** Answers one request whose URL path starts with `/CertificateManagement/api/v1.0` (any case). */
  handle(req: Request): Promise<Response>;
  /** What a CM approver does in the portal: Pending → Approved. */
  approveRequest(id: string): void;
}

export function createEmulator(partial: Partial<EmulatorOptions> = {}): Emulator {
  const o = resolveOptions(partial);
  const state = new EmulatorState(o.idQueues);
  const bearer: BearerVerifier | undefined = o.auth === 'oidc' ? bearerVerifier(o) : undefined;

  async function route(req: Request, url: URL): Promise<Response> {
    const rel = url.pathname.replace(PREFIX_RE, '') || '/';
    const matches = ROUTES.filter((r) => variantOn(r, o) && r.pattern.test(rel));
    const hit = matches.find((r) => r.method === req.method);
    if (!hit) {
      if (matches.length) {
        return jsonResponse(
          405,
          { Message: `The requested resource does not support http method '${req.method}'.` },
          { Allow: [...new Set(matches.map((m) => m.method))].join(', ') },
        );
      }
      return jsonResponse(404, {
        Message: `No HTTP resource was found that matches the request URI '${url.href}'.`,
      });
    }
    if (
      o.force500 === true ||
      (typeof o.force500 === 'string' && rel.toLowerCase().includes(o.force500.toLowerCase()))
    ) {
      throw serverError(`forced 500 (switch force500) on ${req.method} ${rel}`);
    }
    if (hit.sensitive && o.forbidSensitive)
      return jsonResponse(403, { Message: 'Authorization has been denied for this request.' });
    const ctx: Ctx = {
      st: state,
      o,
      url,
      params: hit.pattern.exec(rel)!.slice(1),
      body: await readBody(req),
      user: state.users.values().next().value!,
      ca: sharedCa,
      now: serverNow(o),
    };
    return hit.handler(ctx);
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const origin = req.headers.get('Origin');
    if (req.method === 'OPTIONS') {
      const pre = preflight(o, req);
      if (pre) return pre;
    }
    let res: Response;
    let denied: Awaited<ReturnType<BearerVerifier['check']>> | undefined;
    try {
      // Demo help-desk page (helpdesk.ts), outside the API path and its authentication.
      if (isHelpdeskPath(url.pathname) && req.method === 'GET')
        res = await helpdeskPage({
          st: state,
          o,
          url,
          params: [],
          body: {},
          user: state.users.values().next().value!,
          ca: sharedCa,
          now: serverNow(o),
        });
      else if (!PREFIX_RE.test(url.pathname)) res = jsonResponse(404, { Message: 'Not found' });
      else if (bearer && (denied = await bearer.check(req)) && 'refuse' in denied) res = denied.refuse;
      else if (!bearer && !authorized(req, o)) res = unauthorized(o);
      else if (o.apiDisabled)
        res = new Response('<h2>404 - File or directory not found.</h2>', {
          status: 404,
          headers: { 'Content-Type': 'text/html' },
        });
      else {
        // Why: simulates a remote IIS; bounded by the configured value only.
        if (o.latencyMs > 0) await new Promise((r) => setTimeout(r, o.latencyMs));
        res = await route(req, url);
      }
    } catch (e) {
      res = errorResponse(
        e instanceof EmuHttpError ? e : serverError(String((e as Error)?.stack ?? e)),
        o.log,
      );
    }
    for (const [k, v] of Object.entries(corsHeaders(o, origin))) res.headers.set(k, v);
    return res;
  }

  return {
    options: o,
    state,
    handle,
    approveRequest(id: string) {
      const r = state.requests.get(normalizeGuid(id));
      if (r?.dto.Status === REQUEST_STATUSES.Pending) r.dto.Status = REQUEST_STATUSES.Approved;
    },
  };
}

/** The server's clock: the configured clock shifted by the clock switch (`clockOffsetDays`). */
function serverNow(o: EmulatorOptions): Date {
  return new Date(o.now().getTime() + o.clockOffsetDays * 86_400_000);
}

function variantOn(r: Route, o: EmulatorOptions): boolean {
  switch (r.variant) {
    case 'pin-request':
      return o.serverProposedPinRoute !== 'smartcard';
    case 'pin-smartcard':
      return o.serverProposedPinRoute !== 'request';
    case 'policies':
      return o.workflowPolicyRoute !== 'policy-workflow';
    case 'policy-workflow':
      return o.workflowPolicyRoute !== 'policies';
    default:
      return true;
  }
}

/** IIS authentication: the emulator accepts any token of the required scheme and maps it to the current user. */
function authorized(req: Request, o: EmulatorOptions): boolean {
  if (o.auth === 'none') return true;
  const scheme = (req.headers.get('Authorization') ?? '').split(' ', 1)[0]!.toLowerCase();
  if (o.auth === 'any') return scheme === 'negotiate' || scheme === 'bearer';
  return scheme === o.auth;
}

/** IIS's 401 under Windows authentication (HTML body, `WWW-Authenticate` challenge). */
export function unauthorized(o: EmulatorOptions): Response {
  const headers = new Headers({ 'Content-Type': 'text/html' });
  if (o.auth !== 'bearer') {
    headers.append('WWW-Authenticate', 'Negotiate');
    headers.append('WWW-Authenticate', 'NTLM');
  }
  if (o.auth === 'bearer' || o.auth === 'any') headers.append('WWW-Authenticate', 'Bearer');
  return new Response('<h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>', {
    status: 401,
    headers,
  });
}

/** JSON body as an object; 415 for a non-JSON media type, 400 for malformed JSON (Web API behaviour). */
async function readBody(req: Request): Promise<Record<string, unknown>> {
  if (req.method === 'GET' || req.method === 'HEAD') return {};
  const text = await req.text();
  if (text.trim() === '') return {};
  const type = req.headers.get('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new EmuHttpError(
      415,
      `The request entity's media type '${type.split(';')[0] || 'none'}' is not supported for this resource.`,
    );
  }
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new EmuHttpError(400, 'The request is invalid.');
  }
}
