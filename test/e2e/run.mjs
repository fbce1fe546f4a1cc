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
// Node itself runs the tests; tsx is loaded as a module hook, so no PATH lookup is involved.
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
  {
    stdio: 'inherit',
  },
);
if (r.error) console.error(`could not start the e2e runner: ${r.error.message}`);
process.exit(r.status ?? 1);
