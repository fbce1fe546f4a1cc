/**
 * @web/test-runner plugin for the browser tier: the CM emulator on *second origins*, so browser
 * tests meet real cross-origin behaviour. `corsOff` has CORS off (the CORS-failure test); `corsFull`
 * full CORS for any origin (the control that proves the failure is CORS, not the server); `faults`
 * full CORS and switchable faults for the view tests of 403 and 500 screens; `negotiate` Windows
 * mode (401 Negotiate) with full CORS; `negotiateStar` Windows mode with PAM-style static headers and
 * `Allow-Origin: *`, which credentials forbid.
 *
 * Ports are chosen by the OS (port 0) when web-test-runner.config.mjs loads, and reach the tests as
 * the build constant `__CM_PORTS__` (test/browser/cm-ports.ts): fixed ports clashed when several
 * checkouts ran the browser tier at once (EADDRINUSE).
 *
 * The fault switches are set through the test runner's own origin (`GET /__cm-faults?...`), never
 * through the CM API: the emulator's API stays exactly the documented one.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from './core';
import { listen } from './node';

/** The port of each second-origin emulator. */
export interface WtrCmPorts {
  corsOff: number;
  corsFull: number;
  faults: number;
  negotiate: number;
  negotiateStar: number;
}

/** Path on the WTR server that sets the fault emulator's switches (query: forbidSensitive, force500, renewApprovals, approveAfterPolls). */
const WTR_FAULTS_PATH = '/__cm-faults';

/** Applies `forbidSensitive=true|false`, `force500=<path part>|false`, `renewApprovals=<n>` and `approveAfterPolls=<n>` to the emulator's live state; returns the fault switches now set. */
function applyFaults(
  emu: Emulator,
  query: URLSearchParams,
): { forbidSensitive: boolean; force500: boolean | string } {
  const o = emu.options as {
    forbidSensitive: boolean;
    force500: boolean | string;
    approveAfterPolls: number;
  };
  const forbid = query.get('forbidSensitive');
  if (forbid !== null) o.forbidSensitive = forbid === 'true';
  const f500 = query.get('force500');
  if (f500 !== null) o.force500 = f500 === 'false' || f500 === '' ? false : f500 === 'true' ? true : f500;
  // Approval for Renew only (no other browser test renews, so tests running beside it are not
  // touched): every template's Renew policy needs n approvals; a Pending request is approved on
  // its `approveAfterPolls`-th poll (0: only when the switch changes it).
  const renew = query.get('renewApprovals');
  if (renew !== null && Number.isInteger(Number(renew)))
    for (const t of emu.state.templates.values())
      if (t.policies.renew) t.policies.renew.ApprovalsNeeded = Number(renew);
  const polls = query.get('approveAfterPolls');
  if (polls !== null && Number.isInteger(Number(polls))) o.approveAfterPolls = Number(polls);
  return { forbidSensitive: o.forbidSensitive, force500: o.force500 };
}

/**
 * Starts the five emulators on free ports and returns their ports and the WTR plugin object
 * (dev-server-core Plugin API: `serve` answers the fault switch, `serverStop` closes the servers).
 */
export async function startCmEmulators() {
  // A 500 from an emulator no test switched to fail is a bug somewhere: its event-log line (the
  // reason the client never sees) goes to the runner's output, so a failure on CI can be explained.
  // The faults emulator answers 500 on purpose and stays quiet. The event log never carries secrets.
  const errorsOf =
    (name: string) =>
    (line: string): void => {
      if (/^\[(?:event log|node adapter)\]/.test(line)) console.error(`[cm emulator ${name}] ${line}`);
    };
  const faulty = createEmulator({ cors: 'full', corsOrigins: ['*'] });
  const emulators: Record<keyof WtrCmPorts, Emulator> = {
    corsOff: createEmulator({ cors: 'off', log: errorsOf('corsOff') }),
    corsFull: createEmulator({ cors: 'full', corsOrigins: ['*'], log: errorsOf('corsFull') }),
    faults: faulty,
    negotiate: createEmulator({
      auth: 'negotiate',
      cors: 'full',
      corsOrigins: ['*'],
      log: errorsOf('negotiate'),
    }),
    negotiateStar: createEmulator({
      auth: 'negotiate',
      cors: 'pam',
      corsOrigins: ['*'],
      log: errorsOf('negotiateStar'),
    }),
  };
  const entries = Object.entries(emulators) as [keyof WtrCmPorts, Emulator][];
  const servers: Server[] = await Promise.all(entries.map(([, emu]) => listen(emu, 0)));
  const ports = Object.fromEntries(
    entries.map(([name], i) => [name, (servers[i]!.address() as AddressInfo).port]),
  ) as unknown as WtrCmPorts;
  const plugin = {
    name: 'cm-emulator-second-origin',
    serve(context: { path: string; querystring: string }) {
      if (context.path !== WTR_FAULTS_PATH) return undefined;
      return {
        body: JSON.stringify(applyFaults(faulty, new URLSearchParams(context.querystring))),
        type: 'json',
      };
    },
    async serverStop() {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
  return { ports, plugin };
}
