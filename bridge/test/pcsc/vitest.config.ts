import { defineConfig } from 'vitest/config';

// The bridge over a real PC/SC stack: private pcscd + vpcd + the project's virtual cards, the
// bridge as a child process (from source, or BRIDGE_BIN). Run by bridge/test/pcsc/run.mjs.
export default defineConfig({
  test: {
    include: ['bridge/test/pcsc/**/*.test.ts'],
    environment: 'node',
    reporters: ['default'],
    fileParallelism: false,
    // Why 60 s: a pcscd restart plus the bridge's back-off and a card re-insert take ~3 s; slack for CI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
