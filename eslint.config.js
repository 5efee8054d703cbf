// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'util',
  'url',
  'worker_threads',
];

/** `no-restricted-imports` patterns: what a side of the house may not import. */
const banned = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

const ELECTRON = [
  ['electron', 'electron/*'],
  'Only src/main/electron/ (and the preload) may import electron (DESIGN.md §1).',
];
const NODE = [NODE_BUILTINS, 'This side runs without Node: no Node built-ins.'];
const MAIN = [['**/main/**', '**/main'], 'The renderer and shared code never import main-side code.'];
const RENDERER = [['**/renderer/**', '**/renderer'], 'Only the renderer imports renderer code.'];
const REACT = [['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand'], 'src/shared is UI-free.'];
const NATIVE = [['better-sqlite3', 'ws', 'ssh2', 'node-powershell'], 'Main-side libraries stay on the main side.'];
const IO = [
  [
    'node:fs',
    'node:fs/*',
    'node:child_process',
    'node:net',
    'node:http',
    'better-sqlite3',
    'ssh2',
    '**/store/**',
    '**/fleet/**',
    '**/headless/**',
  ],
  'src/main/domain does no I/O: it decides, others act (STYLE.md habit 4).',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'build/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**',
      'bin/**',
      'scripts/**',
      'bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.electron.json', './tsconfig.web.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['src/**/*.{ts,tsx}'], ignores: ['src/main/electron/**', 'src/preload/**'], rules: banned(ELECTRON) },
  { files: ['src/shared/**'], rules: banned(ELECTRON, NODE, MAIN, RENDERER, REACT, NATIVE) },
  { files: ['src/renderer/**'], rules: banned(ELECTRON, NODE, MAIN, NATIVE) },
  { files: ['src/preload/**'], rules: banned(NODE, MAIN, RENDERER, NATIVE) },
  { files: ['src/main/**'], rules: banned(RENDERER) },
  { files: ['src/main/domain/**'], rules: banned(ELECTRON, RENDERER, IO) },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: reactHooks.configs.recommended.rules,
  },
  { files: ['test/**', 'src/main/**', '*.config.ts'], languageOptions: { globals: globals.node } },
  // Playwright reads a fixture's dependencies from its destructuring pattern, so `{}` is how a
  // fixture says it needs none.
  { files: ['test/e2e/**', 'test/e2e-electron/**'], rules: { 'no-empty-pattern': 'off' } },
);
