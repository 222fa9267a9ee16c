import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSpec, SpecError } from '../../src/spec/schema.js';
import { pin } from '../../src/versions.js';
import { text, tree } from '../helpers/tree.js';

const pipOf = (t: Map<string, string | Uint8Array>) =>
  (parse(text(t, 'environment/conda.yaml')).dependencies as unknown[]).flatMap((d) => (typeof d === 'object' && d && 'pip' in d ? (d.pip as string[]) : []));

const reason = (fields: Record<string, unknown>) => {
  try {
    parseSpec({ name: 'demo', ...fields });
    return undefined;
  } catch (e) {
    if (e instanceof SpecError) return e.message;
    throw e;
  }
};

describe('extra: onnx', () => {
  it.each([
    ['sklearn', [pin('onnx'), pin('skl2onnx'), pin('onnxruntime')], 'n_features'],
    ['pytorch', [pin('onnx'), pin('onnxruntime')], 'image_size'],
  ])('%s: pins the exporter and runtime, ships the module and its test, exports through model.export_onnx', (framework, pins, sizeParam) => {
    const t = tree({ framework, extras: ['onnx'] });
    const pip = pipOf(t);
    for (const p of pins) expect(pip).toContain(p);
    if (framework === 'pytorch') expect(pip.some((p) => p.startsWith('skl2onnx'))).toBe(false);
    for (const p of pins) expect(text(t, 'requirements-dev.txt')).toContain(p); // the CI runs every ONNX test
    expect(text(t, 'src/extensions.py')).toMatch(/^import extra_onnx$/m);
    expect(t.has('tests/test_extra_onnx.py')).toBe(true);
    // src/extra_onnx.py calls export_onnx(model, <size>, repo_dir, name): the signature must still match.
    const model = text(t, 'src/model.py');
    expect(model).toMatch(new RegExp(`def export_onnx\\(\\s*model: [^,]+,\\s*${sizeParam}: int,\\s*repo_dir: [^,]+,\\s*model_name: str = "model"`));
    const train = text(t, 'src/train.py');
    expect(train).toContain('extensions.after_training(ctx)');
    expect(train).toMatch(/mlflow=mlflow/); // the module logs the artifact through ctx.mlflow
    const readme = text(t, 'README.md');
    expect(readme).toContain('## ONNX export');
    expect(readme).toContain('outputs/onnx/model/1/model.onnx');
  });

  it('the generated test checks the export with onnx.checker and skips only for missing libraries, named', () => {
    for (const framework of ['sklearn', 'pytorch']) {
      const test = text(tree({ framework, extras: ['onnx'] }), 'tests/test_extra_onnx.py');
      expect(test).toContain('onnx.checker.check_model');
      const skips = [...test.matchAll(/importorskip\(\s*"([^"]+)", reason="([^"]+)"/g)];
      expect(skips.map((m) => m[1]).sort()).toEqual(framework === 'sklearn' ? ['onnxruntime', 'skl2onnx'] : ['onnxruntime']);
      for (const [, lib, why] of skips) expect(why).toContain(lib);
    }
  });

  it('refuses RLlib (no exporter) with a reason', () => {
    expect(reason({ framework: 'rllib', extras: ['onnx'] })).toMatch(/^--extras onnx: (Ray )?RLlib has no maintained ONNX exporter/);
  });

  it.each(['tensorflow', 'keras'])('refuses %s with a reason whose advice (--serving triton) is itself accepted', (framework) => {
    expect(reason({ framework, extras: ['onnx'] })).toMatch(/^--extras onnx: .*scikit-learn and PyTorch only.*--serving triton/);
    expect(reason({ framework, serving: 'triton' })).toBeUndefined();
  });

  it('works next to Triton serving, whose own export goes to the triton_model output', () => {
    for (const framework of ['sklearn', 'pytorch']) {
      const t = tree({ framework, serving: 'triton', extras: ['onnx'] });
      expect(t.has('src/extra_onnx.py')).toBe(true);
      expect(parse(text(t, 'jobs/train.yml')).outputs.triton_model).toEqual({ type: 'custom_model' });
    }
  });
});
