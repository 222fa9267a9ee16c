import { describe, expect, it } from 'vitest';
import { detectKind, kindFromSchema } from '../../src/azureml/detect.js';
import { lint } from './helpers.js';

describe('kind detection', () => {
  it.each([
    ['https://azuremlschemas.azureedge.net/latest/commandJob.schema.json', 'commandJob'],
    ['https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json', 'sweepJob'],
    ['https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json', 'pipelineJob'],
    ['https://azuremlschemas.azureedge.net/latest/modelBatchDeployment.schema.json', 'modelBatchDeployment'],
    ['https://azuremlschemas.azureedge.net/latest/batchDeployment.schema.json', 'batchDeployment'],
    ['https://azuremlschemas.azureedge.net/latest/kubernetesOnlineEndpoint.schema.json', 'kubernetesOnlineEndpoint'],
    ['https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json', 'kubernetesOnlineDeployment'],
    ['https://azuremlschemas.azureedge.net/latest/data.schema.json', 'data'],
    ['https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json', 'commandComponent'],
    ['https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json', 'compute'],
    ['https://azuremlschemas.azureedge.net/latest/pipelineComponentBatchDeployment.schema.json', 'pipelineComponentBatchDeployment'],
    ['https://azuremlschemas.azureedge.net/latest/autoMLJob.schema.json', 'automlJob'],
    ['https://azuremlschemas.azureedge.net/latest/schedule.schema.json', 'schedule'],
    ['https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json', 'skipped'],
    ['https://json.schemastore.org/github-workflow.json', 'skipped'],
  ])('%s → %s', (url, kind) => {
    expect(kindFromSchema(url)).toBe(kind);
  });

  it.each([
    ['type: command\ncommand: echo\nenvironment: azureml:e:1', 'commandJob'],
    ['command: echo\nenvironment: azureml:e:1', 'commandJob'],
    ['type: sweep\ntrial: {}', 'sweepJob'],
    ['type: pipeline\njobs: {}', 'pipelineJob'],
    ['name: blue\nendpoint_name: ep\nmodel: azureml:m:1\ninstance_type: Standard_D4ds_v5', 'managedOnlineDeployment'],
    ['name: blue\ntype: kubernetes\nendpoint_name: ep\nmodel: azureml:m:1', 'kubernetesOnlineDeployment'],
    ['name: d\nendpoint_name: ep\ntype: model\nmodel: azureml:m:1', 'modelBatchDeployment'],
    // like `az ml batch-deployment create`: without type: model it is the legacy kind (settings: then fails)
    ['name: d\nendpoint_name: ep\nmodel: azureml:m:1\nsettings: {}', 'batchDeployment'],
    ['name: d\nendpoint_name: ep\ntype: pipeline\ncomponent: azureml:c:1', 'pipelineComponentBatchDeployment'],
    ['type: automl\ntask: classification', 'automlJob'],
    ['type: finetuning\nmodel: azureml:m:1', 'fineTuningJob'],
    ['type: spark\nentry: {file: a.py}', 'sparkJob'],
    ['type: amlcompute\nname: cpu', 'compute'],
    ['type: azure_blob\nname: store\naccount_name: a\ncontainer_name: c', 'datastore'],
    ['type: git\nname: repo\ntarget: https://github.com/x/y', 'connection'],
    ['name: s\ntrigger: {type: cron, expression: "0 * * * *"}\ncreate_job: job.yml', 'schedule'],
    ['name: ep\nmodel_id: azureml://registries/azureml/models/phi/versions/1', 'serverlessEndpoint'],
    ['name: reg\nlocation: eastus\nreplication_locations: [{location: eastus}]', 'registry'],
    ['name: ws\nmanaged_network: {isolation_mode: allow_only_approved_outbound}', 'workspace'],
    ['python: 3.10.12\nbuild_dependencies: [pip]\ndependencies: [-r requirements.txt]', 'skipped'],
    ['name: d\nendpoint_name: ep\nmodel: azureml:m:1\ncompute: azureml:c\nmini_batch_size: 5', 'batchDeployment'],
    ['name: ep\nauth_mode: key', 'managedOnlineEndpoint'],
    ['name: ep\nauth_mode: key\ncompute: azureml:k8s', 'kubernetesOnlineEndpoint'],
    ['name: ep\nauth_mode: aad_token', 'batchEndpoint'],
    ['name: env\nimage: python:3.12', 'environment'],
    ['name: env\nbuild: {path: ctx}', 'environment'],
    ['name: m\npath: model\ntype: mlflow_model', 'model'],
    ['name: d\npath: data.csv\ntype: uri_file', 'data'],
    ['channels: [conda-forge]\ndependencies: [python=3.12]', 'conda'],
    ['dependencies:\n  - python\n  - pip:\n    - numpy', 'conda'],
    // not ours
    ['on:\n  push: {}\njobs:\n  build:\n    runs-on: ubuntu-latest', 'skipped'],
    ['artifact_path: model\nflavors:\n  python_function: {}\nrun_id: abc', 'skipped'],
    ['type: command\ncommand: echo\nenvironment: azureml:e:1\nversion: 1\nname: comp', 'commandComponent'],
    ['version: 2\nupdates: []', 'skipped'],
    ['- a\n- b', 'skipped'],
    ['just a string', 'skipped'],
    ['name: thing\ndescription: something else', 'skipped'],
  ])('content %#: %s → %s', (text, kind) => {
    expect(lint(text).kind).toBe(kind);
  });

  it('dispatches on type: within the family its $schema names, and warns about the mismatch', () => {
    const r = lint(`${'$'}schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: sweep\ntrial: {command: echo, environment: azureml:e:1}\nsampling_algorithm: random\nsearch_space: {}\nobjective: {goal: minimize, primary_metric: loss}\n`);
    expect(r.kind).toBe('sweepJob');
    expect(r.errors.map((e) => `${e.severity} ${e.path}`)).toEqual(['warning $schema']);
    const bad = lint(`${'$'}schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: sweeep\ncommand: echo\n`);
    expect(bad.errors.map((e) => `${e.severity} ${e.line}:${e.column} ${e.path} ${e.message}`)).toEqual([
      'error 2:1 type unknown type "sweeep" for this kind of file; expected one of: command, sweep, pipeline, automl, spark, finetuning, distillation',
    ]);
  });

  it('passes the documented batch form: batchDeployment.schema.json with type: model and settings:', () => {
    const r = lint(`${'$'}schema: https://azuremlschemas.azureedge.net/latest/batchDeployment.schema.json\nname: dep\nendpoint_name: ep-1\ntype: model\nmodel: azureml:m:1\ncompute: azureml:c\nsettings:\n  mini_batch_size: 10\n`);
    expect(r).toMatchObject({ kind: 'modelBatchDeployment', valid: true, errors: [] });
  });

  it('prefers $schema over the content, and a forced kind over both', () => {
    const text = '$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\ntype: command\ncommand: echo\n';
    expect(lint(text).kind).toBe('environment');
    expect(lint(text, { kind: 'commandJob' }).kind).toBe('commandJob');
  });

  it('never reports problems for skipped files', () => {
    const r = lint('on:\n  push:\njobs:\n  x:\n    steps: [{run: "echo ${{ secrets.X }}"}]\n', { path: '.github/workflows/ci.yml' });
    expect(r).toEqual({ path: '.github/workflows/ci.yml', kind: 'skipped', valid: true, errors: [], reason: 'GitHub Actions workflow' });
  });

  it('detectKind works on plain values', () => {
    expect(detectKind({ $schema: 'https://azuremlschemas.azureedge.net/latest/model.schema.json' })).toBe('model');
    expect(detectKind(null)).toBe('skipped');
  });

  it('rejects an unknown forced kind', () => {
    expect(() => lint('a: 1', { kind: 'commandjobs' })).toThrow(/unknown kind "commandjobs"/);
  });
});
