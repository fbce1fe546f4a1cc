/**
 * Errors of the CM client (docs/architecture.md "Error model", family `cm`). Each code has a fixed
 * next-step text; the UI localises by `code` and `data`, never by parsing messages.
 * Status meanings: certificate-management-rest-api-service-details.md ("Errors"; 404 when
 * `Clm.WebApi.Enabled` is false) and docs/mim-cm-api.md "Authentication", "CORS" for 401 and CORS.
 */
import { AppError } from '../errors';
import type { CmErrorCode as CmFamilyCode } from '../error-codes';

/** The codes a {@link CmApiError} carries: every `cm/…` code but the caller-input one. */
export type CmErrorCode = Exclude<CmFamilyCode, 'cm/bad-input'>;

/** English next-step text per code (developer text; the UI has its own localised copy). */
export const CM_NEXT_STEPS: Readonly<Record<CmErrorCode, string>> = {
  'cm/http-401':
    'The CM server did not accept the sign-in: integrated Windows authentication was not negotiated. ' +
    'Add the CM host to the browser policy AuthServerAllowlist (and AuthNegotiateDelegateAllowlist if needed), then retry.',
  'cm/sign-in-required':
    'There is no valid access token for CM: the sign-in at the identity provider (AD FS or Entra ID) has expired or was never made. ' +
    'Sign in again; an interrupted card operation continues where it stopped.',
  'cm/http-403':
    'Your account lacks permission for this CM operation. Admin-key responses, diversified keys and PINs ' +
    'additionally need membership in the CM Sensitive API group (Clm.ProvisionApi.SensitiveApiGroup). Ask your CM administrator.',
  'cm/http-404':
    'The CM REST API answered "not found": it is probably disabled. The administrator must set ' +
    'Clm.WebApi.Enabled=true in the CM web.config and run iisreset; also check the CM base URL.',
  'cm/http-500':
    'The CM server failed internally. Give the correlation id to your CM administrator; it is in the CM event log and trace.',
  'cm/http-error':
    'The CM server returned an unexpected HTTP status. Retry later or contact your CM administrator.',
  'cm/cors':
    'The browser blocked the call to the CM server on another origin (CORS), or the server is unreachable. ' +
    'Host this app on the CM server origin, or have the administrator add CORS headers for this origin ' +
    '(Access-Control-Allow-Origin, -Credentials, -Headers, -Methods, and an OPTIONS answer) to the CM web.config.',
  'cm/network': 'The CM server could not be reached. Check the network connection and the CM base URL.',
  'cm/timeout':
    'The CM server did not answer in time. Retry; if it keeps happening the server or network is overloaded.',
  'cm/bad-response':
    'The CM server sent a response this app does not understand. Check the CM version and base URL.',
};

/** Data attached to every {@link CmApiError}: never secrets, only routing and diagnosis facts. */
export interface CmErrorData {
  /** HTTP status, or 0 when no response arrived (network, CORS, timeout). */
  status: number;
  method: string;
  /** Path relative to the API base, without the query (queries can carry challenges). */
  path: string;
  /** Correlation id parsed from the error body (500s), when present. */
  correlationId?: string;
  /** Server's `Message`, if any (never contains secrets: the server echoes no inputs). */
  serverMessage?: string;
  nextStep: string;
  [extra: string]: unknown;
}

/** Error for everything that goes wrong talking to CM. */
export class CmApiError extends AppError<CmErrorCode> {
  declare readonly data: Readonly<CmErrorData>;

  constructor(
    code: CmErrorCode,
    message: string,
    data: Omit<CmErrorData, 'nextStep'>,
    options?: { cause?: unknown },
  ) {
    super(code, message, { ...data, nextStep: CM_NEXT_STEPS[code] }, options);
  }

  get status(): number {
    return this.data.status;
  }

  get correlationId(): string | undefined {
    return this.data.correlationId;
  }
}

/** Bad caller input (malformed GUID, hex, base64) — rejected before anything is sent. */
export class CmInputError extends AppError<'cm/bad-input'> {
  constructor(what: string, message: string) {
    super('cm/bad-input', message, { what });
  }
}

/** Code for an HTTP error status (service-details.md "Errors"). */
export function codeForStatus(status: number): CmErrorCode {
  switch (status) {
    case 401:
      return 'cm/http-401';
    case 403:
      return 'cm/http-403';
    case 404:
      return 'cm/http-404';
    case 500:
      return 'cm/http-500';
    default:
      return 'cm/http-error';
  }
}

const GUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * Reads `Message` and the correlation id from an error body. The shape is undocumented
 * (defect 20; service details only say the id is "sent … in the error message"); ASP.NET Web API's
 * `{"Message": "..."}` is the assumption, and a bare text body is accepted too. The id is the first
 * GUID after the word "correlation" (any case), or in a `CorrelationId` property.
 */
export function parseErrorBody(text: string): { message?: string; correlationId?: string } {
  let message: string | undefined;
  let correlationId: string | undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'string') message = json;
    else if (json !== null && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      const m = o.Message ?? o.message ?? o.ExceptionMessage;
      if (typeof m === 'string') message = m;
      const c = o.CorrelationId ?? o.correlationId;
      if (typeof c === 'string' && GUID_RE.test(c)) correlationId = GUID_RE.exec(c)![0].toLowerCase();
    }
  } catch {
    if (text.trim() !== '') message = text.trim().slice(0, 500);
  }
  if (correlationId === undefined) {
    const at = text.search(/correlation/i);
    if (at >= 0) {
      const m = GUID_RE.exec(text.slice(at));
      if (m) correlationId = m[0].toLowerCase();
    }
  }
  return { ...(message !== undefined && { message }), ...(correlationId !== undefined && { correlationId }) };
}
