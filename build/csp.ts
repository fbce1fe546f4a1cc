/**
 * Content-Security-Policy for dev and preview responses (and the reference for IIS deployment).
 * `script-src 'self'` with no inline scripts, `object-src 'none'`, `base-uri 'none'`: the app must
 * run under it, and the e2e tier counts violations. Lit styles use constructable stylesheets,
 * which style-src does not govern, so production needs no 'unsafe-inline' for styles.
 */
import type { Connect, Plugin } from 'vite';

export function contentSecurityPolicy(mode: 'dev' | 'preview'): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Vite's dev server injects CSS as <style> elements for HMR; the built app does not.
    mode === 'dev' ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    // Dev: Vite's HMR websocket. Both: the CM API, same origin by default (cross-origin CM hosts are
    // added by the deployment's own CSP, see README "Deployment"), and the local card bridge on its
    // default port (socket and /probe; a deployment with another bridgePort lists that port).
    mode === 'dev'
      ? "connect-src 'self' ws: wss: http://127.0.0.1:47653"
      : "connect-src 'self' ws://127.0.0.1:47653 http://127.0.0.1:47653",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

function middleware(mode: 'dev' | 'preview'): Connect.NextHandleFunction {
  const csp = contentSecurityPolicy(mode);
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}

/** Vite plugin adding the CSP (and two cheap hardening headers) to every dev/preview response. */
export function cspPlugin(): Plugin {
  return {
    name: 'scss-csp',
    configureServer(server) {
      server.middlewares.use(middleware('dev'));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware('preview'));
    },
  };
}
