#!/usr/bin/env node
// Runs a command with CHROME_PATH pointing at a system Chromium (installing it when allowed).
// Usage: node scripts/with-chrome.mjs <command> [args...]
import { spawnSync } from 'node:child_process';
import { findChrome } from './find-chrome.mjs';

let chrome;
try {
  chrome = findChrome();
} catch (e) {
  console.error(`[with-chrome] ${e.message}`);
  process.exit(1);
}
const [cmd, ...args] = process.argv.slice(2);
const r = spawnSync(cmd, args, {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chrome, PUPPETEER_SKIP_DOWNLOAD: '1' },
  shell: false,
});
process.exit(r.status ?? 1);
