/**
 * Path routing for the single-page app. Views are real paths (`/pin`, `/cards`, …) so links can be
 * bookmarked and opened in a new tab; the service worker serves index.html for every navigation,
 * so deep links work offline too. In-app link clicks become `history.pushState`. Which paths
 * exist is the route table's (routes.ts).
 */
import { ROUTES, routeEntry, type Route } from './routes';

export { ROUTES, type Route };

/** The app's base path (Vite `base`); `/` where Vite did not build the code (component tests). */
export const APP_BASE: string = import.meta.env?.BASE_URL ?? '/';

/** The link target of a route below the app's base (`/cards` → `/selfservice/cards`). */
export function hrefOf(route: Route, base: string = APP_BASE): string {
  return base + route.slice(1);
}

/** The route for a path below the app's base; unknown paths show the home view. */
export function routeOf(pathname: string, base = '/'): Route {
  const rel = '/' + pathname.slice(base.length).replace(/\/+$/, '');
  return (ROUTES as readonly string[]).includes(rel) ? (rel as Route) : '/';
}

/**
 * Calls `onNavigate` for clicks on same-origin links inside `root` (through shadow roots, via the
 * composed path) and for back/forward; returns a function that stops listening. `canLeave` may
 * veto leaving the current view (a flow in progress asks first); a vetoed Back puts the URL back.
 */
export function interceptLinks(
  root: HTMLElement,
  onNavigate: (route: Route) => void,
  base = '/',
  canLeave: () => boolean = () => true,
): () => void {
  let here = location.pathname + location.search;
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(base)) return;
    e.preventDefault();
    if (url.pathname + url.search !== here && !canLeave()) return;
    here = url.pathname + url.search;
    history.pushState(null, '', here);
    onNavigate(routeOf(url.pathname, base));
  };
  const onPop = () => {
    if (!canLeave()) {
      history.pushState(null, '', here); // the browser moved the URL already: stay on this view
      return;
    }
    here = location.pathname + location.search;
    onNavigate(routeOf(location.pathname, base));
  };
  root.addEventListener('click', onClick);
  window.addEventListener('popstate', onPop);
  return () => {
    root.removeEventListener('click', onClick);
    window.removeEventListener('popstate', onPop);
  };
}

/**
 * Loads the code of a route's view on first use (one lazy chunk per view, see routes.ts), so the
 * initial load carries only the shell and home; the custom element upgrades itself when its
 * module arrives.
 */
export function loadView(route: Route): Promise<unknown> {
  return routeEntry(route).load();
}
