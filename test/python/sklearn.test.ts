import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { checkPython, initProject, runPytest } from '../helpers/project.js';
import { pythonHas } from '../helpers/python.js';

const libs = await pythonHas(['sklearn', 'numpy', 'pytest', 'pyflakes', 'yaml']);

describe.skipIf(!libs.ok)(`generated scikit-learn projects run their own tests (needs ${libs.missing.join(', ') || 'nothing missing'})`, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-py-');
  });
  afterAll(() => tmp.cleanup());

  it.each([
    ['online/script', []],
    ['batch/script', ['--target', 'batch']],
    ['online/mlflow', ['--serving', 'mlflow']],
    ['none', ['--target', 'none']],
  ])('%s: pytest passes with nothing skipped; Python compiles and is pyflakes-clean', async (label, args) => {
    const dir = await initProject(tmp.path, `skl-${label.replace('/', '-')}`, args as string[]);
    await checkPython(dir);
    const r = await runPytest(dir);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.passed).toBeGreaterThan(5);
    expect(r.skipped, r.output).toBe(0);
  });
});
