/**
 * Build-time constants, replaced by the bundler (vite.config.ts `define`, and the same in the unit
 * and browser test tiers).
 */

/** True in builds that carry the simulator (demo, dev, tests); false in production and IWA builds. */
declare const __SIMULATOR__: boolean;
