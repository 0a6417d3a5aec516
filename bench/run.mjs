#!/usr/bin/env node
/**
 * tasker-ctl benchmarks.
 *
 *   npm run bench                        build, then run every implemented section
 *   node bench/run.mjs [section...]      run only the named sections (dist/ must be built)
 *   node bench/run.mjs --list            list sections
 *   options: --runs N   timed runs per in-process measurement (default 5; process spawns use 2N)
 *            --strict   exit 1 when a target is missed (default: report only, exit 0)
 *
 * Prints a report and writes bench/.corpus/report.json. See docs/benchmarks.md.
 *
 * Adding a section: append { name, title, run(ctx) } to SECTIONS. `run` returns
 * { metrics: {...}, checks: [{ name, target, pass }], notes: [...] } or
 * { skipped: 'why' }. Use ctx.corpus(), ctx.time(), ctx.spawnInterleaved(), ctx.loadedModules().
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateCorpus, generateHandlerProject } from './synth.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const CORPUS_ROOT = path.join(BENCH, '.corpus');
const DIST = path.join(ROOT, 'dist');
const BIN = path.join(ROOT, 'bin', 'tasker-ctl.js');
const PROBE = path.join(BENCH, 'lib', 'module-probe.mjs');
const CPU_PROBE = path.join(BENCH, 'lib', 'cpu-probe.mjs');
const BASELINE = ['--input-type=module', '-e', ''];

/** Packages that must stay out of `--help`, `--version` and `validate` (engineering notes: 35–320 ms each). */
const HEAVY_PACKAGES = ['ts-morph', '@ts-morph/common', 'typescript', 'json-schema-to-typescript', 'prettier'];

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

// ---------------------------------------------------------------------------
// Statistics and formatting

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const summary = (xs) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.length });
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const ms = (x) => `${x.toFixed(1)} ms`;
const pad = (s, n) => String(s).padEnd(n);
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/** Wall and CPU summaries of one spawnInterleaved case. */
function stats(c) {
  return { wall: summary(c.wall), cpu: summary(c.cpu.filter(Number.isFinite)) };
}
function overBaseline(m, base) {
  return {
    wallMedian: round(m.wall.median - base.wall.median),
    wallMin: round(m.wall.min - base.wall.min),
    cpuMedian: round(m.cpu.median - base.cpu.median),
  };
}
const cpuNote = (m) => `  CPU ${ms(m.cpu.median)}`;
function heavyCheck(name, modules) {
  return {
    name,
    target: `none of ${HEAVY_PACKAGES.join(', ')}`,
    value: modules.heavy.length ? modules.heavy.join(', ') : modules.files === 0 ? 'the module probe saw nothing' : 'none',
    pass: modules.heavy.length === 0 && modules.files > 0,
  };
}

function line(label, stats, extra = '') {
  return `  ${pad(label, 38)} median ${pad(ms(stats.median), 11)} min ${pad(ms(stats.min), 11)}${extra}`;
}

// ---------------------------------------------------------------------------
// Context shared by the sections

