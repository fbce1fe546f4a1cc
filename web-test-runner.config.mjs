// Browser tier: components, IndexedDB and browser glue in the system Chromium (never a downloaded one).
// `npm run test:browser` runs this through scripts/with-chrome.mjs, which sets CHROME_PATH.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { cjsPrebundle } from './test/browser/cjs-prebundle.mjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';

import { register } from 'tsx/esm/api';

// Node-side plugins are TypeScript (they share code with the emulator): let Node load .ts files.
register();
const { startCmEmulators } = await import('./emulator/wtr-plugin.ts');
// The CM emulators on ports the OS picks now; the tests read them from __CM_PORTS__.
const cm = await startCmEmulators();

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Two cores on CI: two browser pages at a time keeps the tier quick without starving the runner.
  concurrency: 2,
  // Why: a cold Chromium on a loaded 2-core CI machine can take several seconds to start.
  browserStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    // The browser tier drives the simulator (vite.config.ts SIMULATOR_MODES).
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: './tsconfig.json',
      define: { __SIMULATOR__: 'true', __CM_PORTS__: JSON.stringify(cm.ports) },
    }),
    // The simulator's 3DES (des.js) is CommonJS; Vite pre-bundles it, so must WTR.
    cjsPrebundle(['des.js']),
    // The CM emulator on second origins (CORS off / full / faults / Windows mode) for cross-origin behaviour.
    cm.plugin,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), args: CHROME_ARGS, headless: true },
    }),
  ],
};
