/**
 * Web app manifest (W3C "Web Application Manifest").
 * `id` is stable: enterprise policies (WebAppSettings) key on it, so never change it. For a
 * deployment below a path (`BASE_PATH=/selfservice/`) use {@link manifestFor}: start URL, scope
 * and id follow the base, so two apps on one host never share an id or a scope.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#0b3d91';

export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Smartcard Self-Service',
  short_name: 'Smartcard',
  description:
    'Smartcard selbst verwalten: vorgeschlagene PIN abrufen, PIN entsperren, Karte registrieren – ' +
    'direkt im Browser, mit MIM Certificate Management.',
  lang: 'de',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOR,
  background_color: '#ffffff',
  categories: ['business', 'productivity', 'utilities'],
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  // One window only: two instances would fight over one card reader.
  launch_handler: { client_mode: 'focus-existing' },
};

/** The manifest for an app served below `base` (Vite `base`, with leading and trailing slash). */
export function manifestFor(base: string): Partial<ManifestOptions> {
  return { ...manifest, id: base, start_url: base, scope: base };
}
