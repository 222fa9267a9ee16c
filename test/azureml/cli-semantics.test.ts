// What the Azure CLI would make of a file: YAML 1.1 values, placeholders, create-time keys, names,
// retired VM sizes, and the pipeline step ↔ component contract.
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/azureml/lint.js';
import { lint, schema, where } from './helpers.js';

const job = (extra: string) => `${schema('commandJob')}command: echo\nenvironment: azureml:e:1\n${extra}`;
const messages = (r: { errors: { severity: string; path: string; message: string }[] }) => r.errors.map((e) => `${e.severity} ${e.path}: ${e.message}`);

describe('YAML 1.1 values, as PyYAML reads them', () => {
  it('rejects what PyYAML reads as strings or booleans where numbers or strings belong', () => {
    expect(where(lint(job('resources: {instance_count: 1e1}\n')))).toEqual(['4:29 resources.instance_count']); // 1e1 is a string
    expect(where(lint(job('resources: {instance_count: 0o3}\n')))).toEqual(['4:29 resources.instance_count']);
    expect(messages(lint(job('experiment_name: no\n')))).toEqual(['error experiment_name: expected a string, got a boolean (quote it: "false")']);
  });

  it('accepts the integers PyYAML reads: 1_0, 0b11, 1:00 (sexagesimal), 017 (octal)', () => {
    for (const n of ['1_0', '0b11', '1:00', '017']) expect(lint(job(`resources: {instance_count: ${n}}\n`)).valid, n).toBe(true);
  });
});

describe('template placeholders', () => {
  const deployment = (name: string, endpoint: string) => `${schema('managedOnlineDeployment')}name: ${name}\nendpoint_name: ${endpoint}\nmodel: azureml:m:1\ninstance_type: Standard_D4ds_v5\ninstance_count: 1\n`;

  it('reports {{X}}, <X> and ${X} uniformly, with the key path, as warnings', () => {
    for (const p of ['{{ENDPOINT_NAME}}', '<ENDPOINT_NAME>', '${ENDPOINT_NAME}']) {
      const r = lint(deployment('blue', p));
      expect(r.valid).toBe(true);
      expect(r.errors).toEqual([{ path: 'endpoint_name', message: `template placeholder ${p}`, line: 3, column: 16, severity: 'warning' }]);
    }
  });

  it('keeps checking the rest of a file whose unquoted {{X}} is not valid YAML as written', () => {
    const r = lint(`${schema('managedOnlineDeployment')}name: blue\nendpoint_name: ep-1\nmodel: azureml:m:1\nenvironment:\n  image: {{ACR_NAME}}.azurecr.io/img:1\ninstance_type: Standard_D4ds_v5\ninstance_cont: 1\n`);
    expect(messages(r)).toEqual([
      'error instance_count: missing required key "instance_count"',
      'warning environment.image: template placeholder {{ACR_NAME}}',
      'error instance_cont: unknown key "instance_cont" (did you mean "instance_count"?)',
    ]);
  });

  it('is an error with --strict; ${VAR} in a command is the shell\'s, and ${{inputs.x}} is a binding', () => {
    expect(lint(deployment('blue', '<EP>'), { strict: true }).valid).toBe(false);
    expect(lint(job('environment_variables: {A: "1"}\n').replace('command: echo', 'command: echo ${HOME} <in.txt ${{inputs.x}}')).errors.map((e) => e.message)).toEqual([
      '${{inputs.x}}: no input "x" is declared under inputs',
    ]);
  });

  it('ignores placeholders in comments', () => {
    expect(lint(job('# set <COMPUTE> here\ncompute: azureml:cpu\n')).errors).toEqual([]);
  });
});

describe('keys the CLI can supply at create time', () => {
  it('are warnings when missing (errors with --strict), worded the same for every kind', () => {
    const dep = `${schema('managedOnlineDeployment')}model: azureml:m:1\ninstance_count: 1\n`;
    const r = lint(dep);
    expect(r.valid).toBe(true);
    expect(messages(r)).toEqual([
      'warning instance_type: missing "instance_type": supply it when you create (--set instance_type=…), or add it to the file',
      'warning name: missing "name": supply it when you create (--name / -n), or add it to the file',
    ]);
    expect(lint(dep, { strict: true }).valid).toBe(false);
  });

  it('lets a batch deployment omit endpoint_name, model and compute (warnings)', () => {
    const r = lint(`${schema('batchDeployment')}name: dep\ntype: model\nsettings: {mini_batch_size: 5}\n`);
    expect(r.valid).toBe(true);
    expect(r.errors.map((e) => e.path).sort()).toEqual(['compute', 'endpoint_name', 'model']);
  });
});

describe('names', () => {
  it('follow the SDK pattern: my--endpoint is valid, a trailing hyphen or an underscore is not', () => {
    const ep = (name: string) => lint(`${schema('managedOnlineEndpoint')}name: ${name}\n`);
    expect(ep('my--endpoint').valid).toBe(true);
    expect(ep('my-endpoint-').valid).toBe(false);
    expect(ep('my_endpoint').valid).toBe(false);
  });

  it('accept documented model keys such as default_deployment_template', () => {
    expect(lint(`${schema('model')}name: m\npath: ./model\ndefault_deployment_template: {asset_id: azureml://registries/r/deploymenttemplates/t/versions/1}\n`).errors).toEqual([]);
  });
});

