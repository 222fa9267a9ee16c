import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { checkPython, initProject, runPytest } from '../helpers/project.js';
import { PYTHON, pythonHas } from '../helpers/python.js';
import { execa } from 'execa';

const libs = await pythonHas(['sklearn', 'numpy', 'pytest', 'pyflakes', 'yaml']);

/** Packages the extras need that Debian does not ship; their tests must skip naming one of these. */
const NOT_HERE = ['tensorboard', 'skl2onnx', 'onnxruntime', 'fairlearn', 'interpret', 'diffprivlib', 'tenseal', 'matplotlib', 'mlflow'];

describe.skipIf(!libs.ok)('a scikit-learn project with every extra at once', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-all-');
  });
  afterAll(() => tmp.cleanup());

  it('compiles, is lint-clean, and its pytest passes; skips name only packages missing here', async () => {
    const dir = await initProject(tmp.path, 'everything', ['--extras', 'tensorboard,onnx,responsible-ai,privacy,encryption,sweep']);
    await checkPython(dir);
    const r = await runPytest(dir);
    expect(r.exitCode, r.output).toBe(0);
    const lines = [...r.output.matchAll(/^SKIPPED \[(\d+)\] [^:]+:\d+: (.*)$/gm)];
    expect(lines.reduce((n, m) => n + Number(m[1]), 0)).toBe(r.skipped);
    const reasons = lines.map((m) => m[2]);
    for (const reason of reasons) {
      const named = NOT_HERE.find((p) => reason.includes(p));
      expect(named, reason).toBeDefined();
      const importable = await execa(PYTHON, ['-c', `import ${named}`], { reject: false });
      expect(importable.exitCode, `${named} is importable here, so it must not be skipped`).not.toBe(0);
    }
  });
});
