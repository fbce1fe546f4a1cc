/**
 * The shell's header: the app's name, the main menu, connectivity, install and language. The menu
 * lists the route table's entries that carry a menu label (routes.ts), in table order, the current
 * one marked `aria-current="page"` (WCAG 2.4.8). Rendered inside the shell's shadow root, so its
 * styles are exported for the shell to adopt.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { Connectivity } from '../../net/connectivity';
import { hrefOf } from '../router';
import { ROUTE_TABLE, type Route } from '../routes';
import './install-button';
import './lang-switch';
import './offline-indicator';

export const headerStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem 1rem;
    padding: 0.5rem 1rem;
    background: var(--c-brand);
    color: var(--c-brand-contrast);
  }
  .brand {
    font-weight: 700;
    font-size: 1.15rem;
    margin-right: auto;
  }
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
function mainNav(current: Route): TemplateResult {
  return html`<nav class="main" aria-label=${msg('Hauptmenü', { id: 'shell.nav' })}>
    ${ROUTE_TABLE.map((r) =>
      'nav' in r
        ? html`<a href=${hrefOf(r.path)} aria-current=${current === r.path ? 'page' : nothing}>${r.nav()}</a>`
        : nothing,
    )}
  </nav>`;
}

/** The header with the menu for `route` and the connectivity shown in words. */
export function appHeader(route: Route, connectivity: Connectivity | undefined): TemplateResult {
  return html`<header>
    <span class="brand">Smartcard Self-Service</span>
    ${mainNav(route)}
    <scss-offline-indicator .connectivity=${connectivity}></scss-offline-indicator>
    <scss-install-button></scss-install-button>
    <scss-lang-switch></scss-lang-switch>
  </header>`;
}
