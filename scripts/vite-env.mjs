// The one place that sets Vite's warning switch. Why: Vite 8 bundles vite.config.ts and warns
// that its extensionless TypeScript imports (the config, build/ and the CM emulator it mounts
// use `./x`, as the whole code base does) would not load under `configLoader: 'native'`, which is
// planned to become the default. That loader is not the default yet, so the warning is noise on
// every build. Import this module before using Vite's API; `scripts/vite.mjs` does it for the CLI.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
