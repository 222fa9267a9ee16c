#!/usr/bin/env node
/**
 * `npm run bench`: start-up and generation timings of the built CLI against a bare `node -e 0`,
 * plus the published package's size and install footprint.
 *
 * Every case runs `--warmup` times untimed, then `--runs` times; each timed run is preceded by a
 * `node -e 0` run, so the two are measured side by side under the same machine load and the ratio
 * uses the baseline runs next to that case. Medians, not means: one slow run (a GC, a busy
 * neighbour) should not move the result.
 *
 *   node bench/run.mjs [--runs 15] [--warmup 3] [--copies 20] [--corpus dir] [--json] [--check]
 *
 * --json prints the raw numbers as one JSON object; --check exits 1 when a target is missed.
 *
 * On Node >= 22.1 the CLI turns on Node's own compile cache (bin/aml-scaffold.cjs); the warm-up runs fill
 * it, so the timed runs are what every run after a command's first one costs. On Node 20 there is none.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageFacts } from './package.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'aml-scaffold.cjs');

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const RUNS = Number(flag('runs', 15));
const WARMUP = Number(flag('warmup', 3));
const COPIES = Number(flag('copies', 20));
const CORPUS = resolve(flag('corpus', join(root, 'test', 'fixtures', 'azureml-examples', 'cli')));
const JSON_OUT = process.argv.includes('--json');
const log = JSON_OUT ? (...a) => console.error(...a) : (...a) => console.log(...a);

const scratch = mkdtempSync(join(tmpdir(), 'aml-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
// Node's compile cache goes to the bench's own folder, so every run of the bench starts alike.
const cacheDir = join(scratch, 'compile-cache');

/** One spawn of `node <args>`, in ms. Output is discarded (but stderr kept for error messages). */
function spawnNode(args, cwd, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', NODE_COMPILE_CACHE: cacheDir, ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, stderr: String(r.stderr) };
}

let freshCount = 0;
/** A new empty folder for cases that write a project, so every run starts from the same state. */
function freshDir() {
  const dir = join(scratch, `run-${freshCount++}`);
  mkdirSync(dir);
  return dir;
}

function runCase(c) {
  const cwd = freshDir();
  const r = spawnNode([bin, ...c.args], cwd, c.env);
  rmSync(cwd, { recursive: true, force: true });
  if (!(c.okStatus ?? [0]).includes(r.status)) {
    throw new Error(`bench: "aml-scaffold ${c.args.join(' ')}" exited ${r.status}:\n${r.stderr}`);
  }
  return r.ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Case 4 uses extras that may not all be implemented yet: fall back to the same spec without them. */
function extrasCase() {
  const base = ['init', 'x', '--yes', '--no-git', '--framework', 'pytorch', '--target', 'batch'];
  const withExtras = [...base, '--extras', 'onnx,sweep,tensorboard'];
  const probe = spawnNode([bin, ...withExtras], freshDir());
  if (probe.status === 0) return { args: withExtras, note: undefined };
  const reason = probe.stderr.trim().split('\n')[0];
  return { args: base, note: `case 4 ran without --extras onnx,sweep,tensorboard (rejected: ${reason})` };
}

/** The examples corpus copied `COPIES` times; returns the folder and how many files validate checks. */
function validateCorpus() {
  if (!existsSync(CORPUS)) return undefined;
  const dir = join(scratch, 'corpus');
  for (let i = 0; i < COPIES; i++) cpSync(CORPUS, join(dir, `copy-${String(i).padStart(2, '0')}`), { recursive: true });
  const r = spawnSync(process.execPath, [bin, 'validate', '--json', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench: validate failed (${r.status}):\n${r.stderr}`);
  return { dir, files: JSON.parse(r.stdout).files.length };
}

const extras = extrasCase();
const corpus = validateCorpus();
const cases = [
  { id: 'help', label: '`--help`', args: ['--help'], target: 1.3 },
  { id: 'dry-run', label: '`init x --yes --no-git --dry-run`', args: ['init', 'x', '--yes', '--no-git', '--dry-run'] },
  { id: 'init', label: '`init x --yes --no-git` (scikit-learn)', args: ['init', 'x', '--yes', '--no-git'], target: 2.0 },
  { id: 'init-pytorch', label: `\`${extras.args.join(' ')}\``, args: extras.args, target: 2.0 },
];
if (corpus) {
  cases.push({ id: 'validate', label: `\`validate\` (${corpus.files.toLocaleString('en')} files)`, args: ['validate', corpus.dir], okStatus: [0, 1] });
}

log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}; ${WARMUP} warm-up + ${RUNS} timed runs per case`);
const samples = Object.fromEntries(cases.map((c) => [c.id, { runs: [], base: [] }]));
for (const c of cases) for (let i = 0; i < WARMUP; i++) runCase(c);
// Rounds go over all cases, so slow drift in machine load touches every case alike.
for (let round = 0; round < RUNS; round++) {
  for (const c of cases) {
    samples[c.id].base.push(spawnNode(['-e', '0'], scratch).ms);
    samples[c.id].runs.push(runCase(c));
  }
}

const results = cases.map((c) => {
  const ms = median(samples[c.id].runs);
  const base = median(samples[c.id].base);
  return { id: c.id, label: c.label, ms, base, ratio: ms / base, target: c.target };
});
const checks = [];
const fmt = (n, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (ok) => (ok ? '✓' : '✗');

const lines = ['| case | median | `node -e 0` | ratio | target |', '|---|---:|---:|---:|---|'];
for (const r of results) {
  const ok = r.target === undefined || r.ratio <= r.target;
  if (r.target !== undefined) checks.push(ok);
  const target = r.target === undefined ? '' : `≤ ${r.target}× ${mark(ok)}`;
  lines.push(`| ${r.label} | ${fmt(r.ms)} ms | ${fmt(r.base)} ms | ${fmt(r.ratio, 2)}× | ${target} |`);
}
log(`\n${lines.join('\n')}\n`);

let throughput;
if (corpus) {
  const v = results.find((r) => r.id === 'validate');
  throughput = { files: corpus.files, perSecond: corpus.files / (v.ms / 1000), netPerSecond: corpus.files / ((v.ms - v.base) / 1000) };
  checks.push(throughput.perSecond >= 1000);
  log(`validate: ${fmt(throughput.perSecond)} files/s including start-up (${fmt(v.ms / (corpus.files / 1000))} ms per 1,000 files; target ≥ 1,000 ${mark(throughput.perSecond >= 1000)}), ${fmt(throughput.netPerSecond)} files/s net of \`node -e 0\``);
} else {
  log(`validate: skipped (${CORPUS} not found; pass --corpus)`);
}
if (extras.note) log(`note: ${extras.note}`);

const pkg = packageFacts(root, scratch);
checks.push(pkg.packedBytes <= 400_000, pkg.installed === 1);
log(`package: ${fmt(pkg.packedBytes / 1000)} kB packed, ${fmt(pkg.unpackedBytes / 1000)} kB unpacked, ${pkg.entries} files (target ≤ 400 kB packed ${mark(pkg.packedBytes <= 400_000)})`);
log(`npm install <tarball>: ${pkg.installed} package${pkg.installed === 1 ? '' : 's'} in node_modules${pkg.offline ? '' : ' (online install)'} (target 1 ${mark(pkg.installed === 1)})`);

if (JSON_OUT) console.log(JSON.stringify({ node: process.version, runs: RUNS, results, throughput, package: pkg, note: extras.note }));
if (process.argv.includes('--check') && checks.includes(false)) process.exitCode = 1;
