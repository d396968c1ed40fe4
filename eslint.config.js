import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const featureNames = ['explore', 'sql', 'plans', 'similar', 'files'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'bench/data/**',
      'public/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // src/core is pure: it runs in Node tests and in workers, so no React, DOM-bound libraries or side effects.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'src/core is pure: no React.' },
            {
              group: ['@duckdb/*', 'parquet-wasm', 'parquet-wasm/*'],
              message: 'src/core is pure: no wasm engines.',
            },
            {
              group: ['**/data/**', '**/features/**', '**/components/**', '**/app/**', '**/workers/**'],
              message: 'src/core imports only src/core.',
            },
          ],
        },
      ],
    },
  },
  // src/data: side effects behind small interfaces; no UI. It owns the worker clients, so it may
  // import src/workers' RPC helper and protocol types (docs/architecture.md, layer table).
  {
    files: ['src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'src/data has no UI: no React.' },
            {
              group: ['**/features/**', '**/components/**', '**/app/**'],
              message: 'src/data imports only src/core and src/workers (clients of its own workers).',
            },
          ],
        },
      ],
    },
  },
  // Worker entries are thin: they import src/core, src/data and src/workers (the RPC helper, their
  // own protocol), never views.
  {
    files: ['src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features/**', '**/components/**', '**/app/**'],
              message: 'Worker entries import only src/core, src/data and src/workers.',
            },
          ],
        },
      ],
    },
  },
  // src/components: presentational; data arrives through props.
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/data/**', '**/features/**', '**/app/**', '@duckdb/*', 'parquet-wasm'],
              message: 'Components take their data through props: no data access, no features.',
            },
          ],
        },
      ],
    },
  },
  // Features do not import each other; src/app composes them.
  ...featureNames.map((name) => ({
    files: [`src/features/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: featureNames
            .filter((other) => other !== name)
            .map((other) => ({
              group: [`**/features/${other}/**`, `../${other}/**`],
              message: 'Features do not import each other; compose them in src/app.',
            })),
        },
      ],
    },
  })),
);
