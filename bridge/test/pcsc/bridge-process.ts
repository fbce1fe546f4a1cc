/**
 * Runs the bridge as a child process — from source (`tsx bridge/src/main.ts`) or, when
 * BRIDGE_BIN names it, the single executable `npm run build:bridge` made — against a given pcscd.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freePortPair } from './restartable-pcscd';

export interface BridgeProcess {
  readonly port: number;
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
  /** Resolves when the output contains `text` (bounded). */
  waitFor(text: string, ms?: number): Promise<void>;
}

export async function startBridge(
  env: Record<string, string>,
  origins: string[],
  extra: string[] = [],
  fixedPort?: number,
): Promise<BridgeProcess> {
  const port = fixedPort ?? (await freePortPair());
  const args = ['--port', String(port), ...origins.flatMap((o) => ['--allow-origin', o]), ...extra];
  const bin = process.env.BRIDGE_BIN;
  const child: ChildProcess = bin
    ? spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, ['--import', 'tsx', 'bridge/src/main.ts', ...args], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let out = '';
  const waiters: { text: string; done: () => void }[] = [];
  const onData = (d: Buffer) => {
    out += d;
    for (const w of [...waiters]) {
      if (!out.includes(w.text)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.done();
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = once(child, 'exit');
  const waitFor = (text: string, ms = 15_000) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(text)) return resolve();
      const t = setTimeout(() => reject(new Error(`bridge never printed "${text}":\n${out}`)), ms);
      waiters.push({
        text,
        done: () => {
          clearTimeout(t);
          resolve();
        },
      });
    });
  // Why 15 s: tsx compiles the bridge on first start; on a loaded CI box that takes seconds.
  await waitFor('listening on 127.0.0.1');
  return {
    port,
    url: `ws://127.0.0.1:${port}/`,
    output: () => out,
    waitFor,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
