/**
 * One HTTP exchange with CM: JSON in/out, a per-attempt timeout, bounded retries with jitter for
 * idempotent GETs only, and status → {@link CmApiError} mapping (service-details.md "Errors",
 * "Request and response headers": `Content-Type: application/json` on bodies).
 */
import { sleep } from '../common/sleep';
import { AbortedError, throwIfAborted } from '../errors';
import {
  challengeKind,
  IDEMPOTENT_METHODS,
  parseWwwAuthenticate,
  type CmAuth,
  type UnauthorizedInfo,
} from './auth';
import { CmApiError, codeForStatus, parseErrorBody } from './errors';

/** Typed "204 No Content" result — the docs list 204 for most operations without saying when (§1.8). */
export interface CmNoContent {
  readonly noContent: true;
}
export const NO_CONTENT: CmNoContent = Object.freeze({ noContent: true as const });
export function isNoContent(v: unknown): v is CmNoContent {
  return v === NO_CONTENT;
}

export interface HttpSettings {
  baseUrl: string;
  fetch: typeof fetch;
  credentials: RequestCredentials;
  timeoutMs: number;
  /** Extra attempts for GETs after a network error, timeout or 502/503/504. */
  getRetries: number;
  retryBaseDelayMs: number;
  random: () => number;
  /** Token provider; absent = cookies/WIA only (the browser negotiates, cm-rest-api §1.4). */
  auth?: CmAuth;
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the API base, starting with `/`, already percent-encoded. */
  path: string;
  /** Pre-encoded query string without `?` (values may be secrets-free only; see client). */
  query?: string;
  body?: unknown;
  signal?: AbortSignal;
}

interface HttpResult {
  status: number;
  json: unknown;
}

/** Statuses worth retrying on a GET: gateway / overload answers that say nothing about the request itself. */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** A 401 seen by {@link attemptOnce}: the error to throw and what the token provider needs to know. */
class Unauthorized extends Error {
  constructor(
    readonly error: CmApiError,
    readonly info: UnauthorizedInfo,
  ) {
    super(error.message);
  }
}

/**
 * Performs one call; returns NO_CONTENT for 204, parsed JSON for 2xx, throws CmApiError otherwise.
 * A 401 goes to the token provider first; when it has a new credential, an idempotent call
 * (RFC 9110 §9.2.2) is sent once more, a POST is not (see {@link IDEMPOTENT_METHODS}).
 */
export async function cmHttp(s: HttpSettings, call: HttpCall): Promise<HttpResult | CmNoContent> {
  const retries = call.method === 'GET' ? s.getRetries : 0;
  // Why one: a provider that "renews" into another refused token must not loop; the second 401 surfaces.
  let authRetries = 1;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(s, call);
    } catch (e) {
      if (e instanceof Unauthorized) {
        const renewed = s.auth ? await s.auth.unauthorized(e.info, call.signal) : false;
        throwIfAborted(call.signal);
        if (renewed && authRetries-- > 0 && IDEMPOTENT_METHODS.has(call.method)) continue;
        throw renewed ? withData(e.error, { renewed: true }) : e.error;
      }
      // Why not `cm/cors`: the browser refuses a cross-origin call for a missing or wrong
      // Access-Control-Allow-* header (Fetch standard §4.1 "CORS check"), a server configuration
      // that no retry changes; retrying only delays the next-step text that names the fix.
      const retryable =
        e instanceof CmApiError &&
        (e.code === 'cm/network' || e.code === 'cm/timeout' || RETRY_STATUSES.has(e.status));
      if (!retryable || attempt >= retries) throw e;
      // Why: full jitter (delay uniform in [0, base·2^attempt]) spreads retries of many clients after
      // a CM/IIS restart; bounded by `getRetries`, so a GET waits at most (retries+1)·timeout + delays.
      await sleep(s.random() * s.retryBaseDelayMs * 2 ** attempt, call.signal);
    }
  }
}

