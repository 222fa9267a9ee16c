// Benchmark `aml-scaffold validate`: copy the official examples 20 times into a temp dir and time the
// CLI end to end (spawned, as users run it; build first with `node scripts/build.mjs`).
// Usage: node bench/validate.mjs [copies=20] [runs=3]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, '..', 'shared', 'azureml-examples-yaml');
const bin = join(root, 'bin', 'aml-scaffold.cjs');
const copies = Number(process.argv[2] ?? 20);
const runs = Number(process.argv[3] ?? 3);

if (!existsSync(join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run `node scripts/build.mjs` first');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'aml-bench-'));
try {
  for (let i = 0; i < copies; i++) cpSync(examples, join(tmp, `copy-${i}`), { recursive: true });
  const times = [];
  let files = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const out = spawnSync(process.execPath, [bin, 'validate', tmp, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (out.status !== 0) {
      console.error(`validate exited with ${out.status}\n${out.stderr}`);
      process.exit(1);
    }
    files = JSON.parse(out.stdout).files.length;
  }
  const best = Math.min(...times);
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`${files} files (${copies} copies of the examples), ${runs} runs, including node start-up`);
  console.log(`best ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms`);
  console.log(`${((files / best) * 1000).toFixed(0)} files/s, ${((best / files) * 1000).toFixed(0)} ms per 1,000 files`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
