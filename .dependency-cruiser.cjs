/**
 * Architecture rules that fail CI (npm test runs `npm run check:deps`).
 * The domain (packages/core) is pure: no Node I/O, no Express, no React, no database, and it
 * never imports an app. Apps depend on packages, never the reverse.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'packages/core must not import Node built-ins (I/O), HTTP servers, UI or database code.',
      severity: 'error',
      from: { path: '^packages/core/src', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'core-no-frameworks',
      comment: 'packages/core must not depend on Express, React or a database driver.',
      severity: 'error',
      from: { path: '^packages/core' },
      to: {
        path: 'node_modules/(express|react|react-dom|better-sqlite3|pg|mysql2|sqlite3|knex|prisma|@prisma|drizzle-orm|supertest|pino)(/|$)',
      },
    },
    {
      name: 'sheets-browser-safe',
      comment:
        'packages/sheets is bundled for the browser (the planner): only src/node/ (the @bagui/sheets/xlsx/stream subpath) may import Node built-ins.',
      severity: 'error',
      from: { path: '^packages/sheets/src', pathNot: '(^packages/sheets/src/node/|\\.test\\.ts$|/test-support/)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'packages-do-not-import-apps',
      comment: 'Apps depend on packages, never the reverse.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-apps',
      comment:
        "An app never imports another app: what two apps share lives in a package. (The API serving the planner's built files and the API tests running the built CLI read files and processes, not imports.)",
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'packages-only-through-exports',
      comment:
        'Another workspace reaches a package only through its public subpaths (package.json "exports", which resolve to dist/): never into its src/ by a relative path.',
      severity: 'error',
      from: { path: '^(apps|packages)/([^/]+)/' },
      to: { path: '^packages/[^/]+/src/', pathNot: '^$1/$2/src/' },
    },
    {
      name: 'common-knows-no-programme',
      comment: 'programmes/common is what every programme shares: it imports no single programme (a test may use one as its example).',
      severity: 'error',
      from: { path: '^packages/core/src/programmes/common/', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/core/src/programmes/[^/]+/', pathNot: '^packages/core/src/programmes/common/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
