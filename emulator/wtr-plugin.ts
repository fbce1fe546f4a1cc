/**
 * @web/test-runner plugin for the browser tier: starts the CM emulator on *second origins* so
 * browser tests meet real cross-origin behaviour. Port 4390 has CORS off (the CORS-failure test);
 * 4391 has full CORS for any origin (the control that proves the failure is CORS, not the server);
 * 4392 has full CORS and switchable faults for the view tests of 403 and 500 screens.
 *
 * The fault switches are set through the test runner's own origin (`GET /__cm-faults?...`), never
 * through the CM API: the emulator's API stays exactly the documented one.
 */
import type { Server } from 'node:http';
import { createEmulator, type Emulator } from './core';
import { listen } from './node';

export const WTR_CM_PORT_CORS_OFF = 4390;
export const WTR_CM_PORT_CORS_FULL = 4391;
export const WTR_CM_PORT_FAULTS = 4392;
/** Windows mode (401 Negotiate) with full CORS: credentials allowed for the reflected origin. */
export const WTR_CM_PORT_NEGOTIATE = 4393;
/** Windows mode with PAM-style static headers and `Allow-Origin: *`, which credentials forbid. */
export const WTR_CM_PORT_NEGOTIATE_STAR = 4394;
/** Path on the WTR server that sets the fault emulator's switches (query: forbidSensitive, force500, renewApprovals, approveAfterPolls). */
export const WTR_FAULTS_PATH = '/__cm-faults';

/** Applies `forbidSensitive=true|false`, `force500=<path part>|false`, `renewApprovals=<n>` and `approveAfterPolls=<n>` to the emulator's live state; returns the fault switches now set. */
export function applyFaults(
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

/** WTR plugin object with `serverStart` / `serve` / `serverStop` hooks (dev-server-core Plugin API). */
export function cmEmulatorWtrPlugin(
  ports = { corsOff: WTR_CM_PORT_CORS_OFF, corsFull: WTR_CM_PORT_CORS_FULL, faults: WTR_CM_PORT_FAULTS },
) {
  let servers: Server[] = [];
  let faulty: Emulator | undefined;
  return {
    name: 'cm-emulator-second-origin',
    async serverStart() {
      faulty = createEmulator({ cors: 'full', corsOrigins: ['*'] });
      servers = await Promise.all([
        listen(createEmulator({ cors: 'off' }), ports.corsOff),
        listen(createEmulator({ cors: 'full', corsOrigins: ['*'] }), ports.corsFull),
        listen(faulty, ports.faults),
        listen(
          createEmulator({ auth: 'negotiate', cors: 'full', corsOrigins: ['*'] }),
          WTR_CM_PORT_NEGOTIATE,
        ),
        listen(
          createEmulator({ auth: 'negotiate', cors: 'pam', corsOrigins: ['*'] }),
          WTR_CM_PORT_NEGOTIATE_STAR,
        ),
      ]);
    },
    serve(context: { path: string; querystring: string }) {
      if (context.path !== WTR_FAULTS_PATH || !faulty) return undefined;
      return {
        body: JSON.stringify(applyFaults(faulty, new URLSearchParams(context.querystring))),
        type: 'json',
      };
    },
    async serverStop() {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      servers = [];
      faulty = undefined;
    },
  };
}
