/**
 * A private pcscd (mount namespace, as test/pcsc/pcscd-harness.ts explains) that can be stopped
 * and started again on the same socket path and vpcd port — what a user sees when pcscd restarts
 * (package upgrade, systemd restart) while the bridge runs. test/pcsc's harness removes its
 * directory on stop, so a restart there would move the socket; this one keeps it until `dispose`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VPCD_DRIVER } from '../../../test/pcsc/pcscd-harness';

export interface RestartablePcscd {
  readonly port: number;
  readonly env: { PCSCLITE_CSOCK_NAME: string };
  readonly readerName: string;
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
  log(): string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** A free port p (with p + 1 free too, vpcd's second slot); retries a few times. */
export async function freePortPair(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const p = await freePort();
    const ok = await new Promise<boolean>((r) => {
      const s = createServer();
      s.once('error', () => r(false));
      s.listen(p + 1, '127.0.0.1', () => s.close(() => r(true)));
    });
    if (ok && p < 65535) return p;
  }
  throw new Error('no free port pair');
}

export async function restartablePcscd(): Promise<RestartablePcscd> {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-pcscd-'));
  const sockDir = join(dir, 'run', 'pcscd');
  const conf = join(dir, 'reader.conf.d');
  mkdirSync(sockDir, { recursive: true });
  mkdirSync(conf);
  const port = await freePortPair();
  writeFileSync(
    join(conf, 'vpcd'),
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:${port}\nLIBPATH ${VPCD_DRIVER}\nCHANNELID ${port}\n`,
  );
  const socketPath = join(sockDir, 'pcscd.comm');
  let child: ChildProcess | undefined;
  let exit: Promise<void> = Promise.resolve();
  let out = '';

  const stop = async () => {
    const c = child;
    if (!c) return;
    child = undefined;
    c.kill('SIGTERM');
    // Why 5 s: pcscd closes its readers on SIGTERM within milliseconds; SIGKILL only if wedged.
    const t = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(t);
    rmSync(socketPath, { force: true });
  };

  const start = async () => {
    if (child) return;
    const bind = existsSync('/run/pcscd')
      ? `mount --bind '${sockDir}' /run/pcscd`
      : `mount --bind '${join(dir, 'run')}' /run`;
    const script = `set -e; mount --make-rprivate /; ${bind}; exec pcscd --foreground --config '${conf}'`;
    const c = spawn('unshare', ['-m', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    let exited = false;
    exit = new Promise((r) => c.once('exit', () => ((exited = true), r())));
    child = c;
    // Why 10 s: pcscd is up in well under a second; a loaded 2-core CI box can stall it.
    const deadline = Date.now() + 10_000;
    while (!existsSync(socketPath)) {
      if (exited || Date.now() > deadline) {
        await stop();
        throw new Error(`pcscd did not come up:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  await start();
  return {
    port,
    env: { PCSCLITE_CSOCK_NAME: socketPath },
    readerName: 'Virtual PCD 00 00',
    get running() {
      return child !== undefined;
    },
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => out,
  };
}
