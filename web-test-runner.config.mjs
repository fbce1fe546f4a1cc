// Browser tier: components, IndexedDB and browser glue in the system Chromium (never a downloaded one).
// `npm run test:browser` runs this through scripts/with-chrome.mjs, which sets CHROME_PATH.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, findChrome } from './scripts/find-chrome.mjs';

const extraPlugins = [];
// Engineers add WTR plugins (e.g. a second-origin CM emulator) in test/browser/plugins.mjs.
try {
  const mod = await import('./test/browser/plugins.mjs');
  extraPlugins.push(...(mod.plugins ?? []));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Two cores on CI: two browser pages at a time keeps the tier quick without starving the runner.
  concurrency: 2,
  // Why: a cold Chromium on a loaded 2-core CI machine can take several seconds to start.
  browserStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), ...extraPlugins],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChrome(), args: CHROME_ARGS, headless: true },
    }),
  ],
};
