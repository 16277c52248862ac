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
    // What is installed on the sync server: CouchDB 3 runs it in SpiderMonkey, which may be an
    // old one, so ES5 only. The file is one function expression, which the server calls with
    // all four arguments whether it reads them or not.
    files: ['sync/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: {
      'no-var': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none' }],
      'no-restricted-syntax': [
        'error',
        ...[
          ['ArrowFunctionExpression', 'arrow functions'],
          ['TemplateLiteral', 'template strings'],
          ["VariableDeclaration[kind!='var']", 'let and const'],
          ['ClassDeclaration, ClassExpression', 'classes'],
          ['SpreadElement, RestElement', 'spread and rest'],
          ['ObjectPattern, ArrayPattern', 'destructuring'],
          ['ForOfStatement', 'for…of'],
          ['AssignmentPattern', 'default parameters'],
          ['Property[shorthand=true], Property[method=true], Property[computed=true]', 'ES2015 object literals'],
          ['ChainExpression, LogicalExpression[operator="??"]', '?. and ??'],
          ['ImportDeclaration, ExportNamedDeclaration, ExportDefaultDeclaration', 'modules'],
        ].map(([selector, what]) => ({ selector, message: `ES5 only here (CouchDB's SpiderMonkey): no ${what}.` })),
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
);
