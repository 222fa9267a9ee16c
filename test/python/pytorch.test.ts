import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { checkPython, initProject, runPytest } from '../helpers/project.js';
import { pythonHas } from '../helpers/python.js';

const libs = await pythonHas(['torch', 'torchvision', 'PIL', 'numpy', 'onnx', 'pytest', 'pyflakes']);

describe.skipIf(!libs.ok)(`generated PyTorch projects run their own tests (needs ${libs.missing.join(', ') || 'nothing missing'})`, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-pt-');
  });
  afterAll(() => tmp.cleanup());

  it('default PyTorch project: pytest passes with nothing skipped, including the 2-process gloo test', async () => {
    const dir = await initProject(tmp.path, 'pt', ['--framework', 'pytorch']);
    await checkPython(dir);
    expect(await readFile(join(dir, 'tests/test_distributed.py'), 'utf8')).toContain('gloo');
    const r = await runPytest(dir);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.skipped, r.output).toBe(0);
    expect(r.output).toMatch(/test_distributed/);
    expect(r.passed).toBeGreaterThan(20);
  });
});
