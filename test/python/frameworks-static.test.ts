/**
 * TensorFlow, Keras and Ray RLlib projects, checked here without their frameworks (not installable on
 * this machine): every combination below generates, compiles, is pyflakes-clean, and its own pytest
 * suite exits 0 with the pure parts (data, payload, TF_CONFIG, Ray roles, artifacts, CLI) run for real and
 * only the framework-gated tests skipped, each naming the missing package. The generated projects' CI
 * installs the frameworks and runs the gated tests too.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { checkPython, initProject, runPytest } from '../helpers/project.js';
import { pythonHas } from '../helpers/python.js';

const libs = await pythonHas(['numpy', 'PIL', 'pytest', 'pyflakes', 'yaml']);

/** Packages a skip may name: the frameworks, MLflow and the ONNX tooling are not installable here. */
const SKIPPABLE = /\b(tensorflow|keras|ray|ray\[rllib\]|mlflow|tf2onnx|onnxruntime)\b/i;

type Case = [label: string, framework: 'tensorflow' | 'keras' | 'rllib', args: string[]];

const cases: Case[] = [];
for (const framework of ['tensorflow', 'keras', 'rllib'] as const) {
  cases.push(
    [`${framework} online/script (default)`, framework, []],
    [`${framework} kubernetes/script`, framework, ['--target', 'kubernetes']],
    [`${framework} batch/script`, framework, ['--target', 'batch']],
    [`${framework} none (training only)`, framework, ['--target', 'none']],
  );
  if (framework !== 'rllib') {
    cases.push([`${framework} online/mlflow`, framework, ['--serving', 'mlflow']], [`${framework} online/triton`, framework, ['--serving', 'triton']]);
  }
  if (framework !== 'keras') cases.push([`${framework} --nodes 2`, framework, ['--nodes', '2']]);
}

describe.skipIf(!libs.ok)(`TensorFlow, Keras and RLlib projects: framework libraries checked statically here (needs ${libs.missing.join(', ') || 'nothing missing'})`, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-fw-');
  });
  afterAll(() => tmp.cleanup());

  it.each(cases)('%s: compiles, pyflakes-clean, pytest exits 0 with only framework-package skips', async (label, framework, args) => {
    const name = label.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '').slice(0, 24);
    const dir = await initProject(tmp.path, name, ['--framework', framework, ...args]);
    const target = args.includes('--target') ? args[args.indexOf('--target') + 1] : 'online';
    const script = !args.includes('--serving');
    const has = (path: string) => existsSync(join(dir, path));

    // The file rules: scoring code and its tests only with what they read.
    expect(has('src/score.py') && has('tests/test_score.py') && has('deploy/sample-request.json')).toBe(script && (target === 'online' || target === 'kubernetes'));
    expect(has('src/batch_score.py') && has('tests/test_batch_score.py') && has('deploy/sample-batch')).toBe(script && target === 'batch');
    expect(has('src/score.py') || has('tests/test_score.py')).toBe(script && (target === 'online' || target === 'kubernetes'));
    expect(has('src/batch_score.py') || has('tests/test_batch_score.py')).toBe(script && target === 'batch');
    if (target === 'none') expect(has('deploy')).toBe(false);

    await checkPython(dir);
    const r = await runPytest(dir);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.failed, r.output).toBe(0);
    expect(r.passed, r.output).toBeGreaterThan(25);
    const skips = r.output.split('\n').filter((line) => line.startsWith('SKIPPED'));
    expect(skips.length, r.output).toBe(r.skipped);
    for (const line of skips) expect(line, 'a skip must name the missing framework package').toMatch(SKIPPABLE);
  });

  it.each([
    ['keras', ['--nodes', '2'], /keras-team\/keras#20585/],
    ['rllib', ['--serving', 'mlflow'], /MLflow model flavor/],
    ['rllib', ['--serving', 'triton'], /ONNX export/],
    ['tensorflow', ['--target', 'none', '--serving', 'mlflow'], /needs a deployment target/],
    ['keras', ['--target', 'batch', '--serving', 'mlflow'], /MLflow batch deployments read CSV/],
    ['tensorflow', ['--target', 'batch', '--serving', 'triton'], /online and kubernetes targets only/],
  ] as const)('%s %j: refused with exit 2 and a reason, nothing written', async (framework, args, reason) => {
    const name = `refused-${framework}-${args.join('').replace(/[^a-z0-9]+/gi, '')}`.slice(0, 24);
    const r = await runCli(['init', name, '--yes', '--no-git', '--framework', framework, ...args], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(existsSync(join(tmp.path, name))).toBe(false);
  });
});
