// @ts-check
/**
 * Lint config. Besides style, it enforces the layering described in README → Architecture:
 * folders say where code runs, and an import across a boundary is an error here, not a review
 * comment. TypeScript's per-runtime projects catch the rest (no `window` in pure code, no `fs`
 * in the renderer).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerBoundaries } from './.config/eslint/layer-boundaries.js';

const tsProjects = [
  './kiosk-content/tsconfig.common.json',
  './kiosk-content/tsconfig.node.json',
  './kiosk-content/tsconfig.authoring.json',
  './native-adapters/tsconfig.common.json',
  './native-adapters/tsconfig.node.json',
  './electron/tsconfig.common.json',
  './electron/tsconfig.node.json',
  './electron/tsconfig.preload.json',
  './renderer/tsconfig.json',
  './renderer/tsconfig.node.json',
  './scripts/tsconfig.json',
  './test/tsconfig.json',
];

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'stream', 'events'];

const serial = ['serialport', '@serialport/*'];

/** Where each folder's code runs, and what it must never import. Paths are relative to the repo root. */
const zones = [
  {
    target: './kiosk-content/src/*/common',
    from: ['./electron', './renderer', './native-adapters', './scripts', './kiosk-content/src/*/node', './kiosk-content/authoring'],
    message: 'kiosk-content/src/<topic>/common is pure: it may import only the common/ folders of kiosk-content/src.',
  },
  {
    target: './kiosk-content/src',
    from: ['./electron', './renderer', './scripts', './kiosk-content/authoring'],
    message: 'kiosk-content/src is what a terminal runs: it never imports the authoring tools, the host or the UI.',
  },
  {
    target: './kiosk-content/authoring',
    from: ['./electron', './renderer', './scripts'],
    message: 'Authoring tools build on kiosk-content/src only; the CLI in scripts/ calls them, not the other way round.',
  },
  {
    target: './electron',
    from: ['./kiosk-content/authoring'],
    message: 'A terminal never runs the authoring tools (law import, pack building, model training): only scripts/ may import kiosk-content/authoring.',
  },
  {
    target: './native-adapters',
    from: ['./kiosk-content/authoring'],
    message: 'Device adapters never import the content authoring tools.',
  },
  {
    target: './native-adapters/*/codec',
    from: ['./electron', './renderer', './scripts', './kiosk-content', './native-adapters/transport/serial'],
    message: 'Device codecs are pure byte functions: no host, UI, or transport imports.',
  },
  {
    target: './native-adapters/*/receipt',
    from: ['./electron', './renderer', './scripts', './kiosk-content', './native-adapters/transport/serial', './native-adapters/*/node'],
    message: 'Receipt layout is pure: the GB18030 encoder is injected from the device node/ folder.',
  },
  {
    target: './native-adapters/*/service',
    from: ['./electron', './renderer', './scripts', './kiosk-content', './native-adapters/transport/serial'],
    message: 'Device services take a ByteTransport; they never pick the transport themselves.',
  },
  {
    target: './electron/common',
    from: ['./electron/node', './electron/main', './electron/preload', './renderer', './scripts', './kiosk-content/src/*/node'],
    message: 'electron/common runs anywhere: it may import the pure kiosk-content/src/<topic>/common code and itself only.',
  },
  {
    target: './electron/preload',
    from: ['./electron/node', './electron/main', './renderer', './scripts', './kiosk-content', './native-adapters'],
    message: 'The preload is sandboxed: it may import electron/common only.',
  },
  {
    target: './electron/node',
    from: ['./electron/main', './electron/preload', './renderer', './scripts'],
    message: 'The host is plain Node: no Electron shell, preload, renderer or scripts.',
  },
  {
    target: './electron/main',
    from: ['./renderer', './electron/preload', './scripts'],
    message: 'The Electron shell composes the host; it never imports the renderer or the preload.',
  },
  {
    target: './renderer/src',
    from: [
      './electron/node',
      './electron/main',
      './electron/preload',
      './native-adapters',
      './scripts',
      './kiosk-content/src/*/node',
      './kiosk-content/authoring',
      './kiosk-content/default',
    ],
    message: 'The renderer talks to the host only through src/platform and the KioskApi contract (electron/common).',
  },
  {
    target: './scripts',
    from: ['./renderer/src', './electron/main', './electron/preload'],
    message: 'Scripts run in Node: they use the host and content code, never the UI or the Electron shell.',
  },
];

