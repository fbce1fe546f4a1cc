// Runs the bridge's real-PC/SC tier. Needs pcscd, unshare and the vsmartcard vpcd driver (Debian
// packages pcscd, vsmartcard-vpcd, libpcsclite1); installs them with apt-get when missing and we
// are root (CI), else says what to install and fails — a tier that silently skips proves nothing.
// Runs the tests twice: the bridge from source, then the single executable build:bridge makes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const VPCD = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = () => [...['pcscd', 'unshare'].filter((c) => !has(c)), ...(existsSync(VPCD) ? [] : [VPCD])];

if (missing().length) {
  if (process.getuid?.() !== 0) {
    console.error(`missing: ${missing().join(', ')} — apt-get install pcscd vsmartcard-vpcd libpcsclite1`);
    process.exit(1);
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update'],
    ['install', '-y', '--no-install-recommends', 'pcscd', 'vsmartcard-vpcd', 'libpcsclite1', 'util-linux'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  if (missing().length) {
    console.error(`still missing after apt-get: ${missing().join(', ')}`);
    process.exit(1);
  }
}

const vitest = (env) =>
  spawnSync(
    'npx',
    ['vitest', 'run', '--config', 'bridge/test/pcsc/vitest.config.ts', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    },
  ).status ?? 1;

console.info('card bridge over pcscd: from source');
if (vitest({}) !== 0) process.exit(1);
const built = spawnSync('npm', ['run', '-s', 'build:bridge'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const exe = `${process.cwd()}/bridge/dist/smartcard-bridge${process.platform === 'win32' ? '.exe' : ''}`;
console.info(`card bridge over pcscd: the built executable ${exe}`);
process.exit(vitest({ BRIDGE_BIN: exe }));
