/**
 * The service worker's script URL as a `TrustedScriptURL` where Trusted Types are enforced (the
 * IWA's CSP has `require-trusted-types-for 'script'`, and `ServiceWorkerContainer.register` is a
 * script-URL sink). The policy admits exactly the app's own worker and nothing else; elsewhere the
 * plain string is returned.
 */
interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): { createScriptURL(input: string): unknown };
}

/** `${base}sw.js`, wrapped by the `scss-sw-url` policy when the browser has Trusted Types. */
export function serviceWorkerUrl(base: string): string {
  const url = `${base}sw.js`;
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return url;
  const policy = tt.createPolicy('scss-sw-url', {
    createScriptURL: (input) => {
      if (input !== url) throw new TypeError(`scss-sw-url only admits ${url}`);
      return input;
    },
  });
  // A TrustedScriptURL; workbox-window passes it straight to register(), which accepts it.
  return policy.createScriptURL(url) as string;
}
