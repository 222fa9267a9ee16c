import { execa } from 'execa';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../src/spec/ids.js';
import { repoRoot, tempDir } from '../helpers/cli.js';
import { initProject } from '../helpers/project.js';
import { PYTHON } from '../helpers/python.js';

/**
 * The official azure-ai-ml loader (Debian python3-azure, 1.4.0, with the pydash stand-in in
 * test/oracle/pydash) loads every component, the pipeline job (and validates its step bindings the
 * way `az ml job create` does), the data and environment assets, the retraining schedule and the
 * online deployment. Exceptions for fields 1.4.0 predates are listed in load_pipeline.py.
 */
const ORACLE_ENV = { PYTHONPATH: join(repoRoot, 'test', 'oracle'), PYTHONDONTWRITEBYTECODE: '1' };
const probe = await execa(PYTHON, ['-c', 'import azure.ai.ml, yaml'], { reject: false, env: ORACLE_ENV });
if (probe.exitCode !== 0 && process.env.CI) throw new Error(`CI needs python3-azure for ${PYTHON} (see .ci/run)`);
const sdk = { ok: probe.exitCode === 0 };

describe.skipIf(!sdk.ok)('azure-ai-ml loads the pipeline projects', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.cleanup());

  const cases: Array<[string, string[]]> = [
    ...FRAMEWORKS.map((f): [string, string[]] => [f, ['--framework', f]]),
    ['sklearn batch', ['--target', 'batch']],
    ['sklearn mlflow', ['--serving', 'mlflow']],
    ['pytorch kubernetes', ['--framework', 'pytorch', '--target', 'kubernetes']],
    ['pytorch serverless, 2 nodes', ['--framework', 'pytorch', '--compute', 'serverless', '--nodes', '2']],
    ['sklearn privacy + responsible-ai', ['--extras', 'privacy,responsible-ai']],
  ];

  it.each(cases)('%s', async (label, args) => {
    const parent = join(tmp.path, label.replace(/\W+/g, '-'));
    await mkdir(parent);
    const dir = await initProject(parent, 'proj', args);
    const r = await execa(PYTHON, [join(repoRoot, 'test', 'pipeline', 'load_pipeline.py'), dir], {
      reject: false,
      env: ORACLE_ENV,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const verdicts = JSON.parse(r.stdout) as Record<string, string | null>;
    expect(Object.keys(verdicts)).toEqual(expect.arrayContaining(['jobs/pipeline.yml', 'components/train.yml', 'schedules/retrain.yml']));
    expect(Object.keys(verdicts).filter((p) => p.startsWith('components/')).length).toBeGreaterThanOrEqual(3);
    expect(Object.entries(verdicts).filter(([, error]) => error !== null)).toEqual([]);
  });

  it('catches a broken binding (the oracle can fail)', async () => {
    const parent = join(tmp.path, 'broken');
    await mkdir(parent);
    const dir = await initProject(parent, 'proj', []);
    const { readFile, writeFile } = await import('node:fs/promises');
    const path = join(dir, 'jobs', 'pipeline.yml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('      metrics: ${{parent.jobs.train.outputs.metrics}}\n', ''));
    const r = await execa(PYTHON, [join(repoRoot, 'test', 'pipeline', 'load_pipeline.py'), dir], {
      reject: false,
      env: ORACLE_ENV,
    });
    expect(JSON.parse(r.stdout)['jobs/pipeline.yml']).toMatch(/metrics/);
  });
});
