import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspPlugin } from './build/csp.ts';
import { manifestFor } from './build/manifest.ts';
import { normaliseBasePath } from './build/base-path.ts';
import { webConfigPlugin } from './build/web-config.ts';
import { cmEmulatorPlugin } from './emulator/vite-plugin';

/**
 * Modes that bundle the simulator (`src/sim/`, the virtual reader and cards): the demo build
 * (`npm start`, the e2e tier), the dev server and tests. Every other mode — `vite build`
 * (production) and `npm run build:iwa` — compiles `__SIMULATOR__` to `false`, so the bundler drops
 * the registry's dynamic import of the simulator and every simulator text.
 */
export const SIMULATOR_MODES = ['demo', 'development', 'test'];

// One config for dev, build and preview. The PWA plugin runs in injectManifest mode so the
// service worker is our own code (src/sw.ts) with a precache list injected at build time.
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// `BASE_PATH=/selfservice/ npm run build` serves the app from https://host/selfservice/ (README).
const base = normaliseBasePath(process.env.BASE_PATH);

export default defineConfig(({ mode }) => ({
  base,
  define: {
    __SIMULATOR__: JSON.stringify(SIMULATOR_MODES.includes(mode)),
    // The support bundle names the app version (src/ui/app-shell.ts).
    'import.meta.env.APP_VERSION': JSON.stringify(version),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Size is reported by `npm run size`; the warning is noise next to that figure.
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
  plugins: [
    cspPlugin(),
    webConfigPlugin(),
    cmEmulatorPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      // We register with workbox-window ourselves (src/ui/pwa/sw-updates.ts) to own the prompt.
      injectRegister: false,
      manifest: manifestFor(base),
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,txt}'],
        // Source maps are for developers, not for the offline shell.
        globIgnores: ['**/*.map'],
      },
      devOptions: { enabled: false },
    }),
  ],
}));
