/**
 * Ports of the CM emulators web-test-runner starts on second origins (emulator/wtr-plugin.ts):
 * chosen free when the runner starts, injected as the build constant `__CM_PORTS__`.
 */
import type { WtrCmPorts } from '../../emulator/wtr-plugin';

declare const __CM_PORTS__: WtrCmPorts;

export const CM_PORTS: WtrCmPorts = __CM_PORTS__;

/** `http://<host>:<port>` of one emulator. */
export const cmOrigin = (name: keyof WtrCmPorts, host = 'localhost'): string =>
  `http://${host}:${CM_PORTS[name]}`;