async function attemptOnce(s: HttpSettings, call: HttpCall): Promise<HttpResult | CmNoContent> {
  throwIfAborted(call.signal);
  const where = { method: call.method, path: call.path };
  const url = `${s.baseUrl.replace(/\/+$/, '')}${call.path}${call.query ? `?${call.query}` : ''}`;
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(call.signal?.reason);
  call.signal?.addEventListener('abort', onAbort, { once: true });
  // Why: fetch has no timeout of its own and IIS/Kerberos stalls can hold a socket for minutes;
  // every CM wait must be bounded (certificatedata "takes a few seconds", so the default is generous).
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, s.timeoutMs);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let authorization: string | undefined;
    try {
      authorization = await s.auth?.authorization(call.signal);
    } catch (e) {
      if (e instanceof AbortedError || call.signal?.aborted) throw new AbortedError(call.signal?.reason);
      throw new CmApiError(
        'cm/sign-in-required',
        `CM ${call.method} ${call.path}: no access token (sign-in needed)`,
        { status: 0, ...where, authScheme: 'bearer' },
        { cause: e },
      );
    }
    if (authorization !== undefined) headers.Authorization = authorization;
    let body: string | undefined;
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    let res: Response;
    try {
      res = await s.fetch(url, {
        method: call.method,
        headers,
        body,
        credentials: s.credentials,
        signal: ctl.signal,
        cache: 'no-store',
      });
    } catch (e) {
      throw fetchFailure(e, s.baseUrl, where, timedOut, call.signal);
    }
    const text = await res.text().catch((e: unknown) => {
      throw fetchFailure(e, s.baseUrl, where, timedOut, call.signal);
    });
    if (res.status === 204) return NO_CONTENT;
    if (res.status >= 200 && res.status < 300) {
      if (text.trim() === '') return NO_CONTENT;
      try {
        return { status: res.status, json: JSON.parse(text) as unknown };
      } catch (e) {
        throw new CmApiError(
          'cm/bad-response',
          'CM response is not JSON',
          { status: res.status, ...where },
          { cause: e },
        );
      }
    }
    const parsed = parseErrorBody(text);
    const code = codeForStatus(res.status);
    const challenges = res.status === 401 ? parseWwwAuthenticate(res.headers.get('WWW-Authenticate')) : [];
    const bearerError = challenges.find((c) => c.scheme === 'bearer')?.params.error;
    const err = new CmApiError(code, `CM ${call.method} ${call.path} failed with HTTP ${res.status}`, {
      status: res.status,
      ...where,
      ...(parsed.correlationId !== undefined && { correlationId: parsed.correlationId }),
      ...(parsed.message !== undefined && res.status !== 401 && { serverMessage: parsed.message }),
      ...(res.status === 401 && {
        authScheme: challengeKind(challenges),
        ...(bearerError !== undefined && { bearerError }),
      }),
    });
    if (res.status === 401) throw new Unauthorized(err, { challenges, sent: authorization, ...where });
    throw err;
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onAbort);
  }
}

/** The same error with more (non-secret) data. */
function withData(e: CmApiError, extra: Record<string, unknown>): CmApiError {
  const { nextStep: _n, ...data } = e.data;
  return new CmApiError(e.code as ConstructorParameters<typeof CmApiError>[0], e.message, {
    ...data,
    ...extra,
  } as ConstructorParameters<typeof CmApiError>[2]);
}

/** Classifies a rejected fetch: caller abort, our timeout, cross-origin (likely CORS) or plain network. */
function fetchFailure(
  e: unknown,
  baseUrl: string,
  where: { method: string; path: string },
  timedOut: boolean,
  signal?: AbortSignal,
): Error {
  if (e instanceof CmApiError || e instanceof Unauthorized) return e;
  if (signal?.aborted) return new AbortedError(signal.reason);
  if (timedOut)
    return new CmApiError(
      'cm/timeout',
      `CM ${where.method} ${where.path} timed out`,
      { status: 0, ...where },
      { cause: e },
    );
  const pageOrigin = typeof location === 'object' && location !== null ? location.origin : undefined;
  let target: string | undefined;
  try {
    target = new URL(baseUrl, pageOrigin).origin;
  } catch {
    target = undefined;
  }
  // A browser reports a CORS refusal exactly like an unreachable host (TypeError, no status), so a
  // failure on a *different* origin is reported as CORS-or-unreachable, same-origin as network.
  const crossOrigin = pageOrigin !== undefined && target !== undefined && target !== pageOrigin;
  const code = crossOrigin ? 'cm/cors' : 'cm/network';
  return new CmApiError(
    code,
    `CM ${where.method} ${where.path}: request failed before any response`,
    {
      status: 0,
      ...where,
      ...(crossOrigin && { pageOrigin, serverOrigin: target }),
    },
    { cause: e },
  );
}
