#!/usr/bin/env node
// `npm run test:pcsc`: the real-middleware tier (docs/testing-pcsc.md). The project's virtual
// cards, enrolled by the project's flows, are served over vpcd to a private pcscd and read by
// OpenSC, yubico-piv-tool and openssl.
//
// Needs Debian's pcscd, vsmartcard-vpcd, opensc, yubico-piv-tool (and pcsc-tools for debugging)
// plus `unshare -m` (root / CAP_SYS_ADMIN) to keep the test pcscd off the system's socket.
// As root on Debian/Ubuntu it installs missing packages with apt-get, like find-chrome.mjs does
// for Chromium, and then the tier must pass. Only when not root and something is missing does it
// print what to install and skip — with that reason, never silently.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const PACKAGES = ['pcscd', 'vsmartcard-vpcd', 'opensc', 'yubico-piv-tool', 'pcsc-tools', 'libpcsclite-dev'];
const PROGRAMS = [
  'pcscd',
  'unshare',
  'pkcs15-tool',
  'pkcs11-tool',
  'gids-tool',
  'piv-tool',
  'yubico-piv-tool',
  'openssl',
];
const FILES = ['/usr/lib/pcsc/drivers/serial/libifdvpcd.so', '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so'];

const isRoot = process.getuid?.() === 0;
const has = (p) => spawnSync('sh', ['-c', `command -v ${p}`]).status === 0;
const missing = () => [...PROGRAMS.filter((p) => !has(p)), ...FILES.filter((f) => !existsSync(f))];

function isDebianLike() {
  try {
    return /^(ID|ID_LIKE)=.*(debian|ubuntu)/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function skip(reason) {
  console.info(`[test:pcsc] SKIPPED: ${reason}`);
  process.exit(0);
}

if (process.platform !== 'linux')
  skip(`the tier needs Linux (pcscd, mount namespaces); this is ${process.platform}.`);

if (missing().length) {
  if (!isRoot || !isDebianLike()) {
    skip(
      `missing ${missing().join(', ')}. Install them with\n` +
        `  sudo apt-get install ${PACKAGES.join(' ')}\n` +
        'and run `npm run test:pcsc` again (as root, npm test installs them itself).',
    );
  }
  console.info(`[test:pcsc] installing Debian packages: ${PACKAGES.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...PACKAGES], {
      stdio: 'inherit',
      env,
    });
  if (install().status !== 0) {
    // A fresh machine may have empty package lists; refresh once and retry.
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    install();
  }
  if (missing().length) {
    console.error(`[test:pcsc] still missing after apt-get: ${missing().join(', ')}`);
    process.exit(1);
  }
  // Debian starts the system pcscd on install (socket activation); the tier never uses it.
}

// The test pcscd runs in its own mount namespace; without the privilege for it there is no safe way.
const ns = spawnSync('unshare', ['-m', 'true'], { encoding: 'utf8' });
if (ns.status !== 0) {
  const why = `\`unshare -m\` is not permitted here (${(ns.stderr || '').trim() || `exit ${ns.status}`}); the tier needs root or CAP_SYS_ADMIN.`;
  if (!isRoot) skip(why);
  console.error(`[test:pcsc] ${why}`);
  process.exit(1);
}

const t0 = Date.now();
const r = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/pcsc/vitest.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
console.info(`[test:pcsc] finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(r.status ?? 1);
