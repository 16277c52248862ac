// No import cycle anywhere in src/, type imports included (`npm run lint` runs this beside ESLint).
// A cycle makes the order modules run in depend on which one is imported first, and a type import
// in one is a light module that can pull a heavy one in as soon as someone writes a value import.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not reach itself through its imports (type imports count too).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript's own view of imports, before type imports are erased.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
  },
};
