/**
 * The direction of dependencies in src/ (README, "Layout"):
 *
 *   main.ts, worker.ts, app/     composition root: builds everything from the configuration
 *   api/, jobs/, demo/           entry points: GraphQL and HTTP, background jobs, demo data
 *   use-cases/                   what spans features and owns the transaction
 *   stores/  domain/             one store per table (its SQL) | pure rules: definitions, scoring, statistics
 *   model/                       the shapes every layer shares, one per concept
 *   db/ queue/ common/ errors/   infrastructure and shared helpers; config.ts, logger.ts, metrics.ts
 *
 * A module imports its own layer or those below it, never above; domain/ does no I/O (no db/,
 * queue/, stores/); nothing has a cycle. `npm test` runs this check (test/architecture.test.ts).
 */
const LAYERS = {
  root: '^src/(main|worker)\\.ts$|^src/app/',
  entry: '^src/(api|jobs|demo)/',
  useCases: '^src/use-cases/',
  stores: '^src/stores/',
  domain: '^src/domain/',
  model: '^src/model/',
  infra: '^src/(db|queue|common|errors)/|^src/(config|logger|metrics)\\.ts$',
};

const forbidFrom = (name, from, to, comment) => ({ name, severity: 'error', comment, from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle ties modules together: whatever one of them needs, it should find below it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-the-root',
      severity: 'error',
      comment: 'Only the composition root builds the whole; nothing below it imports it.',
      from: { path: '^src/', pathNot: LAYERS.root },
      to: { path: LAYERS.root },
    },
    forbidFrom('entry-points-stay-apart', '^src/(api|jobs)/', '^src/demo/', 'The API and the jobs do not depend on demo data.'),
    forbidFrom(
      'entry-points-go-through-use-cases',
      '^src/(api|jobs)/',
      LAYERS.stores,
      'Resolvers and jobs call use cases; SQL is reached through them.',
    ),
    forbidFrom(
      'use-cases-below-entry-points',
      LAYERS.useCases,
      `${LAYERS.root}|${LAYERS.entry}`,
      'A use case knows nothing of who calls it.',
    ),
    forbidFrom(
      'stores-below-use-cases',
      LAYERS.stores,
      `${LAYERS.root}|${LAYERS.entry}|${LAYERS.useCases}`,
      'A store owns its table and calls no use case.',
    ),
    forbidFrom(
      'domain-is-pure',
      LAYERS.domain,
      `${LAYERS.root}|${LAYERS.entry}|${LAYERS.useCases}|${LAYERS.stores}|^src/(db|queue)/|^src/(config|logger|metrics)\\.ts$`,
      'The domain is pure: no I/O, no configuration.',
    ),
    forbidFrom(
      'model-is-shapes',
      LAYERS.model,
      `${LAYERS.root}|${LAYERS.entry}|${LAYERS.useCases}|${LAYERS.stores}|${LAYERS.domain}|^src/(db|queue)/|^src/(config|logger|metrics)\\.ts$`,
      'Shapes depend on nothing but shared helpers.',
    ),
    forbidFrom(
      'infra-at-the-bottom',
      LAYERS.infra,
      `${LAYERS.root}|${LAYERS.entry}|${LAYERS.useCases}|${LAYERS.stores}|${LAYERS.domain}|${LAYERS.model}`,
      'Infrastructure knows no feature.',
    ),
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code (or an entry point that should be listed here).',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/(main|worker)\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
