/**
 * The route table: every view of the app in one place — its path, the custom element that shows
 * it, how its code is loaded, its title (the document title) and whether the main menu lists it.
 * The router (`router.ts`: which paths exist), the main menu (`shell/header.ts`) and the shell
 * (`app-shell.ts`: which element to render, `document.title`) all read this table; adding a view
 * means adding one entry here (CONTRIBUTING.md "How to add a view").
 */
import type { TemplateResult } from 'lit';
import { msg } from '@lit/localize';
// Static templates: the tag name comes from the table. Named apart from `html` because lit's lint
// rules would read the static tag as a binding in tag position, which plain templates forbid.
import { html as staticHtml, unsafeStatic, type StaticValue } from 'lit/static-html.js';
import type { DiagnosticsFacts } from '../flows';
import { getSupportContact } from './i18n/error-text';
import type { AppServices } from './services';

/** What the shell hands the view it renders. */
export interface ViewContext {
  services: (AppServices & EventTarget) | undefined;
  /** Reader, ATR and card lines (Diagnostics). */
  diagnostics: () => DiagnosticsFacts;
  /** The support bundle, built when the user downloads it (Diagnostics). */
  bundle: () => unknown;
}

export interface ViewRoute {
  /** The path below the app's base (`/cards` is served as `<base>cards`). */
  readonly path: string;
  /** The view's custom element; its module defines it. */
  readonly tag: string;
  /** Loads the view's module (one lazy chunk per view; home is in the first chunk already). */
  readonly load: () => Promise<unknown>;
  /** The view's title in the current language: `document.title` while it is shown. */
  readonly title: () => string;
  /** The main menu's label; views without one are reached from home or another view. */
  readonly nav?: () => string;
  /** Renders the element (`tag` as a static tag name); by default it gets only `.services`. */
  readonly render?: (tag: StaticValue, ctx: ViewContext) => TemplateResult;
}

export const ROUTE_TABLE = [
  {
    path: '/',
    tag: 'scss-home-view',
    // The shell imports home statically (first paint); this resolves to that same module.
    load: () => import('./views/home-view'),
    title: () => msg('Ihre Smartcard selbst verwalten', { id: 'home.title' }),
    nav: () => msg('Start', { id: 'shell.nav.home' }),
  },
  {
    path: '/pin',
    tag: 'scss-pin-view',
    load: () => import('./views/pin-view'),
    title: () => msg('PIN vom Zertifikatsserver', { id: 'pinview.title' }),
  },
  {
    path: '/unblock',
    tag: 'scss-unblock-view',
    load: () => import('./views/unblock-view'),
    title: () => msg('PIN entsperren', { id: 'unblock.title' }),
  },
  {
    path: '/enroll',
    tag: 'scss-enroll-view',
    load: () => import('./views/enroll-view'),
    title: () => msg('Karte registrieren', { id: 'enroll.title' }),
  },
  {
    path: '/retire',
    tag: 'scss-retire-view',
    load: () => import('./views/retire-view'),
    title: () => msg('Karte stilllegen', { id: 'retire.title' }),
  },
  {
    path: '/cards',
    tag: 'scss-cards-view',
    load: () => import('./views/cards-view'),
    title: () => msg('Meine Karten und Zertifikate', { id: 'cards.title' }),
    nav: () => msg('Meine Karten', { id: 'shell.nav.cards' }),
  },
  {
    path: '/settings',
    tag: 'scss-settings-view',
    load: () => import('./views/settings-view'),
    title: () => msg('Einstellungen', { id: 'settings.title' }),
    nav: () => msg('Einstellungen', { id: 'settings.title' }),
    render: (tag, { services: s }) =>
      staticHtml`<${tag}
        .config=${s?.config}
        .byteOrder=${s?.cardIdByteOrder ?? 'dotnet'}
        @settings-change=${(e: CustomEvent<{ key: 'cmBaseUrl' | 'cardIdByteOrder'; value: string }>) => s?.saveSetting?.(e.detail.key, e.detail.value)}
      ></${tag}>`,
  },
  {
    path: '/diagnostics',
    tag: 'scss-diagnostics-view',
    load: () => import('./views/diagnostics-view'),
    title: () => msg('Diagnose', { id: 'diag.title' }),
    nav: () => msg('Diagnose', { id: 'diag.title' }),
    render: (tag, ctx) =>
      staticHtml`<${tag}
        .log=${ctx.services?.log}
        .info=${ctx.diagnostics()}
        .supportContact=${getSupportContact()}
        .bundle=${ctx.bundle}
      ></${tag}>`,
  },
  {
    path: '/change-pin',
    tag: 'scss-change-pin-view',
    load: () => import('./views/change-pin-view'),
    title: () => msg('PIN ändern', { id: 'chpin.title' }),
  },
  {
    path: '/offline-unblock',
    tag: 'scss-offline-unblock-view',
    load: () => import('./views/offline-unblock-view'),
    title: () => msg('PIN mit dem Helpdesk entsperren', { id: 'offunblock.title' }),
  },
  {
    path: '/renew',
    tag: 'scss-renew-view',
    load: () => import('./views/renew-view'),
    title: () => msg('Zertifikate erneuern', { id: 'renew.title' }),
  },
] as const satisfies readonly ViewRoute[];

export type Route = (typeof ROUTE_TABLE)[number]['path'];

/** Every path of the app, in table order. */
export const ROUTES: readonly Route[] = ROUTE_TABLE.map((r) => r.path);

/** The table entry of a route. */
export function routeEntry(route: Route): ViewRoute {
  return ROUTE_TABLE.find((r) => r.path === route)!;
}

/** The element of a route's view, with what the shell hands it. */
export function renderRoute(route: Route, ctx: ViewContext): TemplateResult {
  const entry = routeEntry(route);
  const tag = unsafeStatic(entry.tag);
  return entry.render ? entry.render(tag, ctx) : staticHtml`<${tag} .services=${ctx.services}></${tag}>`;
}

/** The document title while a route is shown: the view's title, then the app's name. */
export function documentTitle(route: Route): string {
  return `${routeEntry(route).title()} – Smartcard Self-Service`;
}
