/**
 * A private pcscd for tests: a real pcsc-lite daemon with one vsmartcard `vpcd` reader, isolated
 * so a system pcscd is never touched.
 *
 * Why a mount namespace: pcsc-lite 1.9.x ignores PCSCLITE_CSOCK_NAME in the daemon (only the client
 * library honours it) and always binds /run/pcscd/pcscd.comm, unlinking a socket already there. So
 * pcscd runs under `unshare -m` with a private directory bind-mounted on /run/pcscd (or, when the
 * host has no /run/pcscd to mount on, a private directory on /run holding pcscd/). Inside the
 * namespace pcscd sees /run/pcscd; on the host that same directory is an ordinary directory under
 * our temp dir, so clients outside the namespace reach the daemon with
 * `PCSCLITE_CSOCK_NAME=<tmp>/run/pcscd/pcscd.comm` (see `env`). Nothing is created in the host's /run.
 *
 * Reader: a reader.conf entry in a private `--config` directory (pcscd -c), `DEVICENAME
 * /dev/null:<port>` and `CHANNELID <port>` — vpcd listens on that TCP port for a card (see
 * vpcd-card-server.ts). vpcd exposes two slots on `port` and `port + 1`; both are chosen free.
 * Debian's driver: /usr/lib/pcsc/drivers/serial/libifdvpcd.so (package vsmartcard-vpcd).
 *
 * API (also used by the card bridge tests):
 *
 *   const pcscd = await startPcscd();           // bounded wait until the socket exists
 *   pcscd.env                                   // { PCSCLITE_CSOCK_NAME } for child processes
 *   pcscd.port                                  // vpcd's port for VpcdCardServer
 *   pcscd.log()                                 // pcscd's stdout/stderr so far (for failures)
 *   await pcscd.stop();                         // SIGTERM (then SIGKILL), removes the temp dir
 *
 * `pcscPrerequisites()` says which of the needed programs are missing (see scripts/pcsc-deps.mjs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const OPENSC_PKCS11 = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';

export interface Pcscd {
  readonly port: number;
  readonly socketPath: string;
  readonly env: { PCSCLITE_CSOCK_NAME: string };
  /** Name of vpcd's first slot as PC/SC lists it. */
  readonly readerName: string;
  log(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Why 10 s: pcscd starts in well under a second, but a loaded 2-core CI box can stall it. */
  readyTimeoutMs?: number;
  /** Run pcscd with --debug --apdu (verbose log, for diagnosing a failing check). */
  debug?: boolean;
}

/** Programs the tier needs; returns those not found on PATH / disk. */
export function pcscPrerequisites(): string[] {
  const missing: string[] = [];
  for (const p of [
    'pcscd',
    'unshare',
    'pkcs15-tool',
    'pkcs11-tool',
    'gids-tool',
    'piv-tool',
    'yubico-piv-tool',
    'openssl',
  ]) {
    if (spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0) missing.push(p);
  }
  if (!existsSync(VPCD_DRIVER)) missing.push(VPCD_DRIVER);
  if (!existsSync(OPENSC_PKCS11)) missing.push(OPENSC_PKCS11);
  return missing;
}

/** A TCP port p with p and p + 1 free on 127.0.0.1 (vpcd binds both). */
async function freePortPair(): Promise<number> {
  const probe = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
  for (let i = 0; i < 20; i++) {
    const p = await probe(0);
    if (p >= 65535) continue;
    try {
      await probe(p + 1);
      return p;
    } catch {
      // p + 1 taken: try another pair
    }
  }
  throw new Error('no free TCP port pair for vpcd');
}

/** Starts pcscd in a private mount namespace with a vpcd reader; resolves when clients can connect. */
export async function startPcscd(opts: StartOptions = {}): Promise<Pcscd> {
  const dir = mkdtempSync(join(tmpdir(), 'pcscd-test-'));
  const run = join(dir, 'run');
  const sockDir = join(run, 'pcscd');
  const conf = join(dir, 'reader.conf.d');
  mkdirSync(sockDir, { recursive: true });
  mkdirSync(conf);
  const port = await freePortPair();
  writeFileSync(
    join(conf, 'vpcd'),
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:${port}\nLIBPATH ${VPCD_DRIVER}\nCHANNELID ${port}\n`,
  );
  // Bind on /run/pcscd when the host has it; else bind our run/ over /run (only in this namespace).
  const bind = existsSync('/run/pcscd')
    ? `mount --bind '${sockDir}' /run/pcscd`
    : `mount --bind '${run}' /run`;
  const flags = opts.debug ? '--debug --apdu' : '';
  const script = `set -e; mount --make-rprivate /; ${bind}; exec pcscd --foreground --config '${conf}' ${flags}`;
  const child: ChildProcess = spawn('unshare', ['-m', 'sh', '-c', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  let exited: number | null | undefined;
  const exit = new Promise<void>((r) => child.once('exit', (code) => ((exited = code), r())));

  const socketPath = join(sockDir, 'pcscd.comm');
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      // Why 5 s: pcscd closes its readers (vpcd sockets) on SIGTERM; it never needs longer.
      const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 10_000);
  // pcscd starts the reader.conf readers (vpcd then listens) before it creates its socket.
  while (!existsSync(socketPath)) {
    if (exited !== undefined || Date.now() > deadline) {
      await stop();
      throw new Error(
        `pcscd did not come up (${exited !== undefined ? `exit ${exited}` : 'timeout'}):\n${out}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    socketPath,
    env: { PCSCLITE_CSOCK_NAME: socketPath },
    readerName: 'Virtual PCD 00 00',
    log: () => out,
    stop,
  };
}
