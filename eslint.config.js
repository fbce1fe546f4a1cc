// Flat config: TypeScript rules everywhere, Lit template rules for the UI layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';
import { layers } from './eslint.layers.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-iwa/**',
      'dist-bridge-e2e/**',
      'bridge/dist/**',
      'node_modules/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  { files: ['src/ui/**/*.ts'], ...litConfigs['flat/recommended'] },
  // Imports point down only (docs/architecture.md "Layers").
  layers,
  // chai's property assertions (`expect(x).to.exist`) are expressions by design.
  { files: ['test/browser/**'], rules: { '@typescript-eslint/no-unused-expressions': 'off' } },
  { files: ['scripts/**', 'test/e2e/**', 'test/bench/**', 'emulator/**'], rules: { 'no-console': 'off' } },
);
