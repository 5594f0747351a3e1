/**
 * dependency-cruiser reads the BFF's imports (test/module-cycles.test.ts judges them per module).
 * Type-only imports count too: a cycle of types is still two modules that cannot be read apart.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(\\.test|-test-kit)\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
