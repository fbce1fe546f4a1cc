/**
 * The URL path the app is served under. `BASE_PATH=/selfservice/ npm run build` builds for
 * `https://host/selfservice/`: Vite prefixes every asset URL with it, and the manifest, the
 * service-worker scope, the router and web.config follow (README "Deployment").
 */

/** Normalises a base path to `/a/b/` form; empty or undefined means the host root `/`. */
export function normaliseBasePath(raw: string | undefined): string {
  const t = (raw ?? '').trim();
  if (t === '' || t === '/') return '/';
  if (!/^\/?[A-Za-z0-9._~\-/]+\/?$/.test(t) || t.includes('..') || t.includes('//')) {
    throw new Error(`BASE_PATH must be a plain URL path such as /selfservice/, got "${raw}"`);
  }
  return `/${t.replace(/^\/+|\/+$/g, '')}/`;
}