/**
 * Renderer features are independent: a feature never imports another (shared pieces live in
 * components/ and lib/; app/ composes features, e.g. app/screens.tsx hands the ID-card step to the
 * procedure screen). components/ and lib/ sit below both. Read from the folder, so a new feature
 * is covered the day it is added.
 */
const rendererFeatures = readdirSync(path.join(import.meta.dirname, 'renderer/src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const featureZones = [
  ...rendererFeatures.map((feature) => ({
    target: `./renderer/src/features/${feature}`,
    from: rendererFeatures.filter((other) => other !== feature).map((other) => `./renderer/src/features/${other}`),
    message: 'A renderer feature never imports another feature: move the shared piece to components/ or lib/, or let app/ hand it in.',
  })),
  {
    target: './renderer/src/components',
    from: ['./renderer/src/features', './renderer/src/app'],
    message: 'Shared components sit below the features and the app shell: they import neither.',
  },
  {
    target: './renderer/src/lib',
    from: ['./renderer/src/features', './renderer/src/app'],
    message: 'renderer/src/lib sits below the features and the app shell: it imports neither.',
  },
];

/** Folders where no import cycle is allowed (file level; `import type` is erased and does not count). */
const acyclic = ['electron', 'kiosk-content', 'native-adapters', 'renderer'].map((folder) => `${folder}/**/*.{ts,tsx}`);

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'dist/**', 'release/**', 'test/artifacts/**', 'test/tools/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { project: tsProjects, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { fatong: { rules: { 'layer-boundaries': layerBoundaries } } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'fatong/layer-boundaries': ['error', { root: import.meta.dirname, zones: [...zones, ...featureZones] }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // eslint-plugin-import-x follows every relative import (resolved like TypeScript does) and
    // reports the import that closes a loop back to the file being linted.
    files: acyclic,
    plugins: { 'import-x': importX },
    settings: {
      // Follow .ts/.tsx files too (the plugin's default is .js only).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: tsProjects, noWarnOnMultipleProjects: true })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Runtime rules for package imports (paths are covered by the zones above). The file groups do
  // not overlap, because a later block's no-restricted-imports would replace an earlier one's.
  ...[
    {
      files: [
        'kiosk-content/src/*/common/**',
        'electron/common/**',
        'native-adapters/*/codec/**',
        'native-adapters/*/service/**',
        'native-adapters/*/receipt/**',
      ],
      ignores: [],
      banned: [...nodeBuiltins, 'electron', ...serial, 'better-sqlite3', 'react', 'react-dom'],
      message: 'Pure code: no Node, Electron, device or UI packages. Inject what you need.',
    },
    {
      files: ['renderer/src/**'],
      ignores: [],
      banned: [...nodeBuiltins, 'electron', ...serial, 'better-sqlite3', '@node-rs/*'],
      message: 'The renderer runs in the browser sandbox: use the KioskApi (useKioskApi) instead.',
    },
    {
      files: ['electron/preload/**'],
      ignores: [],
      banned: [...nodeBuiltins, ...serial, 'better-sqlite3'],
      message: 'The preload is sandboxed: electron/common and contextBridge only.',
    },
    {
      files: ['electron/node/**', 'kiosk-content/src/*/node/**', 'kiosk-content/authoring/**', 'native-adapters/**'],
      ignores: ['native-adapters/*/codec/**', 'native-adapters/*/service/**', 'native-adapters/*/receipt/**', 'native-adapters/transport/serial/**'],
      banned: ['electron', ...serial],
      message: 'Host code is plain Node (so it runs in tests and the browser mode); only native-adapters/transport/serial imports serialport.',
    },
    {
      files: ['native-adapters/transport/serial/**'],
      ignores: [],
      banned: ['electron'],
      message: 'The serial transport is plain Node.',
    },
    {
      files: ['scripts/**', 'electron/main/**'],
      ignores: [],
      banned: serial,
      message: 'Only native-adapters/transport/serial imports serialport; use a ByteTransport.',
    },
  ].map(({ files, ignores, banned, message }) => ({
    files,
    ignores: [...ignores, '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // Exact package names go in `paths`: a gitignore-style pattern 'electron' would also match
      // relative imports such as ../electron/common.
      'no-restricted-imports': [
        'error',
        {
          paths: banned.filter((name) => !name.includes('*')).map((name) => ({ name, message })),
          // An empty pattern group is invalid, so only add it when there are globs.
          ...(banned.some((name) => name.includes('*')) ? { patterns: [{ group: banned.filter((name) => name.includes('*')), message }] } : {}),
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
);
