/**
 * Vite plugin mounting the CM emulator at `/CertificateManagement/api/v1.0` in the dev and preview
 * servers, so `npm start` serves app and API on one origin (docs/architecture.md "Modes").
 * Set `CM_EMULATOR=off` to leave the path to a real CM behind a proxy.
 */
import type { Plugin } from 'vite';
import { createEmulator } from './core';
import { emulatorMiddleware } from './node';
import type { EmulatorOptions } from './options';

/** `CM_EMULATOR_CLOCK_OFFSET_DAYS=-350 npm start`: certificates issued in the demo expire in 15 days. */
function clockSwitch(): Partial<EmulatorOptions> {
  const days = Number(process.env.CM_EMULATOR_CLOCK_OFFSET_DAYS ?? 0);
  return Number.isFinite(days) && days !== 0 ? { clockOffsetDays: days } : {};
}

/** Vite plugin factory; one emulator (one state) shared by dev and preview of this process. */
export function cmEmulatorPlugin(options: Partial<EmulatorOptions> = {}): Plugin {
  let emu: ReturnType<typeof createEmulator> | undefined;
  const enabled = () => process.env.CM_EMULATOR !== 'off';
  const middleware = () =>
    emulatorMiddleware(
      (emu ??= createEmulator({
        log: (l) => console.info(`[cm-emulator] ${l}`),
        ...clockSwitch(),
        ...options,
      })),
    );
  return {
    name: 'cm-emulator',
    configureServer(server) {
      if (enabled()) server.middlewares.use(middleware());
    },
    configurePreviewServer(server) {
      if (enabled()) server.middlewares.use(middleware());
    },
  };
}
