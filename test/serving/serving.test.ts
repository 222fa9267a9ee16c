import { describe, expect, it } from 'vitest';
import { devRequirements, pipRequirements } from '../../src/plan/environment.js';
import { planProject } from '../../src/plan/plan.js';
import { servingById, servings } from '../../src/serving/index.js';
import { mlflowRequestFiles } from '../../src/serving/mlflow.js';
import { requestJson, tensorShape, zeros, zerosRequest } from '../../src/serving/tensor.js';
import { parseSpec } from '../../src/spec/schema.js';
import { kubernetesResources } from '../../src/targets/online.js';
import { loadTemplates } from '../../src/templates/store.js';

const spec = (fields: Record<string, unknown> = {}) => parseSpec({ name: 'demo', ...fields });
const planned = (fields: Record<string, unknown> = {}) => planProject(spec(fields), loadTemplates()).files.map((f) => f.path);

describe('MLflow sample requests', () => {
  it('zeros() builds the nested list numpy would read with that shape', () => {
    expect(zeros([2, 3])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(tensorShape(zeros([1, 3, 4, 5]))).toEqual([1, 3, 4, 5]);
    expect(tensorShape(zerosRequest([1, 2]).input_data)).toEqual([1, 2]);
  });

  it('tensorShape() rejects ragged or non-numeric lists', () => {
    expect(tensorShape([[1, 2], [3]])).toBeNull();
    expect(tensorShape([['a']])).toBeNull();
    expect(tensorShape([])).toEqual([0]);
  });

  it('requestJson() round-trips and keeps each row on one line', () => {
    const body = { input_data: [[5.1, 3.5], [6.7, 3]] };
    const out = requestJson(body);
    expect(JSON.parse(out)).toEqual(body);
    expect(out).toContain('\n    [5.1, 3.5],\n');
    const image = requestJson(zerosRequest([1, 3, 224, 224]));
    expect(JSON.parse(image)).toEqual(zerosRequest([1, 3, 224, 224]));
    expect(image.split('\n').length).toBe(3 * 224 + 12); // one line per image row, 12 of brackets
    expect(image.length).toBeLessThan(320_000); // about 300 kB: small enough to send with `invoke`
  });

  it('writes deploy/sample-request.json only for online MLflow serving', () => {
    expect(mlflowRequestFiles(spec({ serving: 'mlflow' })).map((f) => f.path)).toEqual(['deploy/sample-request.json']);
    expect(mlflowRequestFiles(spec({ serving: 'mlflow', framework: 'keras' }))).toHaveLength(1);
    expect(mlflowRequestFiles(spec({ serving: 'mlflow', target: 'batch' }))).toEqual([]);
    expect(mlflowRequestFiles(spec())).toEqual([]);
  });
});

describe('serving modules', () => {
  it('are listed once each, in option order', () => {
    expect(servings.map((s) => s.id)).toEqual(['script', 'mlflow', 'triton']);
    expect(() => servingById('nope' as never)).toThrow(/unknown serving/);
  });

  it('plan their own files: the Triton client and tests, the MLflow request test', () => {
    const triton = planned({ serving: 'triton', framework: 'pytorch' });
    expect(triton).toEqual(expect.arrayContaining(['src/triton_client.py', 'tests/test_triton_client.py', 'tests/test_triton_export.py', 'tests/test_onnx.py']));
    expect(triton).not.toContain('src/score.py');
    const sklearnTriton = planned({ serving: 'triton' });
    expect(sklearnTriton).toEqual(expect.arrayContaining(['tests/test_onnx.py', 'tests/test_triton_client.py']));
    const mlflow = planned({ serving: 'mlflow' });
    expect(mlflow).toEqual(expect.arrayContaining(['tests/test_mlflow_request.py', 'deploy/sample-request.json']));
    expect(mlflow).not.toContain('src/score.py');
    expect(planned()).not.toContain('src/triton_client.py');
    expect(planned()).not.toContain('tests/test_onnx.py');
  });

  it('add the ONNX exporter to the environment for Triton, and onnxruntime for the tests', () => {
    expect(pipRequirements(spec({ serving: 'triton' }))).toEqual(expect.arrayContaining([expect.stringMatching(/^skl2onnx==/), expect.stringMatching(/^onnx==/)]));
    expect(pipRequirements(spec({ serving: 'triton', framework: 'pytorch' }))).toEqual(expect.arrayContaining([expect.stringMatching(/^onnx==/)]));
    const tf = pipRequirements(spec({ serving: 'triton', framework: 'tensorflow' }));
    expect(tf).toEqual(expect.arrayContaining([expect.stringMatching(/^tf2onnx==/)]));
    // tf2onnx 1.17 has no protobuf 3.20 cap, so the patched onnx is pinned beside it (not left to pip).
    expect(tf).toEqual(expect.arrayContaining([expect.stringMatching(/^onnx==/)]));
    expect(devRequirements(spec({ serving: 'triton' }))).toEqual(expect.arrayContaining([expect.stringMatching(/^onnxruntime==/)]));
    expect(pipRequirements(spec()).some((r) => /onnx/.test(r))).toBe(false);
    const dev = devRequirements(spec({ serving: 'triton', extras: ['onnx'] }));
    expect(new Set(dev).size).toBe(dev.length);
  });

  it('pin MLflow 2 for no-code serving and keep the inference server out of it', () => {
    const reqs = pipRequirements(spec({ serving: 'mlflow' }));
    expect(reqs).toEqual(expect.arrayContaining([expect.stringMatching(/^mlflow==2\./)]));
    expect(reqs.some((r) => r.startsWith('azureml-inference-server-http'))).toBe(false);
    expect(pipRequirements(spec({ serving: 'triton' })).some((r) => r.startsWith('azureml-inference-server-http'))).toBe(false);
  });
});

describe('Kubernetes resources', () => {
  it('are strings, with more for deep learning and a GPU (requested = limit) for Triton', () => {
    const small = kubernetesResources(spec({ target: 'kubernetes' }));
    expect(small).toEqual({ requests: { cpu: '0.5', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } });
    const torch = kubernetesResources(spec({ target: 'kubernetes', framework: 'pytorch' }));
    expect(torch.limits.memory).toBe('8Gi');
    const triton = kubernetesResources(spec({ target: 'kubernetes', serving: 'triton' }));
    expect(triton.requests['nvidia.com/gpu']).toBe('1');
    expect(triton.limits['nvidia.com/gpu']).toBe('1');
    for (const r of [small, torch, triton]) {
      for (const v of [...Object.values(r.requests), ...Object.values(r.limits)]) expect(typeof v).toBe('string');
    }
  });
});
