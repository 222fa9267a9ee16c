import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { parseSpec } from '../../src/spec/schema.js';
import { tempDir } from '../helpers/cli.js';
import { checkPython, runPytest } from '../helpers/project.js';
import { pythonHas } from '../helpers/python.js';

/**
 * Each serving mode's offline path, in the generated project's own pytest: script → init()/run() on
 * the sample request; batch → run(mini_batch) over deploy/sample-batch/; triton → the ONNX export
 * checked by onnx.checker and against config.pbtxt and src/triton_client.py; mlflow → the sample
 * request against the signature train.py declares. Generated in process (the same generate() the CLI
 * runs), so these tests do not depend on the bundle.
 */
const libs = await pythonHas(['sklearn', 'torch', 'torchvision', 'PIL', 'numpy', 'onnx', 'pytest', 'pyflakes', 'yaml']);

async function writeProject(parent: string, name: string, fields: Record<string, unknown>): Promise<string> {
  const dir = join(parent, name);
  for (const [path, content] of generate(parseSpec({ name, ...fields }))) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** The reasons pytest printed for skipped tests (`-rs`), one per skipped line. */
function skipReasons(output: string): string[] {
  return [...output.matchAll(/^SKIPPED \[(\d+)\] [^:]+:\d+: (.*)$/gm)].flatMap((m) => Array<string>(Number(m[1])).fill(m[2]));
}

const cases: Array<[string, Record<string, unknown>, RegExp | null]> = [
  ['sklearn online/script', {}, null],
  ['sklearn batch/script', { target: 'batch' }, null],
  ['sklearn online/mlflow', { serving: 'mlflow' }, null],
  ['sklearn batch/mlflow', { serving: 'mlflow', target: 'batch' }, null],
  // skl2onnx is not installable here: its tests skip, naming it; everything else runs.
  ['sklearn online/triton', { serving: 'triton' }, /skl2onnx/],
  ['pytorch online/script', { framework: 'pytorch' }, null],
  ['pytorch batch/script', { framework: 'pytorch', target: 'batch' }, null],
  ['pytorch online/triton', { framework: 'pytorch', serving: 'triton' }, null],
  ['pytorch online/mlflow', { framework: 'pytorch', serving: 'mlflow' }, null],
];

describe.skipIf(!libs.ok)(`generated projects prove each serving mode offline (needs ${libs.missing.join(', ') || 'nothing missing'})`, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-serving-');
  });
  afterAll(() => tmp.cleanup());

  it.each(cases)('%s: pytest passes; Python compiles, pyflakes- and ruff-clean', async (label, fields, allowedSkip) => {
    const dir = await writeProject(tmp.path, label.replace(/[ /]/g, '-'), fields);
    await checkPython(dir);
    const r = await runPytest(dir);
    expect(r.exitCode, r.output).toBe(0);
    expect(r.failed).toBe(0);
    expect(r.passed).toBeGreaterThan(5);
    const reasons = skipReasons(r.output);
    expect(reasons.length, r.output).toBe(r.skipped);
    if (allowedSkip === null) expect(r.skipped, r.output).toBe(0);
    else {
      expect(r.skipped).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toMatch(allowedSkip);
    }
    const serving = (fields.serving as string | undefined) ?? 'script';
    const target = (fields.target as string | undefined) ?? 'online';
    // The mode's own tests ran (by name), not just the framework's.
    const expected = {
      script: target === 'batch' ? /test_batch_score\.py::\S+ PASSED/ : /test_score\.py::\S+ PASSED/,
      mlflow: /test_mlflow_request\.py::\S+ PASSED/,
      triton: /test_triton_client\.py::test_main_prints_one_line_and_never_the_token PASSED/,
    }[serving as 'script'];
    expect(r.output).toMatch(expected);
    if (label === 'pytorch online/triton') {
      expect(r.output).toMatch(/test_triton_export\.py::test_export_config_and_client_agree PASSED/);
      expect(r.output).toMatch(/test_onnx\.py::test_onnx_model_is_valid PASSED/);
    }
  });
});
