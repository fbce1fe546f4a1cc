// web-test-runner plugin: pre-bundles CommonJS packages into ES modules with esbuild, the way
// Vite's dependency optimizer does for `npm run dev`/`build`. WTR serves node_modules as-is, and a
// CommonJS file (e.g. des.js, the simulator's 3DES) has no ES exports for the browser to import.
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PREFIX = '/__cjs__/';

/** @param {string[]} packages bare specifiers to pre-bundle */
export function cjsPrebundle(packages) {
  const cache = new Map();
  return {
    name: 'scss-cjs-prebundle',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${PREFIX}${source}`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length);
      if (!packages.includes(name)) return undefined;
      if (!cache.has(name)) {
        const out = await build({
          entryPoints: [require.resolve(name)],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
        });
        cache.set(name, out.outputFiles[0].text);
      }
      return { body: cache.get(name), type: 'js' };
    },
  };
}
