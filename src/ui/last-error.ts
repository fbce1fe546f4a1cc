/**
 * The last error the user was shown, kept in memory for the support bundle: its stable code, the
 * underlying code, and the ids a help desk needs to find the event in the MIM CM logs (the
 * server's correlation id from a 500 body, the CM request id from the failing call's path).
 * Never persisted, and it holds no message text, so no PIN or key can travel in it.
 */

export interface LastError {
  code: string;
  causeCode?: string;
  correlationId?: string;
  requestId?: string;
  /** ISO time the error was first shown. */
  at: string;
}

const REQUEST_IN_PATH = /\/requests\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

let last: LastError | undefined;
let lastObject: unknown;

const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Records an error as the last one shown. Showing the same error object again (a re-render)
 * keeps the first time; a new object replaces it.
 */
export function noteError(e: unknown, now: () => Date = () => new Date()): void {
  if (e === lastObject || e === undefined || e === null) return;
  lastObject = e;
  const err = e as { code?: unknown; data?: Record<string, unknown> };
  const data = err.data ?? {};
  const path = s(data.path);
  last = {
    code: s(err.code) ?? 'unknown',
    causeCode: s(data.causeCode),
    correlationId: s(data.correlationId),
    requestId: s(data.requestId) ?? (path ? REQUEST_IN_PATH.exec(path)?.[1]?.toLowerCase() : undefined),
    at: now().toISOString(),
  };
}

/** The last error shown in this session, if any. */
export function lastError(): LastError | undefined {
  return last;
}
