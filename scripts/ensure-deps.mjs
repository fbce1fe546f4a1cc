#!/usr/bin/env node
// Pre-script of `npm start` and `npm test`: makes a clean clone self-sufficient.
// Installs npm dependencies when node_modules is missing or older than package-lock.json
// (a pull that changed the lock must reinstall). Uses `npm ci` so the lock is honoured exactly.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(
    `Node ${process.versions.node} is too old: install Node.js 20 or newer (https://nodejs.org).`,
  );
  process.exit(1);
}

// npm writes node_modules/.package-lock.json on every install; its mtime says when we last installed.
const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs - 1000;

if (stale) {
  console.info(
    '[ensure-deps] installing npm dependencies (node_modules missing or older than package-lock.json)…',
  );
  // --no-audit/--no-fund: no network calls beyond the registry; CI machines are offline otherwise.
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(
      '[ensure-deps] `npm ci` failed; see the output above (network access to the npm registry is needed once).',
    );
    process.exit(r.status ?? 1);
  }
}
