import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** Unsupported target × serving × framework combinations, as users meet them: the built CLI. */
describe('init refuses unsupported serving combinations', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-serving-cli-');
  });
  afterAll(() => tmp.cleanup());

  it.each([
    [['--serving', 'triton', '--target', 'batch'], /--serving triton works on online and kubernetes targets only, not batch/],
    [['--framework', 'rllib', '--serving', 'mlflow'], /--serving mlflow needs an MLflow model flavor, and Ray RLlib has none; use --serving script/],
    [['--framework', 'pytorch', '--serving', 'mlflow', '--target', 'batch'], /MLflow batch deployments read CSV or Parquet files; PyTorch takes images/],
    [['--target', 'none', '--serving', 'triton'], /--serving triton needs a deployment target/],
    [['--target', 'kubernetes', '--serving', 'mlflow'], /no-code MLflow deployment\) works on managed online and batch endpoints only, not on Kubernetes/],
  ])('%j: exit 2, one line saying why, nothing written', async (args, reason) => {
    const r = await runCli(['init', 'demo', '--yes', '--no-git', ...args], { cwd: tmp.path });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
    expect(await readdir(tmp.path)).toEqual([]);
  });
});
