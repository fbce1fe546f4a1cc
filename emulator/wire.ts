/**
 * CM JSON conventions as the examples show them (docs/mim-cm-api.md "JSON conventions"): .NET date strings,
 * `application/json` everywhere, bare JSON strings for created URIs, and Web API error bodies.
 */
import { randomUUID } from 'node:crypto';

/** .NET DateTime.MinValue as CM prints "not set" (no `Z`). */
export const NET_MIN_DATE = '0001-01-01T00:00:00';

/** UTC with `Z` and trailing zeros of the fraction trimmed: `2015-07-07T23:36:21.93Z`. */
export function netUtc(d: Date): string {
  return d.toISOString().replace(/\.(\d*?)0*Z$/, (_, f: string) => (f ? `.${f}Z` : 'Z'));
}

/** Certificate validity form: no fraction, no `Z` (`2016-07-13T09:10:31`). */
export function netPlain(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/** Error with an HTTP status the router turns into a Web API style body. */
export class EmuHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For 500: what the "event log" gets; the client only sees the correlation id. */
    readonly internal?: string,
  ) {
    super(message);
  }
}

/** 500 as CM sends it: generic text plus a fresh correlation id; the detail goes to the log only. */
export function serverError(detail: string): EmuHttpError {
  return new EmuHttpError(500, '', detail);
}

export function badRequest(): EmuHttpError {
  return new EmuHttpError(400, 'The request is invalid.');
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Turns an error into the response the client sees; 500s get `An error has occurred. Correlation ID: <guid>`. */
export function errorResponse(e: EmuHttpError, log: (l: string) => void): Response {
  if (e.status === 500) {
    const id = randomUUID();
    log(`[event log] correlation ${id}: ${e.internal ?? e.message}`);
    return jsonResponse(500, { Message: `An error has occurred. Correlation ID: ${id}` });
  }
  return jsonResponse(e.status, { Message: e.message });
}

/** Case-insensitive property lookup (JSON.NET binding ignores case; examples send lower case). */
export function prop(body: Record<string, unknown>, name: string): unknown {
  const k = Object.keys(body).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : body[k];
}

/** Case-insensitive query lookup. */
export function qp(url: URL, name: string): string | undefined {
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

/** .NET bool binding: `true`/`false` in any case; anything else is a 400. */
export function parseBool(v: string | undefined): boolean {
  if (v === undefined || !/^(true|false)$/i.test(v.trim())) throw badRequest();
  return v.trim().toLowerCase() === 'true';
}

/** certutil-style wrapping of base64 blobs: CRLF every 64 characters. */
export function wrap64(b64: string): string {
  return b64.replace(/(.{64})(?=.)/g, '$1\r\n');
}
