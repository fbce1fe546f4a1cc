#!/usr/bin/env node
// Runs every test/e2e/*.e2e.ts file with node:test (through tsx), one file at a time: each file
// starts its own preview server and browser, and two browsers at once would starve a 2-core CI.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const files = readdirSync('test/e2e')
  .filter((f) => f.endsWith('.e2e.ts'))
  .sort()
  .map((f) => `test/e2e/${f}`);
if (files.length === 0) {
  console.error('no e2e files found');
  process.exit(1);
}
const r = spawnSync('tsx', ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
