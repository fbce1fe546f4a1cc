/**
 * Entry point: locale first (so the first paint is in the right language), then the services
 * (store, configuration, CM client, card session), then the root element, then the service worker
 * (production builds only). The demo build (`vite build --mode demo`, used by `npm start`) starts
 * on the simulator; a production build waits for the user to choose a reader.
 */
// First: capture `beforeinstallprompt` before the async boot below (it fires only once).
import './ui/pwa/install-prompt';
import { Workbox } from 'workbox-window';
import { composeServices } from './compose';
import { initialLocale, setAppLocale } from './ui/i18n/locale';
import { SwUpdates } from './ui/pwa/sw-updates';
import { serviceWorkerUrl } from './ui/pwa/sw-url';
import type { AppShell } from './ui/app-shell';
import './ui/app-shell';
import { updateExpiryBadge } from './ui/pwa/expiry-badge';

async function boot(): Promise<void> {
  await setAppLocale(initialLocale());
  const demo = import.meta.env.MODE === 'demo';
  const services = await composeServices({ demo });
  const app = document.createElement('scss-app') as AppShell;
  app.services = services;
  app.connectivity = services.connectivity;
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    const updates = new SwUpdates(
      new Workbox(serviceWorkerUrl(import.meta.env.BASE_URL), { scope: import.meta.env.BASE_URL }),
    );
    app.updates = updates;
    updates.start().catch((e: unknown) => console.warn('service worker registration failed', e));
  }
  document.body.replaceChildren(app);
  if (!demo)
    services
      .autoStart()
      .catch((e: unknown) => console.warn('card bridge not started', (e as { code?: string }).code));
  // At launch: the installed app's badge counts certificates due for renewal (cached data only).
  void updateExpiryBadge(services.store, services.config.expiryWarningDays);
  if (__SIMULATOR__ && demo) {
    services
      .useProvider?.('simulator')
      .catch((e: unknown) => console.warn('simulator failed to start', (e as { code?: string }).code));
  }
}

void boot();