function createContext(options) {
  const corpora = new Map();
  return {
    runs: options.runs,
    root: ROOT,
    /** Set once a section has read the 1,000-template corpus (it is then in the page cache). */
    corpusRead: false,

    /** Generates (once per run) a deterministic corpus; returns its directory and manifest. */
    corpus({ templates, steps, seed = 1 }) {
      const key = `${templates}x${steps}-s${seed}`;
      if (!corpora.has(key)) {
        const dir = path.join(CORPUS_ROOT, `templates-${key}`);
        const t0 = performance.now();
        const manifest = generateCorpus({ dir, templates, steps, seed });
        corpora.set(key, { dir, manifest, generateMs: performance.now() - t0 });
      }
      return corpora.get(key);
    },

    /** Times `fn` `runs` times after one warm-up (unless `warmUp` is false); a full GC before every run. */
    async time(fn, runs = options.runs, warmUp = true) {
      if (warmUp) await fn();
      const out = [];
      for (let i = 0; i < runs; i += 1) {
        gc();
        const t0 = performance.now();
        await fn();
        out.push(performance.now() - t0);
      }
      return out;
    },

    /**
     * Times `node <args>` in fresh processes for each case, interleaved (A B C A B C …) so that
     * load from other processes hits every case alike; one warm-up round unless `warmUp` is false.
     * Every process gets `--import bench/lib/cpu-probe.mjs`, which reports its CPU time.
     * Returns, per case, { wall: number[], cpu: number[], results: spawnSync results, last }.
     * `before(caseIndex)`, when given, runs (untimed) before every process, e.g. to empty an output folder.
     * A case may be a function of the round (-1 for the warm-up) that returns its arguments.
     */
    spawnInterleaved(cases, { runs = options.runs * 2, warmUp = true, before } = {}) {
      const cpuLog = path.join(CORPUS_ROOT, `cpu-${process.pid}.log`);
      const run = (args) => {
        rmSync(cpuLog, { force: true });
        const t0 = process.hrtime.bigint();
        const result = spawnSync(process.execPath, ['--import', pathToFileURL(CPU_PROBE).href, ...args], {
          cwd: ROOT,
          env: { ...process.env, NO_COLOR: '1', TASKER_BENCH_CPU_LOG: cpuLog },
          encoding: 'utf8',
          maxBuffer: 512 * 1024 * 1024,
        });
        const wall = Number(process.hrtime.bigint() - t0) / 1e6;
        if (result.error) throw result.error;
        const cpu = existsSync(cpuLog) ? Number(readFileSync(cpuLog, 'utf8').trim().split('\n').pop()) : NaN;
        return { wall, cpu, result };
      };
      const out = cases.map(() => ({ wall: [], cpu: [], results: [], last: undefined }));
      for (let round = warmUp ? -1 : 0; round < runs; round += 1) {
        cases.forEach((args, i) => {
          before?.(i);
          const r = run(typeof args === 'function' ? args(round) : args);
          out[i].last = r.result;
          if (round >= 0) {
            out[i].wall.push(r.wall);
            out[i].cpu.push(r.cpu);
            out[i].results.push(r.result);
          }
        });
      }
      rmSync(cpuLog, { force: true });
      return out;
    },

    /** Modules loaded by `node <args>`: { packages: [...], files: n, heavy: [...] }. */
    loadedModules(args) {
      const log = path.join(CORPUS_ROOT, `modules-${process.pid}.log`);
      const result = spawnSync(process.execPath, ['--import', pathToFileURL(PROBE).href, ...args], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', TASKER_BENCH_MODULE_LOG: log },
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
      const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
      rmSync(log, { force: true });
      const files = new Set();
      const packages = new Set();
      for (const entry of lines) {
        const target = entry.replace(/^(esm|cjs):/, '');
        if (target.startsWith('node:')) continue;
        const file = target.startsWith('file:') ? fileURLToPath(target) : target;
        files.add(file);
        const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file.slice(file.lastIndexOf('node_modules') - 1));
        if (match) packages.add(match[1].replace(/\\/g, '/'));
      }
      const ownFiles = [...files].filter((f) => f.startsWith(ROOT) && !f.includes(`${path.sep}node_modules${path.sep}`));
      return {
        status: result.status,
        files: files.size,
        ownFiles: ownFiles.length,
        packages: [...packages].sort(),
        heavy: [...packages].filter((p) => HEAVY_PACKAGES.includes(p)).sort(),
      };
    },
  };
}

// ---------------------------------------------------------------------------
// Sections

const VALIDATE_CORPUS = { templates: 1000, steps: 10, seed: 1 };

