/**
 * CCID driver benchmark in Chromium (prints, asserts nothing): the same bodies as test/bench/ccid.ts
 * (test/unit/ccid/bench-core.ts), bundled with esbuild and run in a headless system Chromium page,
 * so the figures include V8-in-a-page timer and scheduling behaviour rather than Node's.
 *
 *   npx tsx test/bench/ccid-chromium.ts [SAMPLES=500]
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

const SAMPLES = Number(process.argv[2] ?? 500);

// The page entry: runs the benchmark bodies and returns the printed lines.
const entry = `
import { apduOverhead, extendedThroughput, formatStats } from './test/unit/ccid/bench-core';
window.runBench = async (samples) => {
  // Why batches of 20: without cross-origin isolation Chromium rounds performance.now() to 100 µs.
  const short = await apduOverhead('short-apdu', samples, 20);
  const t1 = await apduOverhead('tpdu', samples, 20);
  const tp = await extendedThroughput(65546, 512, 10);
  return [
    formatStats('short-APDU level, 8-byte ECHO', short),
    formatStats('TPDU T=1 level,  8-byte ECHO', t1),
    '64 KiB extended READ BINARY, dwMaxCCIDMessageLength 65546, 512-byte packets: ' +
      tp.kbPerS.toFixed(0) + ' KB/s (' + tp.msPerRead.toFixed(2) + ' ms per read)',
  ];
};
`;

const bundle = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2022',
  define: { __SIMULATOR__: 'true' },
  logLevel: 'error',
});

const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS, headless: true });
try {
  const page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const version = browser.version();
  const lines = await page.evaluate(
    (n) => (window as unknown as { runBench(n: number): Promise<string[]> }).runBench(n),
    SAMPLES,
  );
  console.log(`Chromium ${version}, ${SAMPLES} samples of 20 APDUs per level after 300 warm-up`);
  for (const l of lines) console.log(l);
} finally {
  await browser.close();
}
