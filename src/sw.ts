/// <reference lib="webworker" />
/**
 * Service worker (workbox, injectManifest). Precaches the app shell, serves index.html for
 * navigations so deep links work offline, and deletes caches of older versions.
 *
 * It NEVER caches or intercepts the CM API (`/CertificateManagement/api/`): no route matches it
 * and the navigation route deny-lists it, so those requests go straight to the network. Card
 * responses, PINs and keys therefore can never land in Cache Storage (docs/architecture.md "Secrets").
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare let self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

/** Paths the worker must leave to the network, whatever the request mode. */
const NETWORK_ONLY = [/^\/CertificateManagement\//];

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: NETWORK_ONLY }));

// Prompt mode: a new worker waits until the user chooses "reload" (workbox-window messageSkipWaiting).
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});
