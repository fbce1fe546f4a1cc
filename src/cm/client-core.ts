/**
 * Shared plumbing of {@link CmClient}: options, defaults, and typed helpers that run one call and
 * check the JSON shape. Kept apart from the per-operation methods so each file stays one concept.
 */
import { normalizeGuid } from './codec';
import type { CmAuth } from './auth';
import { CmApiError } from './errors';
import { cmHttp, isNoContent, NO_CONTENT, type CmNoContent, type HttpCall, type HttpSettings } from './http';
import { DEFAULT_ROUTES, type RouteSettings } from './routes';
import { expectShape, expectShapeList, type SchemaName } from './shapes';

export interface CmClientOptions {
  /** API base, e.g. `https://cm.contoso.com/CertificateManagement/api/v1.0` or `/CertificateManagement/api/v1.0`. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Per attempt. Default 30 000 ms: certificatedata "takes a few seconds" behind a real CA (walkthrough). */
  timeoutMs?: number;
  /** `'include'` (default) so the browser performs integrated Windows authentication (docs/mim-cm-api.md "Authentication"). */
  credentials?: RequestCredentials;
  /** Extra attempts for idempotent GETs (default 2). */
  getRetries?: number;
  retryBaseDelayMs?: number;
  routes?: Partial<RouteSettings>;
  /** Randomness for retry jitter (tests pin it). */
  random?: () => number;
  /** Bearer-token provider (AD FS / Entra ID); absent in Windows mode, where the browser negotiates. */
  auth?: CmAuth;
}

/** Base class holding settings and the generic call helpers. */
export class CmClientCore {
  protected readonly http: HttpSettings;
  /** Current route variants; updated when a fallback succeeds so later calls go straight to it. */
  readonly routes: RouteSettings;

  constructor(opts: CmClientOptions) {
    const f = opts.fetch ?? globalThis.fetch;
    this.http = {
      baseUrl: opts.baseUrl,
      // Why bind: calling a detached `window.fetch` throws "Illegal invocation" in browsers.
      fetch: (...args: Parameters<typeof fetch>) => f.call(globalThis, ...args),
      credentials: opts.credentials ?? 'include',
      timeoutMs: opts.timeoutMs ?? 30_000,
      getRetries: opts.getRetries ?? 2,
      retryBaseDelayMs: opts.retryBaseDelayMs ?? 300,
      random: opts.random ?? Math.random,
      ...(opts.auth && { auth: opts.auth }),
    };
    this.routes = { ...DEFAULT_ROUTES, ...opts.routes };
  }

  /** The API base every call goes to. */
  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Points later calls at another API base (a saved setting applies without a reload). */
  setBaseUrl(baseUrl: string): void {
    this.http.baseUrl = baseUrl;
  }

  /** Raw call: parsed JSON or NO_CONTENT. */
  protected raw(call: HttpCall): Promise<unknown> {
    return cmHttp(this.http, call).then((r) => (isNoContent(r) ? r : r.json));
  }

  /** One object of a documented shape, or NO_CONTENT on 204. */
  protected async one<N extends SchemaName>(name: N, call: HttpCall) {
    const json = await this.raw(call);
    return isNoContent(json) ? NO_CONTENT : expectShape(name, json, call);
  }

  /** A list of a documented shape; 204 means "nothing matched", returned as `[]`. */
  protected async list<N extends SchemaName>(name: N, call: HttpCall) {
    const json = await this.raw(call);
    return isNoContent(json) ? [] : expectShapeList(name, json, call);
  }

  /** A bare JSON string (created-resource URI, base64 blob, PIN), or NO_CONTENT. */
  protected async str(call: HttpCall): Promise<string | CmNoContent> {
    const json = await this.raw(call);
    if (isNoContent(json)) return json;
    if (typeof json !== 'string') {
      throw new CmApiError('cm/bad-response', 'CM response is not a JSON string', {
        status: 200,
        method: call.method,
        path: call.path,
      });
    }
    return json;
  }

  /** A list of strings (operation names); 204 → `[]`. */
  protected async strings(call: HttpCall): Promise<string[]> {
    const json = await this.raw(call);
    if (isNoContent(json)) return [];
    if (!Array.isArray(json) || !json.every((x) => typeof x === 'string')) {
      throw new CmApiError('cm/bad-response', 'CM response is not a list of strings', {
        status: 200,
        method: call.method,
        path: call.path,
      });
    }
    return json as string[];
  }

  /**
   * Tries `first`; on 404 tries `second` and remembers the winner via `onSecondWorks`. If both 404,
   * the first error is thrown: a 404 everywhere means the API is disabled, not a route mismatch.
   */
  protected async withFallback<T>(
    first: () => Promise<T>,
    second: () => Promise<T>,
    onSecondWorks: () => void,
  ): Promise<T> {
    try {
      return await first();
    } catch (e) {
      if (!(e instanceof CmApiError && e.code === 'cm/http-404')) throw e;
      try {
        const r = await second();
        onSecondWorks();
        return r;
      } catch (e2) {
        throw e2 instanceof CmApiError && e2.code === 'cm/http-404' ? e : e2;
      }
    }
  }
}

/** Path segment for an id: normalised GUID (throws `cm/bad-input` before anything is sent). */
export function seg(id: string, what: string): string {
  return normalizeGuid(id, what);
}
