// The layering of src/ as docs/architecture.md "Layers" states it, enforced by
// eslint-plugin-import's `import/no-restricted-paths`: for every layer, the folders it may import;
// every other folder of src/ is forbidden to it. Type-only imports count (they couple layers too).
// Change this table and docs/architecture.md together.
import { readdirSync } from 'node:fs';
import importPlugin from 'eslint-plugin-import';

/** Each unit of src/: a folder, or a top-level file. */
const UNITS = [
  'errors.ts',
  'common',
  'iso7816',
  'ccid',
  'transport',
  'card',
  'cm',
  'store',
  'auth',
  'flows',
  'config',
  'net',
  'ui',
  'sim',
  'sw.ts',
  'compose.ts',
  'main.ts',
];

/** What each unit may import (besides itself and npm packages). */
export const MAY_IMPORT = {
  'errors.ts': [],
  // Byte encodings and the abortable sleep that every layer needs; nothing of the domain.
  common: ['errors.ts'],
  iso7816: ['common', 'errors.ts'],
  ccid: ['iso7816', 'common', 'errors.ts'],
  transport: ['ccid', 'iso7816', 'common', 'errors.ts'],
  card: ['transport', 'iso7816', 'common', 'errors.ts'],
  cm: ['common', 'errors.ts'],
  store: ['common', 'errors.ts'],
  auth: ['cm', 'common', 'errors.ts'],
  flows: ['card', 'cm', 'store', 'transport', 'iso7816', 'common', 'errors.ts'],
  config: ['auth', 'common', 'errors.ts'],
  net: ['common', 'errors.ts'],
  ui: ['flows', 'store', 'transport', 'auth', 'config', 'net', 'common', 'errors.ts'],
  // The simulator implements transport's interfaces (and reuses its CCID slot lock); it never
  // imports the card layer it stands in for, so a card-layer bug cannot be mirrored by it.
  sim: ['transport', 'ccid', 'iso7816', 'common', 'errors.ts'],
  'sw.ts': [],
  // The composition root is the one module that may reach sim/ (behind __SIMULATOR__).
  'compose.ts': UNITS.filter((u) => !['compose.ts', 'main.ts', 'sw.ts'].includes(u)),
  'main.ts': ['compose.ts', 'ui'],
};

/** The Node programs beside the app: what of src/ they may import. */
const PROGRAMS = {
  // The bridge shares only the wire protocol and the APDU log's redaction with the app.
  'bridge/src': ['transport', 'iso7816', 'common', 'errors.ts'],
  // The CM emulator keeps its own wire code (emulator/wire-*.ts): importing the client's codec,
  // DTOs or enums would let a client bug be mirrored by the server it is tested against.
  emulator: [],
};

const src = (u) => `./src/${u}`;

/**
 * The card-type folders of src/card/ (one per entry of src/card/registry.ts, read from the disk so
 * a new card type needs no line here): none may import another, so each stays removable on its own.
 */
const CARD_TYPES = readdirSync(new URL('./src/card', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const zones = [
  ...UNITS.map((u) => ({
    target: src(u),
    from: UNITS.filter((o) => o !== u && !MAY_IMPORT[u].includes(o)).map(src),
    message: `docs/architecture.md "Layers": src/${u} may import only ${MAY_IMPORT[u].join(', ') || 'npm packages'}.`,
  })),
  ...Object.entries(PROGRAMS).map(([dir, ok]) => ({
    target: `./${dir}`,
    from: UNITS.filter((o) => !ok.includes(o)).map(src),
    message: `docs/architecture.md "Layers": ${dir} may import only src/{${ok.join(', ')}}.`,
  })),
  ...CARD_TYPES.map((t) => ({
    target: src(`card/${t}`),
    from: CARD_TYPES.filter((o) => o !== t).map((o) => src(`card/${o}`)),
    message: `docs/architecture.md "Card types": src/card/${t} may not import another card type's folder.`,
  })),
  // The shipped app never imports the Node programs, the tests or the scripts.
  {
    target: './src',
    from: ['./bridge', './emulator', './test', './scripts'],
    message: 'src/ ships in the app.',
  },
];

export const layers = {
  files: ['src/**/*.ts', 'bridge/src/**/*.ts', 'emulator/**/*.ts'],
  plugins: { import: importPlugin },
  settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.mjs', '.json'] } } },
  rules: { 'import/no-restricted-paths': ['error', { zones }] },
};
