#!/usr/bin/env node
// `npm run bench`: runs every benchmark in test/bench/ (TypeScript through tsx) one after the
// other and lets each print its figures. Benchmarks never assert timings.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const dir = 'test/bench';
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => /\.(ts|mjs)$/.test(f))
      .sort()
  : [];
if (files.length === 0) {
  console.log('no benchmarks yet (test/bench/ is empty)');
  process.exit(0);
}
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync('npx', ['tsx', `${dir}/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
// Benchmark failures are crashes, not slow figures.
process.exit(failed ? 1 : 0);
