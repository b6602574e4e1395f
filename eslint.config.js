// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Process boundaries, checked by the linter (docs/architecture.md). The core runs under plain Node.
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core runs under plain Node: inject what it needs through CoreOptions.' }],
          patterns: [{ regex: '(^|/)src-main/shell(/|$)|(^|/)shell/', message: 'The core never imports the Electron shell.' }],
        },
      ],
    },
  },
  // The shared contract: pure TypeScript both processes bundle. No Node, no Electron, no zod.
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src-shared is pure TypeScript: no Electron.' },
            { name: 'zod', message: 'src-shared is pure TypeScript: the zod schemas live in src-main/core/ipc.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'src-shared is pure TypeScript: no Node modules.' },
            { regex: '^(?!\\./)', message: 'src-shared imports only its own files.' },
          ],
        },
      ],
    },
  },
  // The preload and the window speak to the main process only through src-shared.
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'zod'], message: 'The sandboxed preload stays small: no Node modules, no zod.' },
            { regex: '(^|/)src-(main|renderer)(/|$)', message: 'The preload imports only src-shared and its own files.' },
          ],
        },
      ],
    },
  },
  // The renderer sees only window.junction: no Electron, no Node.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.junction.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
            { regex: '(^|/)src-(main|preload)(/|$)', message: 'The renderer imports only src-shared and its own files.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'test/**/*.tsx'],
    rules: { 'no-console': 'off' },
  },
);
