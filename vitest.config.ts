import { defineConfig } from 'vitest/config';

// Unit tier: Node only, no browser. Browser and e2e tiers have their own runners.
export default defineConfig({
  // The unit tier drives the simulator (vite.config.ts SIMULATOR_MODES).
  define: { __SIMULATOR__: 'true' },
  test: {
    include: ['test/unit/**/*.test.ts', 'bridge/test/*.test.ts'],
    environment: 'node',
    reporters: ['default'],
    testTimeout: 20_000,
    // Fixed fast-check seed unless FC_SEED=random (see the file).
    setupFiles: ['test/unit/fc-setup.ts'],
  },
});