describe('retired VM sizes', () => {
  it('warns on a retired instance_type and compute size, with the date and a replacement', () => {
    const r = lint(job('resources: {instance_type: Standard_NC6s_v3}\n'));
    expect(r.valid).toBe(true);
    expect(messages(r)).toEqual(['warning resources.instance_type: Standard_NC6s_v3 is in the NCv3 series, retired on 2025-09-30; use Standard_NC4as_T4_v3 (or another current size)']);
    const c = lint(`${schema('amlCompute')}name: gpu\ntype: amlcompute\nsize: Standard_NC6\n`);
    expect(messages(c)).toEqual(['warning size: Standard_NC6 is in the NC series, retired on 2023-09-06; use Standard_NC4as_T4_v3 (or another current size)']);
  });
});

describe('pipeline step ↔ component contract', () => {
  const component = `${schema('commandComponent')}name: train\ntype: command\ncommand: python train.py \${{inputs.data}}\nenvironment: azureml:e:1\ninputs:\n  data: {type: uri_folder}\n  lr: {type: number, default: 0.1}\n  seed: {type: integer, optional: true}\noutputs:\n  model: {type: mlflow_model}\n`;
  const pipeline = (step: string) => `${schema('pipelineJob')}type: pipeline\nsettings: {default_compute: azureml:cpu}\njobs:\n  train:\n${step}`;
  const run = (step: string) =>
    validateFiles([{ path: 'p/pipeline.yml', text: pipeline(step) }, { path: 'p/train.yml', text: component }], { exists: () => true }).files[0];

  it('accepts a step that binds the declared inputs and outputs', () => {
    expect(run('    type: command\n    component: ./train.yml\n    inputs: {data: azureml:d:1}\n    outputs: {model: {type: mlflow_model}}\n').errors).toEqual([]);
  });

  it('rejects an unknown input or output, an unbound required input, and a wrong step type', () => {
    const r = run('    type: sweep\n    component: file:train.yml\n    inputs: {lr: 0.2}\n    outputs: {modle: {type: mlflow_model}}\n');
    expect(messages(r)).toEqual([
      'error jobs.train: required input "data" of component train.yml is not bound under inputs',
      'error jobs.train.type: step type "sweep" does not match component train.yml (type: command)',
      'error jobs.train.outputs.modle: component train.yml declares no output "modle" (declared: model)',
    ]);
  });

  it('checks pipeline settings: wrong types are errors, unknown keys warnings (the CLI keeps and ignores them)', () => {
    const r = lint(`${schema('pipelineJob')}type: pipeline\nsettings:\n  default_compute: [cpu]\n  default_datestore: workspaceblobstore\n  continue_on_step_failure: maybe\njobs: {}\n`);
    expect(messages(r)).toEqual([
      'error settings.default_compute: expected a string, got a list',
      'warning settings.default_datestore: unknown key "default_datestore" (did you mean "default_datastore"?): the CLI accepts and ignores it',
      'error settings.continue_on_step_failure: expected true or false, got a string',
    ]);
  });

  it('rejects a step type that no pipeline has', () => {
    expect(messages(run('    type: comand\n    component: azureml:train:1\n'))).toEqual([
      'error jobs.train.type: must be one of: command, sweep, parallel, spark, automl, pipeline, data_transfer, import, flow, finetuning, distillation',
    ]);
  });
});

describe('MLflow model artefacts and other files', () => {
  it('skips a conda.yaml or python_env.yaml beside an MLmodel file, with a reason', () => {
    const conda = 'channels: [conda-forge]\ndependencies: [python=3.10, {pip: [mlflow]}]\nname: mlflow-env\n';
    const files = [
      { path: 'model/conda.yaml', text: conda },
      { path: 'model/python_env.yaml', text: 'python: 3.10.12\nbuild_dependencies: [pip==23.0]\ndependencies: [-r requirements.txt]\n' },
      { path: 'env/conda.yaml', text: conda },
    ];
    const r = validateFiles(files, { exists: (p) => p === 'model/MLmodel' }).files;
    expect(r.map((f) => [f.path, f.kind, f.reason])).toEqual([
      ['model/conda.yaml', 'skipped', 'MLflow model artefact (beside an MLmodel file), read by MLflow, not az ml'],
      ['model/python_env.yaml', 'skipped', 'MLflow python_env.yaml (model artefact)'],
      ['env/conda.yaml', 'conda', undefined],
    ]);
  });

  it('skips an Azure ML schema it does not model, saying which', () => {
    const r = lint('$schema: https://azuremlschemas.azureedge.net/latest/featureSetSpec.schema.json\nsource: {type: parquet}\n');
    expect(r).toMatchObject({ kind: 'skipped', valid: true, reason: 'Azure ML schema not checked here: https://azuremlschemas.azureedge.net/latest/featureSetSpec.schema.json' });
  });
});
