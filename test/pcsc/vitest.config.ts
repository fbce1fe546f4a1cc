import { defineConfig } from 'vitest/config';

// Real-middleware tier: a private pcscd + vpcd serving the virtual cards to OpenSC, yubico-piv-tool
// and openssl (docs/testing-pcsc.md). Run through scripts/test-pcsc.mjs, which checks the Debian
// packages first. Files run one after another: each starts its own pcscd (separate namespaces
// would allow parallel files, but the machine has 2 cores and the tools are CPU-bound).
export default defineConfig({
  test: {
    include: ['test/pcsc/**/*.test.ts'],
    environment: 'node',
    reporters: ['default'],
    fileParallelism: false,
    // Why 60 s: a test runs up to ~6 tool invocations of ≤ 30 s bound each; the common case is < 2 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
