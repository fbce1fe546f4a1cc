/**
 * Running the middleware programs (OpenSC, yubico-piv-tool, openssl) against the private pcscd.
 *
 * Always asynchronous: the virtual card is served from this very Node process (vpcd-card-server.ts),
 * so a blocking spawnSync would stall the card and deadlock pcscd until the tool times out.
 *
 *   const world = await pcscWorld();            // pcscd + card server, one per test file
 *   await world.server.insert(card);
 *   const r = await world.tool('pkcs15-tool', ['-D']);   // { code, stdout, stderr }; never throws
 *   await world.stop();
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPcscd, type Pcscd } from './pcscd-harness';
import { VpcdCardServer } from './vpcd-card-server';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for assertion messages. */
  all: string;
}

export interface ToolOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  /** Extra environment variables (added to the pcscd socket variable). */
  env?: NodeJS.ProcessEnv;
}

export interface PcscWorld {
  pcscd: Pcscd;
  server: VpcdCardServer;
  /** A scratch directory for files the tools read or write (removed by stop). */
  dir: string;
  tool(cmd: string, args: string[], opts?: ToolOptions): Promise<ToolResult>;
  /** Resolves once a PC/SC client sees the inserted card as present (see `cardSeen`). */
  cardSeen(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `cmd` with the private pcscd's socket in its environment. Why 30 s: OpenSC's slowest
 * operation here (pkcs15-tool -D reading every file of a GIDS card) takes ~1 s; 30 s catches a hang.
 */
export function runTool(
  env: NodeJS.ProcessEnv,
  cmd: string,
  args: string[],
  opts: ToolOptions = {},
): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      {
        env: { ...env, ...opts.env },
        timeout: opts.timeoutMs ?? 30_000,
        encoding: 'buffer',
        maxBuffer: 16 << 20,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : err.killed ? -1 : 1) : 0;
        const out = stdout.toString('utf8');
        const errText = stderr.toString('utf8') + (err?.killed ? `\n[killed after timeout: ${cmd}]` : '');
        resolve({
          code,
          stdout: out,
          stderr: errText,
          all: `$ ${cmd} ${args.join(' ')}\n${out}\n${errText}`,
        });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** How many of a tool's last APDUs an assertion message shows. */
const APDU_TAIL = 12;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Starts pcscd (private namespace) and a card server on its vpcd port; no card inserted yet. */
export async function pcscWorld(): Promise<PcscWorld> {
  const pcscd = await startPcscd();
  const server = new VpcdCardServer({ port: pcscd.port });
  const dir = mkdtempSync(join(tmpdir(), 'pcsc-tier-'));
  // OPENSC_CONF unset on purpose: Debian's /etc/opensc/opensc.conf, as a workstation has it.
  const env = { ...process.env, ...pcscd.env };
  return {
    pcscd,
    server,
    dir,
    async tool(cmd, args, opts) {
      const n = server.exchanges.length;
      const r = await runTool(env, cmd, args, opts);
      // The card's side of the conversation, for assertion messages: the last APDUs this tool sent.
      const seen = server.exchanges.slice(n).slice(-APDU_TAIL);
      const apdus = seen.map((x) => `> ${hex(x.command)}\n< ${hex(x.response)}`).join('\n');
      return {
        ...r,
        all: `${r.all}\n[card: ${server.exchanges.length - n} APDUs, last ${seen.length}]\n${apdus}`,
      };
    },
    async cardSeen(timeoutMs = 10_000) {
      // Why poll after the power-on: pcscd powers the card and reads its ATR (which the card server
      // sees) before it publishes SCARD_STATE_PRESENT to clients; a tool started in between fails
      // SCardConnect with "no smart card" and sends no APDU. `opensc-tool -l` only reads the reader
      // states (SCardGetStatusChange, timeout 0), so it neither connects nor changes the card.
      // Why 100 ms steps and 10 s: pcscd publishes within milliseconds; 10 s catches a lost card.
      await server.waitForPowerOn(timeoutMs);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await runTool(env, 'opensc-tool', ['-l']);
        if (/^\s*\d+\s+Yes\s/m.test(r.stdout)) return;
        if (Date.now() > deadline) throw new Error(`pcscd does not report the card present:\n${r.all}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    },
    async stop() {
      await server.close();
      await pcscd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PEM (one or more blocks) → DER of the first block. */
export function pemToDer(pem: string): Uint8Array {
  const m = /-----BEGIN [^-]+-----([\s\S]+?)-----END [^-]+-----/.exec(pem);
  if (!m) throw new Error(`no PEM block in:\n${pem}`);
  return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

/** DER certificate → PEM text (for openssl). */
export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.replace(/\n$/, '')}\n-----END ${label}-----\n`;
}
