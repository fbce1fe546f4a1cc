/**
 * Entry point: locale first (so the first paint is in the right language), then the root element,
 * then the service worker (production builds only; dev has none, see vite.config.ts).
 */
import { Workbox } from 'workbox-window';
import { initialLocale, setAppLocale } from './ui/i18n/locale';
import { Connectivity } from './ui/connectivity';
import { SwUpdates } from './ui/pwa/sw-updates';
import type { AppShell } from './ui/app-shell';
import './ui/app-shell';

async function boot(): Promise<void> {
  await setAppLocale(initialLocale());
  const app = document.createElement('scss-app') as AppShell;
  app.connectivity = new Connectivity(window);
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    const updates = new SwUpdates(new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }));
    app.updates = updates;
    updates.start().catch((e: unknown) => console.warn('service worker registration failed', e));
  }
  document.body.replaceChildren(app);
}

void boot();
