#!/usr/bin/env node
// `npm run audit`: Lighthouse scores (Performance, Accessibility, Best Practices, SEO) of the
// built app served by `vite preview`, in the system Chromium. Lighthouse is fetched by npx on
// first use (pinned version) rather than installed for everyone: it is large and only this
// script needs it. Figures are printed, not asserted.
import { spawn, spawnSync } from 'node:child_process';
import { preview } from 'vite';
import { readFileSync, mkdirSync } from 'node:fs';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';
import './vite-env.mjs';

const LIGHTHOUSE = 'lighthouse@13.5.0';
const PORT = 4179;

const build = spawnSync(process.execPath, ['scripts/vite.mjs', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// In-process preview (Vite's API) so the server always goes away with this script; a spawned
// `npx vite preview` left its child running on the port once and Lighthouse audited that one.
const server = await preview({ logLevel: 'warn', preview: { port: PORT, strictPort: true } });
mkdirSync('.lighthouse', { recursive: true });
try {
  // Asynchronous on purpose: the preview server lives in this process and must keep answering.
  const status = await new Promise((resolve) => {
    const child = spawn(
      'npx',
      [
        '--yes',
        LIGHTHOUSE,
        `http://localhost:${PORT}/`,
        '--quiet',
        '--output=json',
        '--output-path=.lighthouse/report.json',
        `--chrome-flags=${CHROME_ARGS.join(' ')}`,
        '--only-categories=performance,accessibility,best-practices,seo',
      ],
      { stdio: 'inherit', env: { ...process.env, CHROME_PATH: findChrome() } },
    );
    child.on('exit', (code) => resolve(code ?? 1));
  });
  if (status !== 0) process.exit(status);
  const report = JSON.parse(readFileSync('.lighthouse/report.json', 'utf8'));
  for (const [id, cat] of Object.entries(report.categories)) {
    console.log(`${cat.title.padEnd(16)} ${Math.round(cat.score * 100)}   (${id})`);
  }
  const failed = Object.values(report.audits).filter(
    (a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative',
  );
  if (failed.length) console.log('\nAudits below 90:', failed.map((a) => a.id).join(', '));
} finally {
  await server.close();
}
