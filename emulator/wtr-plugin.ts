/**
 * @web/test-runner plugin for the browser tier: starts the CM emulator on a *second origin* so
 * browser tests meet real cross-origin behaviour. Port 4390 has CORS off (the CORS-failure test);
 * 4391 has full CORS for any origin (the control that proves the failure is CORS, not the server).
 */
import type { Server } from 'node:http';
import { createEmulator } from './core';
import { listen } from './node';

export const WTR_CM_PORT_CORS_OFF = 4390;
export const WTR_CM_PORT_CORS_FULL = 4391;

/** WTR plugin object with `serverStart` / `serverStop` hooks (dev-server-core Plugin API). */
export function cmEmulatorWtrPlugin(ports = { corsOff: WTR_CM_PORT_CORS_OFF, corsFull: WTR_CM_PORT_CORS_FULL }) {
  let servers: Server[] = [];
  return {
    name: 'cm-emulator-second-origin',
    async serverStart() {
      servers = await Promise.all([
        listen(createEmulator({ cors: 'off' }), ports.corsOff),
        listen(createEmulator({ cors: 'full', corsOrigins: ['*'] }), ports.corsFull),
      ]);
    },
    async serverStop() {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      servers = [];
    },
  };
}
