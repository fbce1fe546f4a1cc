/** A recording `fetch` double for client tests: scripted responses, every call kept for assertions. */

export interface SeenCall {
  method: string;
  url: string;
  /** Path + query after the base URL. */
  rel: string;
  body: unknown;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
}

export type Responder = (call: SeenCall) => Response | Promise<Response>;

export const BASE = 'https://cm.contoso.com/CertificateManagement/api/v1.0';

/** JSON response helper (`application/json`, as the service details say the API always returns). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export function recordingFetch(responder: Responder): { fetch: typeof fetch; calls: SeenCall[] } {
  const calls: SeenCall[] = [];
  const f = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const call: SeenCall = {
      method: init?.method ?? 'GET',
      url,
      rel: url.startsWith(BASE) ? url.slice(BASE.length) : url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: { ...(init?.headers as Record<string, string>) },
      credentials: init?.credentials,
    };
    calls.push(call);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    // Like a real fetch, an abort rejects the pending call even if the server never answers.
    return new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
        once: true,
      });
      Promise.resolve()
        .then(() => responder(call))
        .then(resolve, reject);
    });
  };
  return { fetch: f as typeof fetch, calls };
}
