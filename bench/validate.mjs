// Benchmark `aml-scaffold validate` as users run it (one spawned process, node start-up included) over
// the vendored azureml-examples `cli/` corpus (580 files), and over a file with 8,000 aliases of one
// anchor (time must stay linear in aliases). Build first: `node scripts/build.mjs`.
// Usage: node bench/validate.mjs [--corpus <dir>] [--copies 1] [--runs 5]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const corpus = resolve(flag('corpus', join(root, 'test', 'fixtures', 'azureml-examples', 'cli')));
const copies = Number(flag('copies', 1));
const runs = Number(flag('runs', 5));
const bin = join(root, 'bin', 'aml-scaffold.cjs');

if (!existsSync(join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run `node scripts/build.mjs` first');
  process.exit(2);
}

/** Best and median wall time of `validate <dir> --json`, and the number of files it reported. */
function time(target) {
  const times = [];
  let files = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const out = spawnSync(process.execPath, [bin, 'validate', target, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (out.status !== 0 && out.status !== 1) {
      console.error(`validate exited with ${out.status}\n${out.stderr}`);
      process.exit(1);
    }
    files = JSON.parse(out.stdout).files.length;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { files, best: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

const tmp = mkdtempSync(join(tmpdir(), 'aml-bench-'));
try {
  let target = corpus;
  if (copies > 1) {
    target = join(tmp, 'corpus');
    for (let i = 0; i < copies; i++) cpSync(corpus, join(target, `copy-${i}`), { recursive: true });
  }
  const nodeOnly = Math.min(...Array.from({ length: runs }, () => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }));
  const c = time(target);
  console.log(`corpus: ${c.files} files in one process (${copies} cop${copies === 1 ? 'y' : 'ies'} of ${corpus}), ${runs} runs, node ${process.version}`);
  console.log(`  best ${c.best.toFixed(0)} ms, median ${c.median.toFixed(0)} ms (node -e 0: ${nodeOnly.toFixed(0)} ms)`);
  console.log(`  ${((c.files / c.best) * 1000).toFixed(0)} files/s including start-up (target >= 1,000)`);

  for (const n of [2000, 8000]) {
    const file = join(tmp, `aliases-${n}.yml`);
    writeFileSync(file, `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: echo\nenvironment: azureml:e:1\ntags: &t {a: "1", b: "2", c: "3"}\nx-aliases:\n${'  - *t\n'.repeat(n)}`);
    const a = time(file);
    console.log(`aliases: ${n} aliases of one anchor: best ${a.best.toFixed(0)} ms (including start-up)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
