/**
 * The main menu: the route table's entries that carry a menu label (routes.ts), in table order,
 * the current one marked `aria-current="page"` (WCAG 2.4.8). Rendered inside the shell's shadow
 * root, so it carries its own styles for the shell to adopt.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { hrefOf } from '../router';
import { ROUTE_TABLE, type Route } from '../routes';

export const mainNavStyles = css`
  nav.main {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  /* A label wraps as a whole, never in the middle ("Meine / Karten"). */
  nav.main a {
    color: var(--c-brand-contrast);
    padding: 0.35rem 0.5rem;
    white-space: nowrap;
  }
  nav.main a[aria-current='page'] {
    font-weight: 700;
    text-decoration-thickness: 3px;
  }
`;

/** The menu's links, the one of `current` marked as the page shown. */
export function mainNav(current: Route): TemplateResult {
  return html`<nav class="main" aria-label=${msg('Hauptmenü', { id: 'shell.nav' })}>
    ${ROUTE_TABLE.map((r) =>
      'nav' in r
        ? html`<a href=${hrefOf(r.path)} aria-current=${current === r.path ? 'page' : nothing}>${r.nav()}</a>`
        : nothing,
    )}
  </nav>`;
}
