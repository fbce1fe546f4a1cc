#!/usr/bin/env node
// `npm run check`: the quick loop before a commit — typecheck, lint (eslint with the layer rules,
// and the citation check), prettier --check on the files changed since the last commit (staged,
// unstaged and new), and the unit tier. Stops at the first failing step and exits with its code.
// The slow tiers (pcsc, bridge, browser, e2e) stay in `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Files prettier knows how to format among those changed since HEAD (deleted ones left out). */
function changedFiles() {
  const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).split('\0').filter(Boolean);
  const files = new Set([
    ...git('diff', '--name-only', '-z', 'HEAD'),
    ...git('ls-files', '--others', '--exclude-standard', '-z'),
  ]);
  return [...files].filter((f) => existsSync(f) && /\.(ts|mts|js|mjs|json|md|css|html|ya?ml)$/.test(f));
}

function run(label, cmd, args) {
  console.info(`\n[check] ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) {
    console.error(`[check] ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
run('typecheck', npm, ['run', '--silent', 'typecheck']);
run('lint', npm, ['run', '--silent', 'lint']);
const changed = changedFiles();
if (changed.length)
  run(`prettier --check (${changed.length} changed files)`, 'npx', ['prettier', '--check', ...changed]);
else console.info('\n[check] prettier: no changed files');
run('unit tier', 'npx', ['vitest', 'run']);
console.info('\n[check] all passed');
