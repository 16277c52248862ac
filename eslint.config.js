// Lint for mistakes, not style: TypeScript's recommended rules, and Svelte's, which include
// svelte/no-at-html-tags (no {@html}, so user data can never become markup).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'dist-tend/', 'dist-next/', 'dev-dist/', 'test-results/', 'playwright-report/', 'node_modules/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a value that is deliberately unused (a destructured part left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
      // `import { type X }` alone still loads the module: one of these once carried valibot
      // into the first screen. `import type { X }` is erased.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // TypeScript already reports undefined names, including DOM types ESLint does not know.
      'no-undef': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
);
