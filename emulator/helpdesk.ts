/**
 * Demo only: a small help-desk page standing in for the MIM CM portal's offline unblock, so the
 * app's offline-unblock path can be clicked through. What a MIM help desk does (docs/operations.md
 * "Offline unblock"): find the user's card, start an OfflineUnblock request on it (create-request.md
 * request type `OfflineUnblock`; FIM CM SDK `RequestOperations.InitiateOfflineUnblock`), and have CM
 * compute the response to the card's challenge (`ExecuteOperations.OfflineUnblock(requestUuid,
 * challenge)`, "based on the key (potentially a diversified key) that FIM CM has for the card").
 *
 * Here: GET `/CertificateManagement/helpdesk/offline-unblock` shows a form (card id, challenge);
 * with `?cardid=&challenge=` it creates the OfflineUnblock request on the card (subject to the
 * template's OfflineUnblock policy), computes 3DES-ECB(admin key, challenge) with the key the
 * emulator holds for the card, completes the request and shows the response in groups of four.
 */
import { REQUEST_STATUSES, SMARTCARD_STATUSES } from './wire-enums';
import { normalizeGuid } from './wire-codec';
import type { Ctx } from './context';
import { adminKey } from './handlers-cards';
import { createRequest } from './handlers-requests';
import { tdesEncrypt } from './crypto';
import { netUtc } from './wire';

export const HELPDESK_PATH = '/CertificateManagement/helpdesk/offline-unblock';
const PATH_RE = /^\/certificatemanagement\/helpdesk\/offline-unblock\/?$/i;

export function isHelpdeskPath(pathname: string): boolean {
  return PATH_RE.test(pathname);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const groups = (hex: string) =>
  hex
    .toUpperCase()
    .match(/.{1,4}/g)!
    .join(' ');

function page(body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Help desk – offline unblock (CM emulator)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}label{display:block;font-weight:600;margin-top:.75rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}output{display:block;font:700 1.6rem/1.4 ui-monospace,monospace;letter-spacing:.1em;margin:.5rem 0}.err{color:#a00;font-weight:600}button{font:inherit;margin-top:1rem;padding:.5rem 1rem}</style>
</head><body><main><h1>Help desk: offline unblock</h1><p>Demo page of the CM emulator, standing in for the MIM CM portal. Not part of the app.</p>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

function form(cardId = '', challenge = '', error = ''): string {
  return `${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}<form method="get">
<label for="cardid">Card id (the user reads it out)</label><input id="cardid" name="cardid" value="${esc(cardId)}" autocomplete="off">
<label for="challenge">Request code (challenge, 16 hex digits)</label><input id="challenge" name="challenge" value="${esc(challenge)}" autocomplete="off">
<button type="submit">Compute response</button></form>`;
}

/** The page for `ctx.url` (ctx without route params or body). */
export async function helpdeskPage(ctx: Ctx): Promise<Response> {
  const rawId = ctx.url.searchParams.get('cardid')?.trim() ?? '';
  const rawCh = ctx.url.searchParams.get('challenge') ?? '';
  if (!rawId && !rawCh) return page(form());
  const hex = rawCh.replace(/[\s.-]/g, '');
  if (!/^([0-9a-fA-F]{16})+$/.test(hex))
    return page(form(rawId, rawCh, 'The request code must be 16 hex digits (0–9, A–F).'), 400);
  let cardId: string;
  try {
    cardId = normalizeGuid(rawId.replace(/[{}]/g, ''));
  } catch {
    return page(form(rawId, rawCh, 'The card id is not a GUID.'), 400);
  }
  const card = [...ctx.st.cards.values()].find(
    (c) => c.cardId === cardId && c.dto.Status === SMARTCARD_STATUSES.Active,
  );
  if (!card) return page(form(rawId, rawCh, 'No active smart card with this card id.'), 404);
  let res: Response;
  try {
    res = createRequest({
      ...ctx,
      params: [],
      body: {
        type: 'OfflineUnblock',
        smartcard: card.dto.Uuid,
        datacollection: '[]',
        comment: 'help desk offline unblock',
      },
    });
  } catch (e) {
    return page(form(rawId, rawCh, `CM refused the OfflineUnblock request: ${(e as Error).message}`), 403);
  }
  const requestId = normalizeGuid(((await res.json()) as string).split('/').pop()!);
  const r = ctx.st.requests.get(requestId)!;
  if (r.dto.Status === REQUEST_STATUSES.Pending) {
    return page(
      `<p>OfflineUnblock request <code>${esc(requestId)}</code> waits for approval; compute the response after it is approved.</p>${form(rawId, rawCh)}`,
    );
  }
  const challenge = Buffer.from(hex, 'hex');
  const key = adminKey(ctx, card, true);
  let response: string;
  try {
    response = tdesEncrypt(key, challenge).toString('hex');
  } finally {
    key.fill(0);
  }
  r.dto.Status = REQUEST_STATUSES.Completed;
  r.dto.Completed = netUtc(ctx.now);
  ctx.o.log(`request ${requestId} OfflineUnblock completed by the help desk page`);
  return page(
    `<p>Read this response to the user (request <code>${esc(requestId)}</code>):</p><output aria-label="Response">${groups(response)}</output>${form()}`,
  );
}
