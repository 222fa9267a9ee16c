// What the service accepts must pass: case-insensitive enums (facts §1.4), numbers where marshmallow
// takes them, every distribution / search-space / early-termination / sampling form.
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/azureml/lint.js';
import { lint, schema } from './helpers.js';

const ok = (text: string, kind?: string) => {
  const r = lint(text, { kind });
  expect(r.errors, JSON.stringify(r.errors, null, 1)).toEqual([]);
  return r;
};

describe('accepted forms', () => {
  it('exports every kind id', () => {
    expect([...KINDS].sort()).toEqual(
      [
        'batchDeployment', 'batchEndpoint', 'commandJob', 'conda', 'data', 'environment', 'kubernetesOnlineDeployment', 'kubernetesOnlineEndpoint',
        'managedOnlineDeployment', 'managedOnlineEndpoint', 'model', 'modelBatchDeployment', 'pipelineJob', 'sweepJob',
        'automlJob', 'sparkJob', 'fineTuningJob', 'distillationJob', 'commandComponent', 'pipelineComponent', 'sparkComponent', 'parallelComponent',
        'pipelineComponentBatchDeployment', 'serverlessEndpoint', 'schedule', 'compute', 'datastore', 'connection', 'workspace', 'registry',
        'dataImport', 'modelPackage',
      ].sort(),
    );
  });

  it('compares enum values case-insensitively (auth_mode: Key, goal: Maximize, type: PyTorch, job_tier: Spot)', () => {
    ok(`${schema('kubernetesOnlineEndpoint')}name: my-endpoint\ncompute: azureml:k8s\nauth_mode: Key\n`);
    ok(`${schema('managedOnlineEndpoint')}name: my-endpoint\nauth_mode: AML_Token\npublic_network_access: Disabled\n`);
    ok(
      `${schema('commandJob')}type: Command\ncommand: python t.py\nenvironment: azureml:e:1\n` +
        `distribution:\n  type: PyTorch\n  process_count_per_instance: 2\nqueue_settings:\n  job_tier: Spot\n  priority: High\n` +
        `inputs:\n  d: {type: URI_FILE, path: https://x/y.csv, mode: Download}\noutputs:\n  m: {type: MLflow_Model, mode: Upload}\n` +
        `identity:\n  type: Managed\nservices:\n  tb:\n    type: Tensor_Board\n    log_dir: outputs/tblogs\n`,
    );
    ok(
      `${schema('sweepJob')}type: Sweep\ntrial:\n  command: python t.py --lr \${{search_space.lr}}\n  environment: azureml:e:1\n` +
        `sampling_algorithm: Bayesian\nsearch_space:\n  lr: {type: Uniform, min_value: 0.01, max_value: 0.1}\nobjective:\n  goal: Maximize\n  primary_metric: acc\n`,
    );
    ok(`${schema('modelBatchDeployment')}name: d1x\nendpoint_name: ep1\ntype: Model\nmodel: azureml:m:1\ncompute: azureml:c\nsettings:\n  output_action: Summary_Only\n  logging_level: INFO\n`);
  });

  it('accepts numbers where the service does (integer strings, numeric versions, floats for floats)', () => {
    ok(`${schema('commandJob')}command: echo\nenvironment: azureml:e:1\nresources:\n  instance_count: "2"\nlimits:\n  timeout: 3600\n`);
    ok(`${schema('model')}name: m\nversion: 3\npath: ./model\n`);
    ok(`${schema('environment')}name: e\nversion: 1.2\nimage: python:3.12\n`);
    ok(`${schema('managedOnlineDeployment')}name: blue\nendpoint_name: ep-1\nmodel:\n  name: m\n  version: 2\n  path: ./model\n  type: mlflow_model\ninstance_type: Standard_D4ds_v5\ninstance_count: 1\napp_insights_enabled: yes\n`);
  });

  it('accepts every distribution, sampling, search-space and early-termination form', () => {
    for (const d of ['{type: pytorch}', '{type: tensorflow, worker_count: 2, parameter_server_count: 0}', '{type: mpi, process_count_per_instance: 1}', '{type: ray, port: 6379, include_dashboard: true}'])
      ok(`${schema('commandJob')}command: echo\nenvironment: azureml:e:1\ndistribution: ${d}\n`);
    const space =
      'search_space:\n' +
      '  a: {type: choice, values: [1, "x", 0.5]}\n  b: {type: randint, upper: 10}\n  c: {type: loguniform, min_value: -6, max_value: -1}\n' +
      '  d: {type: qloguniform, min_value: 1, max_value: 4, q: 1}\n  e: {type: normal, mu: 0, sigma: 1}\n  f: {type: qlognormal, mu: 0, sigma: 1, q: 2}\n';
    for (const [sampling, termination] of [
      ['random', '{type: bandit, slack_factor: 0.1, evaluation_interval: 1, delay_evaluation: 5}'],
      ['{type: random, seed: 42, rule: sobol}', '{type: median_stopping, evaluation_interval: 1}'],
      ['random', '{type: truncation_selection, truncation_percentage: 20}'],
    ])
      ok(
        `${schema('sweepJob')}type: sweep\ntrial:\n  command: python t.py\n  environment: azureml:e:1\n  resources: {instance_count: 1}\n` +
          `sampling_algorithm: ${sampling}\n${space}objective: {goal: minimize, primary_metric: loss}\nearly_termination: ${termination}\n` +
          `limits: {max_total_trials: 20, max_concurrent_trials: 4, timeout: 7200, trial_timeout: 600}\n`,
      );
  });

  it('accepts inline environments with docker build, inline conda content and inference routes', () => {
    ok(`${schema('commandJob')}command: echo\nenvironment:\n  build:\n    path: https://github.com/org/repo.git#main:docker\n    dockerfile_path: Dockerfile\n`);
    ok(`${schema('commandJob')}command: echo\nenvironment:\n  image: python:3.12\n  conda_file:\n    channels: [conda-forge]\n    dependencies: [python=3.12, {pip: [numpy]}]\n`);
    ok(
      `${schema('environment')}name: triton\nimage: nvcr.io/nvidia/tritonserver:24.01-py3\ninference_config:\n` +
        `  liveness_route: {path: /v2/health/live, port: 8000}\n  readiness_route: {path: /v2/health/ready, port: 8000}\n  scoring_route: {path: /, port: 8000}\n`,
    );
  });

  it('accepts a pipeline with component steps and bindings that resolve', () => {
    ok(
      `${schema('pipelineJob')}type: pipeline\nsettings:\n  default_compute: azureml:cpu\n  continue_on_step_failure: false\n` +
        `inputs:\n  raw: {type: uri_folder, path: azureml:raw@latest}\noutputs:\n  final: {type: mlflow_model}\njobs:\n` +
        `  prep:\n    type: command\n    command: python prep.py --in \${{inputs.raw}} --out \${{outputs.clean}}\n    environment: azureml:e:1\n` +
        `    inputs:\n      raw: \${{parent.inputs.raw}}\n    outputs: {clean: {type: uri_folder}}\n` +
        `  train:\n    component: azureml:train_component:3\n    anything_the_component_takes: 1\n` +
        `    inputs:\n      data: \${{parent.jobs.prep.outputs.clean}}\n    outputs:\n      model: \${{parent.outputs.final}}\n`,
    );
  });

  it('accepts legacy batch deployments with settings at the root, and data assets', () => {
    ok(`${schema('batchDeployment')}name: legacy\nendpoint_name: ep1\nmodel: azureml:m:1\ncompute: azureml:c\nmini_batch_size: 10\noutput_action: append_row\nretry_settings: {max_retries: 3, timeout: 30}\nerror_threshold: -1\n`);
    ok(`${schema('data')}name: iris\nversion: 1\npath: https://azuremlexamples.blob.core.windows.net/datasets/iris.csv\ntype: uri_file\n`);
  });

  it('accepts a forced kind for a file without $schema', () => {
    expect(ok('name: x\ndependencies: [python=3.12]\n', 'conda').kind).toBe('conda');
    expect(ok('command: echo\nenvironment: azureml:e:1\n', 'commandJob').kind).toBe('commandJob');
  });
});
