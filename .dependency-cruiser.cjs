/**
 * Dependency rules (ARCHITECTURE.md): data flows one way,
 * schema ← calendar ← engine ← xlsx ← apps (examples sit on calendar and
 * schema); a package is used only through its
 * src/index.ts; no cycles.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'schema-is-the-bottom',
      comment: 'the plan document knows no engine, file format or app',
      severity: 'error',
      from: { path: '^packages/schema/' },
      to: { path: '^(packages/(calendar|engine|xlsx|examples)|apps)/' },
    },
    {
      name: 'calendar-is-date-facts',
      comment: 'the calendar knows only the plan schema: no engine, file format, examples or app',
      severity: 'error',
      from: { path: '^packages/calendar/' },
      to: { path: '^(packages/(engine|xlsx|examples)|apps)/' },
    },
    {
      name: 'engine-knows-no-files-or-apps',
      comment: 'the engine may not import xlsx, web or cli (nor React or the DOM)',
      severity: 'error',
      from: { path: '^packages/engine/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(packages/xlsx|apps)/|node_modules/(react|react-dom|exceljs|ag-grid)' },
    },
    {
      name: 'xlsx-knows-no-apps',
      severity: 'error',
      from: { path: '^packages/xlsx/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-know-no-hyperformula',
      comment: "the apps know nothing of HyperFormula's internals: they use @shopplan/engine",
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: 'node_modules/hyperformula' },
    },
    {
      name: 'only-through-index',
      comment: "a package is used only through its src/index.ts, never by a deep import into another package's src/",
      severity: 'error',
      from: { path: '^(packages|apps|test)/([^/]+)/' },
      to: { path: '^packages/([^/]+)/src/', pathNot: ['^packages/$2/', '^packages/[^/]+/src/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
