/**
 * The architecture, checked (npm run lint): the pipeline's stages import only
 * earlier stages (load → check → plan → emit → write; app sequences them; the
 * CLI renders), the runtime imports only model/, and nothing is circular.
 */
const STAGES = ['load', 'check', 'plan', 'emit', 'write'];
const later = (stage) => STAGES.slice(STAGES.indexOf(stage) + 1);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make the layers impossible to read in order.',
      from: {},
      to: { circular: true },
    },
    ...STAGES.filter((stage) => later(stage).length > 0).map((stage) => ({
      name: `no-${stage}-to-later-stage`,
      severity: 'error',
      comment: `${stage}/ is an earlier stage than ${later(stage).join(', ')}: it must not import them.`,
      from: { path: `^src/${stage}/` },
      to: { path: `^src/(${later(stage).join('|')})/` },
    })),
    {
      name: 'no-stage-to-app-or-cli',
      severity: 'error',
      comment: 'app/ sequences the stages and the CLI renders: no stage imports them.',
      from: { path: `^src/(model|${STAGES.join('|')}|registry|scaffold|adopt|breaking|config|diagnostics|shared)/` },
      to: { path: '^src/(app|cli)/' },
    },
    {
      name: 'emit-is-pure',
      severity: 'error',
      comment:
        'emit/ is plan in, files out: it imports plan/, model/, node:path and json-schema-to-typescript, never the file system, threads or another stage.',
      from: { path: '^src/emit/' },
      to: { pathNot: '^(src/(emit|plan|model)/|path$|node_modules/json-schema-to-typescript/)' },
    },
    {
      name: 'only-app-sequences',
      severity: 'error',
      comment:
        "registry/, breaking/, adopt/ and scaffold/ work on what they are given: loading, checking, planning or emitting templates is app/'s to sequence (types, code metadata, and the naming, quoting and runtime-target helpers the scaffolding templates share, excepted).",
      from: { path: '^src/(registry|breaking|adopt|scaffold)/' },
      to: {
        path: '^src/(load|check|plan|emit)/',
        pathNot: '^src/(load/codes|plan/codes|plan/naming|emit/targets)\\.ts$',
        dependencyTypesNot: ['type-only', 'type-import'],
      },
    },
    {
      name: 'cli-calls-app',
      severity: 'error',
      comment:
        'The CLI parses flags, calls app/ (or scaffold/index.ts, the entry of the scaffolding commands) and renders: it never reaches into a stage. Type-only imports (the shapes it renders) are fine.',
      from: { path: '^src/cli/' },
      to: {
        path: '^src/(load|check|plan|emit|write|registry|adopt|breaking|scaffold)/',
        pathNot: '^src/scaffold/index\\.ts$',
        dependencyTypesNot: ['type-only', 'type-import'],
      },
    },
    {
      name: 'runtime-imports-model-only',
      severity: 'error',
      comment:
        'tasker-ctl/runtime is what workers load: inside src/ its code imports model/ only. Type-only imports vanish at run time; the YAML loader is imported on the first loadTemplates() call.',
      from: { path: '^src/runtime/' },
      to: { path: '^src/', pathNot: '^src/(runtime|model)/', dependencyTypesNot: ['type-only', 'type-import', 'dynamic-import'] },
    },
    {
      name: 'model-imports-nothing',
      severity: 'error',
      comment: 'model/ is the pure layer everyone may import.',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
