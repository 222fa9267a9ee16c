import { execa } from 'execa';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { initProject } from '../helpers/project.js';
import { PYTHON, pythonHas } from '../helpers/python.js';

/**
 * The generated projects' own offline pipeline tests, run for real on scikit-learn and PyTorch: every
 * step of jobs/pipeline.yml through its component command on tiny data, the gate keeping a better
 * champion and promoting over a worse one (local registry), and the data-collecting scoring wrapper.
 * Nothing may be skipped. (TensorFlow, Keras and RLlib run the same tests in their own CI; here they
 * are checked statically by test/python/frameworks-static.test.ts.)
 */
const libs = await pythonHas(['sklearn', 'torch', 'torchvision', 'pytest', 'yaml', 'pandas']);

describe.skipIf(!libs.ok)(`offline pipeline runs (needs ${libs.missing.join(', ') || 'nothing missing'})`, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-pipe-');
  });
  afterAll(() => tmp.cleanup());

  it.each([
    ['sklearn', ['--framework', 'sklearn'], 6],
    ['pytorch', ['--framework', 'pytorch'], 6],
    ['sklearn batch (no scoring wrapper)', ['--framework', 'sklearn', '--target', 'batch'], 4],
  ] as const)('%s: the pipeline and gate tests pass, none skipped', async (label, args, expected) => {
    const parent = join(tmp.path, label.split(' ')[0] + String(expected));
    await mkdir(parent);
    const dir = await initProject(parent, 'proj', [...args]);
    const files = ['tests/test_pipeline_local.py', ...(expected === 6 ? ['tests/test_score_monitored.py'] : [])];
    const r = await execa(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs', ...files], {
      cwd: dir,
      reject: false,
      env: { PYTHONDONTWRITEBYTECODE: '1' },
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.exitCode, out).toBe(0);
    expect(out).toMatch(new RegExp(`\\b${expected} passed\\b`));
    expect(out).not.toMatch(/skipped/);
  }, 600_000);
});