const SECTIONS = [
  {
    name: 'validate',
    title: 'validate vs parse-only, in process (1,000 templates × 10 steps)',
    async run(ctx) {
      const index = path.join(DIST, 'index.js');
      if (!existsSync(index)) return { skipped: 'dist/index.js is missing: run `npm run build`' };
      const { validateTemplates, checkTemplates } = await import(pathToFileURL(index).href);
      // The baseline is js-yaml's loadAll, the fastest general YAML parse of the same files; the loader
      // reads every file through js-yaml's event parser (src/load/parse.ts).
      const { loadAll } = await import('js-yaml');
      const corpus = ctx.corpus(VALIDATE_CORPUS);
      const { dir, manifest } = corpus;

      const listYaml = (root) =>
        readdirSync(root, { recursive: true })
          .map(String)
          .filter((f) => /\.ya?ml$/i.test(f))
          .sort()
          .map((f) => path.join(root, f));

      let parsed = 0;
      const parseOnly = (root = dir) => {
        parsed = 0;
        for (const file of listYaml(root)) {
          const text = readFileSync(file, 'utf8');
          try {
            loadAll(text);
            parsed += 1;
          } catch {
            // counted as not parsed
          }
        }
      };
      let result;
      const validate = (root = dir) => {
        result = validateTemplates([root]);
      };
      const check = () => checkTemplates(result.templates);

      // Interleave so drift (thermal, other load on the machine) hits both alike.
      const parseTimes = [];
      const validateTimes = [];
      // Warm-up (module loading, JIT, meta-schema compilation) on a small corpus of the same kind:
      // three passes over 50 templates warm the code as well as one pass over 1,000, for a tenth of the time.
      const warm = ctx.corpus({ ...VALIDATE_CORPUS, templates: 50 });
      for (let i = 0; i < 3; i += 1) {
        parseOnly(warm.dir);
        validate(warm.dir);
      }
      const parseCpu = [];
      const validateCpu = [];
      const timed = (fn, wall, cpu) => {
        gc();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn();
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      };
      for (let i = 0; i < ctx.runs; i += 1) {
        timed(parseOnly, parseTimes, parseCpu);
        timed(validate, validateTimes, validateCpu);
      }
      ctx.corpusRead = true;
      // Breakdown of validate: check (all rules) re-run on the templates the last validate loaded;
      // load (read + parse + JSON walk + normalise) ≈ validate − check. No extra pass over the corpus.
      const checkTimes = await ctx.time(check, 3, false);

      const parse = summary(parseTimes);
      const full = summary(validateTimes);
      const ratio = round(full.median / parse.median, 2);
      const ratioMin = round(full.min / parse.min, 2);
      const cpuParse = summary(parseCpu);
      const cpuValidate = summary(validateCpu);
      const ratioCpu = round(cpuValidate.median / cpuParse.median, 2);
      const errors = result.summary.errors;
      const codes = {};
      for (const d of result.diagnostics) codes[`${d.severity}:${d.code}`] = (codes[`${d.severity}:${d.code}`] ?? 0) + 1;
      return {
        metrics: {
          corpus: { ...manifest, dir: rel(dir), generateMs: round(corpus.generateMs) },
          parseOnly: parse,
          validate: full,
          ratio,
          ratioOfMins: ratioMin,
          cpu: { parseOnly: cpuParse, validate: cpuValidate, ratio: ratioCpu },
          check: summary(checkTimes),
          loadEstimate: round(full.median - median(checkTimes)),
          perTemplateMs: round(full.median / manifest.files, 3),
          throughputMBps: round(manifest.bytes / 1e6 / (full.median / 1000), 2),
          parsedWithoutError: parsed,
          diagnostics: codes,
        },
        lines: [
          `  corpus ${rel(dir)}: ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.stepCount} steps, ${manifest.schemaCount} schemas (generated in ${ms(corpus.generateMs)})`,
          line('parse-only (read + js-yaml loadAll)', parse, `  CPU ${ms(cpuParse.median)}`),
          line(
            'validate (validateTemplates)',
            full,
            `  CPU ${ms(cpuValidate.median)}; ${(full.median / manifest.files).toFixed(2)} ms/template`,
          ),
          line('  of which check (checkTemplates)', summary(checkTimes), '  (re-run on the loaded templates)'),
          `    so load (read, parse, walk, normalise) ≈ ${ms(full.median - median(checkTimes))}`,
          `  ratio validate / parse-only: ${ratio}× (wall medians; PASS/FAIL uses this), ${ratioMin}× (wall mins), ${ratioCpu}× (CPU medians)`,
          `  diagnostics: ${
            Object.entries(codes)
              .map(([k, v]) => `${k} ×${v}`)
              .join(', ') || 'none'
          }`,
        ],
        checks: [
          { name: 'synthetic corpus is valid (0 errors)', target: '0 errors', value: `${errors} errors`, pass: errors === 0 },
          { name: 'validate ≤ 2.5× parse-only', target: '≤ 2.50×', value: `${ratio}×`, pass: ratio <= 2.5 },
        ],
      };
    },
  },

  {
    name: 'startup',
    title: 'CLI start-up: --version and --help in fresh processes',
    async run(ctx) {
      if (!existsSync(BIN)) return { skipped: 'bin/tasker-ctl.js does not exist yet' };
      const flags = ['--version', '--help'];
      const [base, ...measured] = ctx.spawnInterleaved([BASELINE, ...flags.map((flag) => [BIN, flag])]);
      const baseStats = stats(base);
      const out = {
        metrics: { nodeBaseline: baseStats },
        lines: [line('node --input-type=module -e "" (baseline)', baseStats.wall, cpuNote(baseStats))],
        checks: [],
      };
      flags.forEach((flag, i) => {
        const m = stats(measured[i]);
        const over = overBaseline(m, baseStats);
        const modules = ctx.loadedModules([BIN, flag]);
        const status = measured[i].last.status;
        out.metrics[flag] = { ...m, overBaseline: over, exitCode: status, modules };
        out.lines.push(
          line(
            `tasker-ctl ${flag}`,
            m.wall,
            `${cpuNote(m)}; +${ms(over.wallMedian)} wall, +${ms(over.cpuMedian)} CPU over node; exit ${status}`,
          ),
        );
        out.lines.push(`    loaded: ${modules.ownFiles} own modules; packages: ${modules.packages.join(', ') || 'none'}`);
        out.checks.push({ name: `${flag} exits 0`, target: 'exit 0', value: `exit ${status}`, pass: status === 0 });
        out.checks.push(heavyCheck(`${flag} loads no ts-morph / json-schema-to-typescript`, modules));
        // ajv checks schemas: a command that checks none must not pay for it (the code catalogue imports every rule).
        out.checks.push({
          name: `${flag} loads no ajv`,
          target: 'no ajv',
          value: modules.packages.includes('ajv') ? 'ajv' : 'none',
          pass: !modules.packages.includes('ajv'),
        });
      });
      return out;
    },
  },

  {
    name: 'e2e',
    title: 'end-to-end: tasker-ctl validate templates <1,000 templates> --format json',
    async run(ctx) {
      if (!existsSync(BIN)) return { skipped: 'bin/tasker-ctl.js does not exist yet' };
      const { dir, manifest } = ctx.corpus(VALIDATE_CORPUS);
      const args = [BIN, 'validate', 'templates', rel(dir), '--format', 'json'];
      // Each run re-validates the whole corpus: 3 runs keep `npm run bench` under 3 minutes. No warm-up run
      // when the validate section has just read the corpus (the files are in the page cache; each process is cold anyway).
      const [e2e] = ctx.spawnInterleaved([args], { runs: Math.min(3, ctx.runs), warmUp: !ctx.corpusRead });
      const m = stats(e2e);
      const last = e2e.last;
      let parsedOk = false;
      let summaryLine = '';
      try {
        const json = JSON.parse(last.stdout);
        parsedOk = true;
        const s = json.summary ?? json.results?.summary;
        if (s) summaryLine = `summary ${JSON.stringify(s)}`;
      } catch {
        summaryLine = `stdout is not JSON (${last.stdout.length} bytes); stderr: ${last.stderr.trim().split('\n')[0] ?? ''}`;
      }
      // Which modules `validate` loads does not depend on corpus size: probe on a small corpus of the same kind.
      const small = ctx.corpus({ ...VALIDATE_CORPUS, templates: 20 });
      const modules = ctx.loadedModules([BIN, 'validate', 'templates', rel(small.dir), '--format', 'json']);
      const bytes = Buffer.byteLength(last.stdout);
      return {
        metrics: {
          ...m,
          exitCode: last.status,
          stdoutBytes: bytes,
          jsonOutput: parsedOk,
          perTemplateMs: round(m.wall.median / manifest.files, 3),
          modules,
        },
        lines: [
          line(
            `validate templates (${manifest.files} files)`,
            m.wall,
            `${cpuNote(m)}; exit ${last.status}, ${(bytes / 1e3).toFixed(0)} kB JSON`,
          ),
          `    ${summaryLine}`,
          `    loaded: ${modules.ownFiles} own modules; packages: ${modules.packages.join(', ') || 'none'}`,
        ],
        checks: [
          { name: 'exits 0 on a valid corpus', target: 'exit 0', value: `exit ${last.status}`, pass: last.status === 0 },
          { name: 'stdout is JSON', target: 'JSON', value: parsedOk ? 'JSON' : 'not JSON', pass: parsedOk },
          heavyCheck('validate loads no ts-morph / json-schema-to-typescript', modules),
        ],
      };
    },
  },

  {
    name: 'runtime',
    title: "runtime import cost: import('tasker-ctl/runtime') in a fresh process",
    async run(ctx) {
      const entry = path.join(DIST, 'runtime', 'index.js');
      if (!existsSync(entry)) return { skipped: 'dist/runtime/index.js does not exist yet' };
      const url = JSON.stringify(pathToFileURL(entry).href);
      // The third case times the same import inside the process (wall and CPU): less noise than a difference.
      const timed = `const t = performance.now(), c = process.cpuUsage(); await import(${url}); const d = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: performance.now() - t, cpu: (d.user + d.system) / 1000 }));`;
      const [base, imp, inside] = ctx.spawnInterleaved([
        BASELINE,
        ['--input-type=module', '-e', `await import(${url});`],
        ['--input-type=module', '-e', timed],
      ]);
      const baseStats = stats(base);
      const m = stats(imp);
      const over = overBaseline(m, baseStats);
      const samples = inside.results.map((r) => JSON.parse(r.stdout));
      const insideWall = summary(samples.map((x) => x.wall));
      const insideCpu = summary(samples.map((x) => x.cpu));
      const modules = ctx.loadedModules(['--input-type=module', '-e', `await import(${url});`]);
      return {
        metrics: { nodeBaseline: baseStats, import: m, overBaseline: over, inProcess: { wall: insideWall, cpu: insideCpu }, modules },
        lines: [
          line('node --input-type=module -e "" (baseline)', baseStats.wall, cpuNote(baseStats)),
          line(
            'node -e "await import(\'tasker-ctl/runtime\')"',
            m.wall,
            `${cpuNote(m)}; +${ms(over.wallMedian)} wall, +${ms(over.cpuMedian)} CPU over node`,
          ),
          line('import() timed inside the process', insideWall, `  CPU median ${ms(insideCpu.median)}`),
          `    loaded: ${modules.ownFiles} own modules; packages: ${modules.packages.join(', ') || 'none'}`,
        ],
        checks: [
          {
            name: 'runtime import < 50 ms over empty node (wall, medians)',
            target: '< 50 ms',
            value: ms(over.wallMedian),
            pass: over.wallMedian < 50,
          },
          // The same target on CPU time: when the two disagree, other processes were competing for the cores.
          {
            name: 'runtime import < 50 ms over empty node (CPU, medians)',
            target: '< 50 ms',
            value: ms(over.cpuMedian),
            pass: over.cpuMedian < 50,
          },
          heavyCheck('runtime loads no ts-morph / json-schema-to-typescript', modules),
        ],
      };
    },
  },

  {
    name: 'generate',
    title: 'tasker-ctl generate on 1,000 templates, and a no-change --check next to validate templates',
    async run(ctx) {
      if (!existsSync(BIN)) return { skipped: 'bin/tasker-ctl.js does not exist yet' };
      const { dir, manifest } = ctx.corpus(VALIDATE_CORPUS);
      const runs = Math.min(3, ctx.runs);
      // Each generate writes into a folder that does not exist yet: every file is created. The
      // folders of earlier runs are deleted before timing starts, never between runs: creating
      // 11,000 files right after deleting 11,000 others measured 3-8x slower on this machine's
      // ext4 (the deletion's deferred work), a cost that belongs to the cleanup, not to generate.
      const outFor = (round) => path.join(CORPUS_ROOT, `generated-${round}`);
      const clearOutputs = () => {
        for (const name of readdirSync(CORPUS_ROOT))
          if (name.startsWith('generated')) rmSync(path.join(CORPUS_ROOT, name), { recursive: true, force: true });
        spawnSync('sync');
      };
      clearOutputs();
      const [gen] = ctx.spawnInterleaved([(round) => [BIN, 'generate', rel(dir), '--out', rel(outFor(round)), '-q']], {
        runs,
        warmUp: false,
      });
      const out = outFor(runs - 1);
      const files = gen.last.status === 0 ? readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.ts')).length : 0;
      // The tree is now up to date: --check must exit 0, and is compared with validate on the same corpus.
      const [check, validate] = ctx.spawnInterleaved(
        [
          [BIN, 'generate', rel(dir), '--out', rel(out), '--check', '-q'],
          [BIN, 'validate', 'templates', rel(dir), '--format', 'json'],
        ],
        { runs, warmUp: false },
      );
      clearOutputs();
      const g = stats(gen);
      const c = stats(check);
      const v = stats(validate);
      const ratio = round(c.wall.median / v.wall.median, 2);
      const cpuRatio = round(c.cpu.median / v.cpu.median, 2);
      return {
        metrics: { generate: g, check: c, validate: v, files, checkOverValidate: ratio, checkOverValidateCpu: cpuRatio },
        lines: [
          line(`generate (${manifest.files} templates → ${files} files)`, g.wall, `${cpuNote(g)}; exit ${gen.last.status}`),
          line('generate --check (no change)', c.wall, `${cpuNote(c)}; exit ${check.last.status}`),
          line('validate templates (same corpus)', v.wall, `${cpuNote(v)}; exit ${validate.last.status}`),
          `    --check / validate: ${ratio}× wall (medians), ${cpuRatio}× CPU`,
        ],
        checks: [
          { name: 'generate exits 0', target: 'exit 0', value: `exit ${gen.last.status}`, pass: gen.last.status === 0 },
          {
            name: 'generate 1,000 templates < 10 s (wall median)',
            target: '< 10000 ms',
            value: ms(g.wall.median),
            pass: g.wall.median < 10_000,
          },
          { name: 'no-change --check exits 0', target: 'exit 0', value: `exit ${check.last.status}`, pass: check.last.status === 0 },
          { name: 'no-change --check ≤ 2× validate templates (wall medians)', target: '≤ 2.00×', value: `${ratio}×`, pass: ratio <= 2 },
        ],
      };
    },
  },
  {
    name: 'corpus',
    title: "the real corpus (../shared/corpus, 129 templates): validate and generate against node -e ''",
    async run(ctx) {
      if (!existsSync(BIN)) return { skipped: 'bin/tasker-ctl.js does not exist yet' };
      const corpus = path.resolve(ROOT, '..', 'shared', 'corpus');
      if (!existsSync(corpus)) return { skipped: `${corpus} is absent (a plain clone)` };
      // A fresh output folder per round, the old ones deleted before timing (see the generate section).
      const outFor = (round) => path.join(CORPUS_ROOT, `corpus-generated-${round}`);
      const clearOutputs = () => {
        for (const name of readdirSync(CORPUS_ROOT))
          if (name.startsWith('corpus-generated')) rmSync(path.join(CORPUS_ROOT, name), { recursive: true, force: true });
        spawnSync('sync');
      };
      clearOutputs();
      const [base, validate, generate] = ctx.spawnInterleaved([
        BASELINE,
        [BIN, 'validate', 'templates', corpus, '-q'],
        (round) => [BIN, 'generate', corpus, '--out', rel(outFor(round)), '-q'],
      ]);
      clearOutputs();
      const b = stats(base);
      const v = stats(validate);
      const g = stats(generate);
      const ratio = (m) => round(m.wall.median / b.wall.median, 2);
      return {
        metrics: { nodeBaseline: b, validate: { ...v, overNode: ratio(v) }, generate: { ...g, overNode: ratio(g) } },
        lines: [
          line("node --input-type=module -e '' (baseline)", b.wall, cpuNote(b)),
          line('validate templates (129 templates)', v.wall, `${cpuNote(v)}; ${ratio(v)}× node; exit ${validate.last.status}`),
          line('generate (129 templates, fresh folder)', g.wall, `${cpuNote(g)}; ${ratio(g)}× node; exit ${generate.last.status}`),
        ],
        checks: [
          { name: 'validate exits 0', target: 'exit 0', value: `exit ${validate.last.status}`, pass: validate.last.status === 0 },
          { name: 'generate exits 0', target: 'exit 0', value: `exit ${generate.last.status}`, pass: generate.last.status === 0 },
        ],
      };
    },
  },
  registrySection(),
  {
    name: 'watch',
    title: 'generate --watch: a one-template edit in a 100-template project, from save to regenerated',
    async run(ctx) {
      if (!existsSync(BIN)) return { skipped: 'bin/tasker-ctl.js does not exist yet' };
      const { dir } = ctx.corpus({ templates: 100, steps: 10 });
      const project = path.join(CORPUS_ROOT, 'watch-project');
      rmSync(project, { recursive: true, force: true });
      cpSync(dir, path.join(project, 'tasks'), { recursive: true });
      const edited = path.join(
        project,
        'tasks',
        readdirSync(path.join(project, 'tasks'), { recursive: true })
          .map(String)
          .find((f) => f.endsWith('.yaml')),
      );
      const original = readFileSync(edited, 'utf8');
      const child = spawn(process.execPath, [BIN, 'generate', 'tasks', '--out', 'gen', '--watch', '-q'], { cwd: project });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const waitForLines = async (pattern, count) => {
        const deadline = Date.now() + 60_000;
        while (stderr.split('\n').filter((l) => pattern.test(l)).length < count) {
          if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch: no ${pattern} (${stderr.slice(-500)})`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        return stderr.split('\n').filter((l) => pattern.test(l))[count - 1];
      };
      try {
        await waitForLines(/watching for changes/, 1);
        const latencies = [];
        const cycles = [];
        const rounds = Math.max(5, ctx.runs);
        for (let i = 1; i <= rounds; i += 1) {
          // A real edit: the template's description, which its contracts file carries.
          const t0 = performance.now();
          writeFileSync(edited, original.replace(/^description: .*$/m, `description: "edit ${i}"`));
          const cycleLine = await waitForLines(/changed: /, i);
          latencies.push(performance.now() - t0);
          cycles.push(Number(/in (\d+) ms$/.exec(cycleLine)?.[1]));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const wall = summary(latencies);
        const inCycle = summary(cycles);
        const lastLine =
          stderr
            .split('\n')
            .filter((l) => /changed: /.test(l))
            .at(-1) ?? '';
        return {
          metrics: { saveToRegenerated: wall, cycle: inCycle },
          lines: [
            line('save → "changed" line (100 templates, 1 edited)', wall, `of which the cycle itself: median ${ms(inCycle.median)}`),
            `    last cycle: ${lastLine.replace(/^tasker-ctl: /, '')}`,
          ],
          checks: [
            {
              name: 'the edit regenerates its contracts file',
              target: '1 file written',
              value: /1 file written/.test(lastLine) ? '1 file written' : lastLine,
              pass: /1 file written/.test(lastLine),
            },
            {
              name: 'one-template edit regenerated < 300 ms after the save (median)',
              target: '< 300 ms',
              value: ms(wall.median),
              pass: wall.median < 300,
            },
          ],
        };
      } finally {
        child.kill('SIGINT');
        rmSync(project, { recursive: true, force: true });
      }
    },
  },
];

// ---------------------------------------------------------------------------

async function main(argv) {
  const args = argv.slice(2);
  const options = { runs: 5, strict: false };
  const names = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    if (a === '--runs') options.runs = Math.max(1, Number(args[++i]));
    else if (a === '--strict') options.strict = true;
    else if (a === '--list') {
      for (const s of SECTIONS) console.log(`${pad(s.name, 16)} ${s.title}`);
      return 0;
    } else if (a.startsWith('-')) {
      console.error(`unknown option ${a}`);
      return 2;
    } else names.push(a);
  }
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const selected = names.length ? SECTIONS.filter((s) => names.includes(s.name)) : SECTIONS;

  mkdirSync(CORPUS_ROOT, { recursive: true });
  const ctx = createContext(options);
  const cpus = os.cpus();
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown'}`,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    runs: options.runs,
  };
  console.log(`tasker-ctl benchmarks — ${machine.date}`);
  console.log(
    `node ${machine.node}, ${machine.platform}, ${machine.cpu}, ${machine.memoryGB} GB; ${options.runs} runs per measurement (spawns: ${options.runs * 2}) after one warm-up`,
  );
  const loadAverage = () => os.loadavg().map((x) => round(x, 2));
  machine.loadAverageAtStart = loadAverage();
  console.log(
    `load average ${machine.loadAverageAtStart.join(' ')}${machine.loadAverageAtStart[0] > cpus.length / 2 ? '  ⚠ the machine is busy: wall times will be noisy; trust the min columns' : ''}\n`,
  );

  const report = { machine, sections: {} };
  const started = performance.now();
  let failed = 0;
  let crashed = 0;
  for (const section of selected) {
    console.log(`▸ ${section.name}: ${section.title}`);
    const t0 = performance.now();
    let result;
    try {
      result = await section.run(ctx);
    } catch (error) {
      crashed += 1;
      result = { error: String(error?.stack ?? error) };
      console.log(`  ERROR ${error?.stack ?? error}`);
    }
    if (result.skipped) console.log(`  SKIP ${result.skipped}`);
    for (const l of result.lines ?? []) console.log(l);
    for (const c of result.checks ?? []) {
      if (!c.pass) failed += 1;
      console.log(`  ${c.pass ? 'PASS' : 'FAIL'} ${c.name}: ${c.value} (target ${c.target})`);
    }
    const seconds = round((performance.now() - t0) / 1000, 1);
    const loadAfter = loadAverage();
    console.log(`  (${seconds} s; load average after: ${loadAfter.join(' ')})\n`);
    const { lines: _lines, ...data } = result;
    report.sections[section.name] = { ...data, seconds, loadAverageAfter: loadAfter };
  }
  report.totalSeconds = round((performance.now() - started) / 1000, 1);
  report.failedChecks = failed;
  const reportPath = path.join(CORPUS_ROOT, 'report.json');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `${failed === 0 ? 'all checks passed' : `${failed} check(s) FAILED`}${crashed ? `, ${crashed} section(s) crashed` : ''}; total ${report.totalSeconds} s; report: ${rel(reportPath)}`,
  );
  if (crashed) return 3;
  return options.strict && failed ? 1 : 0;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 3;
  },
);

// ---------------------------------------------------------------------------
// registry (hoisted: SECTIONS refers to it)

/**
 * `validate registry` on 1,000 handler files (one `defineHandler` each) against the templates
 * declaring their callables (100 × 10 steps), end to end in fresh processes; the in-process split
 * (load templates, scan sources, compare); and a variant with every 50th handler left out, which
 * must be found.
 */
function registrySection() {
  const REGISTRY = { templates: 100, steps: 10, seed: 1, files: 1000 };
  return {
    name: 'registry',
    title: 'validate registry: 1,000 handler files (synth.generateHandlerProject) vs 100 templates × 10 steps',
    async run(ctx) {
      if (!existsSync(BIN) || !existsSync(path.join(DIST, 'registry', 'scan.js')))
        return { skipped: 'dist/registry is missing: run `npm run build`' };
      const { dir: templates, manifest } = ctx.corpus(REGISTRY);
      // Generated once: kept while its manifest matches (the generator is deterministic).
      const project = (omit) => {
        const dir = path.join(
          CORPUS_ROOT,
          `handlers-${REGISTRY.files}x${REGISTRY.templates}x${REGISTRY.steps}-s${REGISTRY.seed}${omit ? `-omit${omit}` : ''}`,
        );
        const t0 = performance.now();
        let made;
        try {
          made = JSON.parse(readFileSync(path.join(dir, '.manifest.json'), 'utf8'));
          if (
            made.templates !== REGISTRY.templates ||
            made.steps !== REGISTRY.steps ||
            made.seed !== REGISTRY.seed ||
            made.omitted === undefined
          )
            made = undefined;
        } catch {
          made = undefined;
        }
        made ??= generateHandlerProject({ dir, ...REGISTRY, omit });
        return { dir, handlers: path.join(dir, 'src', 'handlers'), made, generateMs: performance.now() - t0 };
      };
      const full = project(0);
      const args = [BIN, 'validate', 'registry', '--templates', rel(templates), '--handlers', rel(full.handlers), '--format', 'json'];
      // Interleaved with `validate templates` on the same templates: what the registry check adds to it.
      const baseArgs = [BIN, 'validate', 'templates', rel(templates), '--format', 'json'];
      const [base, e2e] = ctx.spawnInterleaved([baseArgs, args], { runs: Math.min(3, ctx.runs) });
      const m = stats(e2e);
      const b = stats(base);
      const added = { wallMedian: round(m.wall.median - b.wall.median), cpuMedian: round(m.cpu.median - b.cpu.median) };
      let summaryJson;
      try {
        summaryJson = JSON.parse(e2e.last.stdout).summary;
      } catch {
        summaryJson = undefined;
      }

      // In-process split, warm (module loading excluded): load, scan, compare.
      const { loadTemplates } = await import(pathToFileURL(path.join(DIST, 'load', 'index.js')).href);
      const { scanHandlers } = await import(pathToFileURL(path.join(DIST, 'registry', 'scan.js')).href);
      const { compareRegistry } = await import(pathToFileURL(path.join(DIST, 'registry', 'compare.js')).href);
      const { checkRegistry } = await import(pathToFileURL(path.join(DIST, 'app', 'registry.js')).href);
      const few = Math.min(2, ctx.runs);
      let loaded;
      let scanned;
      const loadTimes = await ctx.time(() => {
        loaded = loadTemplates([templates], { cwd: ROOT });
      }, few);
      const scanTimes = await ctx.time(() => {
        scanned = scanHandlers([full.handlers], { cwd: ROOT });
      }, few);
      const compareTimes = await ctx.time(() => compareRegistry(loaded.templates, scanned), few);

      // Something to find: every 50th callable without a handler.
      const omitted = project(50);
      const found = await checkRegistry({ templates: [templates], handlers: [omitted.handlers], cwd: ROOT });
      const missing = found.diagnostics.filter((d) => d.code === 'missing-handler').length;

      const load = summary(loadTimes);
      const scan = summary(scanTimes);
      const compare = summary(compareTimes);
      return {
        metrics: {
          templates: { ...manifest, dir: rel(templates) },
          handlers: { ...full.made, dir: rel(full.dir), generateMs: round(full.generateMs) },
          e2e: { ...m, exitCode: e2e.last.status, summary: summaryJson },
          validateTemplatesSameTemplates: b,
          addedByRegistry: added,
          inProcess: { loadTemplates: load, scan, compare, perFileScanMs: round(scan.median / full.made.files, 3) },
          omitVariant: { omitted: omitted.made.omitted, missingHandlerErrors: missing },
        },
        lines: [
          `  ${full.made.files} handler files (${full.made.handlers} handlers) vs ${manifest.files} templates (${manifest.stepCount} steps)`,
          line('validate templates (same templates)', b.wall, cpuNote(b)),
          line('validate registry (fresh process, e2e)', m.wall, `${cpuNote(m)}; exit ${e2e.last.status}`),
          `    the registry check adds ${ms(added.wallMedian)} wall, ${ms(added.cpuMedian)} CPU (both threads) to validate templates`,
          `    summary ${JSON.stringify(summaryJson)}`,
          line('  in process: loadTemplates', load),
          line('  in process: scan sources (parse + walk)', scan, `  ${(scan.median / full.made.files).toFixed(3)} ms/file`),
          line('  in process: compare', compare),
          `  omit variant: ${omitted.made.omitted} handlers left out, ${missing} missing-handler errors`,
        ],
        checks: [
          { name: 'exits 0 on a matching project', target: 'exit 0', value: `exit ${e2e.last.status}`, pass: e2e.last.status === 0 },
          {
            name: 'every handler found, no finding',
            target: '0 errors, 0 warnings',
            value: summaryJson ? `${summaryJson.errors} errors, ${summaryJson.warnings} warnings` : 'no JSON',
            pass: summaryJson?.errors === 0 && summaryJson?.warnings === 0,
          },
          {
            name: 'every omitted handler reported',
            target: `${omitted.made.omitted} missing-handler`,
            value: `${missing}`,
            pass: missing === omitted.made.omitted,
          },
          {
            name: 'validate registry < 3 s (wall median, fresh process)',
            target: '< 3000 ms',
            value: ms(m.wall.median),
            pass: m.wall.median < 3000,
          },
        ],
      };
    },
  };
}
