import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkTree } from '../helpers/check.js';
import { generate } from '../../src/generate.js';
import { deriveNames } from '../../src/plan/names.js';
import { FRAMEWORKS, SERVINGS, TARGETS } from '../../src/spec/ids.js';
import { parseSpec, SpecError, type Spec } from '../../src/spec/schema.js';
import { tensorShape } from '../../src/serving/tensor.js';
import { skus } from '../../src/versions.js';

/**
 * Every framework × target × serving: rejected with the reason we expect (written here, not read from
 * the schema, so the two cross-check), or generated (the generator's strict Azure ML self-check ran)
 * with the structural facts of its target and serving mode.
 */
type Fields = { framework: Spec['framework']; target: Spec['target']; serving: Spec['serving'] };

const TABULAR = new Set<Spec['framework']>(['sklearn']);

function expectedRejections({ framework, target, serving }: Fields): RegExp[] {
  const reasons: RegExp[] = [];
  if (target === 'none' && serving !== 'script') reasons.push(/--serving \w+ needs a deployment target/);
  if (serving === 'mlflow' && framework === 'rllib') reasons.push(/needs an MLflow model flavor, and Ray RLlib has none/);
  if (serving === 'mlflow' && target === 'kubernetes') reasons.push(/no-code MLflow deployment\) works on managed online and batch endpoints only, not on Kubernetes/);
  if (serving === 'mlflow' && target === 'batch' && !TABULAR.has(framework)) reasons.push(/MLflow batch deployments read CSV/);
  if (serving === 'triton' && framework === 'rllib') reasons.push(/--serving triton needs an ONNX export/);
  if (serving === 'triton' && target === 'batch') reasons.push(/--serving triton works on online and kubernetes targets only/);
  return reasons;
}

const combos: Fields[] = FRAMEWORKS.flatMap((framework) =>
  TARGETS.flatMap((target) => SERVINGS.map((serving) => ({ framework, target, serving }))),
);
const label = (c: Fields) => `${c.framework} ${c.target} ${c.serving}`;

type Tree = Map<string, string | Uint8Array>;
const text = (t: Tree, path: string) => {
  const c = t.get(path);
  if (typeof c !== 'string') throw new Error(`${path} missing`);
  return c;
};
const yamlOf = (t: Tree, path: string) => parse(text(t, path)) as Record<string, any>;

function checkScript(t: Tree, c: Fields, deployment: Record<string, any>) {
  const script = c.target === 'batch' ? 'batch_score.py' : 'score.py';
  expect(deployment.code_configuration).toEqual({ code: '../src', scoring_script: script });
  expect(t.has(`src/${script}`)).toBe(true);
  // GPU-trained models are scored on CPU with an environment of their own (CPU builds, test/matrix/pins).
  const conda = c.framework === 'sklearn' || c.framework === 'rllib' ? 'conda.yaml' : 'score-conda.yaml';
  expect(deployment.environment.conda_file).toBe(`../environment/${conda}`);
  expect(text(t, `environment/${conda}`)).toMatch(/azureml-inference-server-http==/);
  // score.py's own request convention (per framework): a non-empty JSON object.
  if (c.target !== 'batch') expect(Object.keys(JSON.parse(text(t, 'deploy/sample-request.json'))).length).toBeGreaterThan(0);
}

function checkMlflow(t: Tree, c: Fields, deployment: Record<string, any>) {
  const names = deriveNames(parseSpec({ name: 'demo', ...c }));
  expect(deployment).not.toHaveProperty('code_configuration');
  expect(deployment).not.toHaveProperty('environment');
  expect(deployment.model).toBe(`azureml:${names.model}@latest`);
  expect(yamlOf(t, 'jobs/train.yml').outputs.model.type).toBe('mlflow_model');
  expect(text(t, '.github/workflows/train-deploy.yml')).toContain('--type mlflow_model');
  expect(text(t, 'environment/conda.yaml')).toMatch(/- mlflow==2\./); // no-code image: MLflow 2 models
  expect(t.has('tests/test_mlflow_request.py')).toBe(true);
  if (c.target === 'batch') {
    expect(t.has('deploy/sample-request.json')).toBe(false);
    const csvs = [...t.keys()].filter((p) => p.startsWith('deploy/sample-batch/') && p.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    return;
  }
  const body = JSON.parse(text(t, 'deploy/sample-request.json')) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['input_data']);
  const shapes: Record<string, number[]> = { sklearn: [2, 4], pytorch: [1, 3, 224, 224], tensorflow: [1, 28, 28, 1], keras: [1, 28, 28, 1] };
  expect(tensorShape(body.input_data)).toEqual(shapes[c.framework]);
}

