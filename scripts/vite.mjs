#!/usr/bin/env node
// `node scripts/vite.mjs <vite args>`: the Vite CLI with the warning switch of vite-env.mjs set, so
// no npm script has to repeat it. (Vite's package exports do not list its bin, hence the path.)
import './vite-env.mjs';

await import(new URL('../node_modules/vite/bin/vite.js', import.meta.url).href);
