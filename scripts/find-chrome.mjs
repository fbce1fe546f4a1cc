// Finds a Chromium/Chrome binary for the browser and e2e tiers. No test tool may download its
// own browser (offline CI, reproducibility), so we use the system one — and install Debian's
// `chromium` package when we are root on Debian/Ubuntu and nothing is there.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function isDebianLike() {
  try {
    return /^(ID|ID_LIKE)=.*(debian|ubuntu)/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** Returns the path of a usable Chromium; installs one with apt-get as root on Debian/Ubuntu. */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but that file does not exist.`);
  }
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  for (const n of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const p = which(n);
    if (p) return p;
  }
  if (process.getuid?.() === 0 && isDebianLike()) {
    console.info(
      '[find-chrome] no Chromium found; installing Debian/Ubuntu package `chromium` with apt-get…',
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
    if (r.status !== 0) {
      // A fresh machine may have empty package lists; refresh once and retry.
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
      r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
        stdio: 'inherit',
        env,
      });
    }
    for (const c of CANDIDATES) if (existsSync(c)) return c;
  }
  throw new Error(
    'No Chromium or Chrome found. Install one, e.g. `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      'or set CHROME_PATH to the browser binary. The test tools never download a browser themselves.',
  );
}

/** Flags for headless Chromium on CI machines (root, no GPU, closed network). */
export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