function checkTriton(t: Tree, c: Fields, endpoint: Record<string, any>, deployment: Record<string, any>) {
  const names = deriveNames(parseSpec({ name: 'demo', ...c }));
  expect(deployment).not.toHaveProperty('code_configuration');
  expect(deployment).not.toHaveProperty('environment');
  expect(deployment.model).toBe(`azureml:${names.model}-triton@latest`);
  expect(endpoint.auth_mode).toBe('aml_token');
  if (c.target === 'online') expect(deployment.instance_type).toBe(skus.gpuServe);
  else expect(deployment.resources.limits['nvidia.com/gpu']).toBe('1');
  const job = yamlOf(t, 'jobs/train.yml');
  expect(job.outputs.triton_model).toEqual({ type: 'custom_model' });
  expect(job.command).toContain(`--onnx-output \${{outputs.triton_model}} --triton-model-name ${names.tritonModel}`);
  const workflow = text(t, '.github/workflows/train-deploy.yml');
  expect(workflow).toMatch(/--type triton_model \\\n\s+--path "azureml:\/\/jobs\/\$JOB\/outputs\/triton_model"/);
  expect(workflow).toContain('python src/triton_client.py --url "$SCORING_URI"');
  for (const path of ['src/triton_client.py', 'tests/test_triton_client.py', 'tests/test_triton_export.py']) expect(t.has(path), path).toBe(true);
  const exporter = { sklearn: 'skl2onnx==', pytorch: 'onnx==', tensorflow: 'tf2onnx==', keras: 'tf2onnx==' }[c.framework as 'sklearn'];
  expect(text(t, 'environment/conda.yaml')).toContain(exporter);
}

describe('every framework × target × serving combination', () => {
  it('covers the full matrix, with the supported count we expect', () => {
    expect(combos).toHaveLength(60);
    expect(combos.filter((c) => expectedRejections(c).length === 0)).toHaveLength(33); // sklearn 8, pytorch, tensorflow and keras 7 each, rllib 4
  });

  it.each(combos.map((c) => [label(c), c] as const))('%s', (_label, c) => {
    const reasons = expectedRejections(c);
    if (reasons.length > 0) {
      let error: unknown;
      try {
        parseSpec({ name: 'demo', ...c });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SpecError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(reasons.some((r) => r.test(message)), message).toBe(true);
      return;
    }
    const t = generate(parseSpec({ name: 'demo', training: 'job', ...c })) as Tree; // pipeline mode: test/pipeline/
    expect(checkTree(t)).toEqual([]); // the strict Azure ML validation, 0 errors
    const workflow = yamlOf(t, '.github/workflows/train-deploy.yml');
    if (c.target === 'none') {
      expect([...t.keys()].filter((p) => p.startsWith('deploy/'))).toEqual([]);
      expect(Object.keys(workflow.jobs)).not.toContain('deploy');
      expect(t.has('src/score.py') || t.has('src/batch_score.py')).toBe(false);
      return;
    }
    expect(Object.keys(workflow.jobs)).toContain('deploy');
    const endpoint = yamlOf(t, 'deploy/endpoint.yml');
    const deployment = yamlOf(t, 'deploy/deployment.yml');
    if (c.target === 'kubernetes') {
      expect(endpoint.compute).toBe('azureml:k8s-compute');
      expect(deployment.type).toBe('kubernetes');
      for (const part of ['requests', 'limits'] as const) {
        const values = Object.values(deployment.resources[part]);
        expect(values.length).toBeGreaterThan(0);
        expect(values.every((v) => typeof v === 'string')).toBe(true);
      }
      expect(deployment.scale_settings).toEqual({ type: 'default' });
      expect(deployment.request_settings.request_timeout_ms).toBeLessThanOrEqual(300_000);
      expect(deployment.liveness_probe && deployment.readiness_probe).toBeTruthy();
    } else if (c.target === 'online') {
      expect(endpoint).not.toHaveProperty('compute');
      expect(deployment).not.toHaveProperty('type');
      expect(typeof deployment.instance_type).toBe('string');
      expect(deployment.request_settings.request_timeout_ms).toBeLessThanOrEqual(180_000);
    } else {
      expect(deployment.type).toBe('model');
      expect(deployment.compute).toBe(`azureml:${parseSpec({ name: 'demo', ...c }).compute}`);
      expect(deployment.settings).toMatchObject({ mini_batch_size: expect.any(Number), output_action: 'append_row', error_threshold: expect.any(Number) });
      expect(deployment.settings.retry_settings).toMatchObject({ max_retries: expect.any(Number), timeout: expect.any(Number) });
      expect(text(t, '.github/workflows/train-deploy.yml')).toContain('az ml batch-endpoint invoke -n "$ENDPOINT" --input deploy/sample-batch');
    }
    if (c.serving === 'script') checkScript(t, c, deployment);
    if (c.serving === 'mlflow') checkMlflow(t, c, deployment);
    if (c.serving === 'triton') checkTriton(t, c, endpoint, deployment);
  });
});
