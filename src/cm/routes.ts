/**
 * Route variants where the MIM docs contradict themselves (the MIM CM REST API reference pages),
 * and the query-string builder. Each variant has a documented default; the client falls back to the other on 404.
 */

/**
 * `serverproposedpin` (defect 2): `'request'` = `/requests/{rid}/smartcards/{id}/serverproposedpin`
 * (controller table, written from the route attributes, and the shape of every other sensitive
 * route) — the default; `'smartcard'` = `/smartcards/{id}/serverproposedpin` (the page).
 */
export type ServerProposedPinRoute = 'request' | 'smartcard';

/**
 * Workflow policy (defect 4): `'policies'` = `/profiletemplates/{id}/policies/{type}` (examples,
 * controller table, walkthrough after the 2016 fix) — the default; `'policy-workflow'` =
 * `/profiletemplates/{id}/policy/workflow/{type}` (the page's table).
 */
export type WorkflowPolicyRoute = 'policies' | 'policy-workflow';

/**
 * `datacollection` in POST /requests (defect 13): `'string'` = a JSON string holding the array of
 * one-key objects (examples 1–2 and the walkthrough) — the default; `'array'` = a real JSON array
 * (example 3). The client retries once with the other encoding on 400 (a model-binding refusal,
 * so nothing was created).
 */
export type DataCollectionEncoding = 'string' | 'array';

export interface RouteSettings {
  serverProposedPin: ServerProposedPinRoute;
  workflowPolicy: WorkflowPolicyRoute;
  dataCollection: DataCollectionEncoding;
}

export const DEFAULT_ROUTES: Readonly<RouteSettings> = Object.freeze({
  serverProposedPin: 'request',
  workflowPolicy: 'policies',
  dataCollection: 'string',
});

/** Path of `serverproposedpin` for a variant (get-smartcard-proposed-pin.md / service-details table). */
export function serverProposedPinPath(
  variant: ServerProposedPinRoute,
  requestId: string | undefined,
  smartcardId: string,
): string {
  if (variant === 'request' && requestId !== undefined)
    return `/requests/${requestId}/smartcards/${smartcardId}/serverproposedpin`;
  return `/smartcards/${smartcardId}/serverproposedpin`;
}

/** Path of the workflow policy for a variant (get-workflow-policy.md). `type` is sent lower case, as in the examples. */
export function workflowPolicyPath(variant: WorkflowPolicyRoute, templateId: string, type: string): string {
  const t = encodeURIComponent(type.toLowerCase());
  return variant === 'policies'
    ? `/profiletemplates/${templateId}/policies/${t}`
    : `/profiletemplates/${templateId}/policy/workflow/${t}`;
}

/** `datacollection` body value in the chosen encoding; items become one-key objects `{ "<name>": "<value>" }`. */
export function encodeDataCollection(
  items: ReadonlyArray<{ name: string; value: string }>,
  enc: DataCollectionEncoding,
): unknown {
  const arr = items.map((i) => ({ [i.name]: i.value }));
  return enc === 'string' ? JSON.stringify(arr) : arr;
}

/** Query string from defined values, each percent-encoded (base64 `+/=` become `%2B%2F%3D`, as documented). */
export function queryString(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}
