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
    ['https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json', 'skipped'],
    ['https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json', 'skipped'],
    ['https://azuremlschemas.azureedge.net/latest/pipelineComponentBatchDeployment.schema.json', 'skipped'],
    ['https://json.schemastore.org/github-workflow.json', 'skipped'],
  ])('%s → %s', (url, kind) => {
    expect(kindFromSchema(url)).toBe(kind);
  });

  it.each([
    ['type: command\ncommand: echo\nenvironment: azureml:e:1', 'commandJob'],
    ['command: echo\nenvironment: azureml:e:1', 'commandJob'],
    ['type: sweep\ntrial: {}', 'sweepJob'],
    ['type: pipeline\njobs: {}', 'pipelineJob'],
    ['name: blue\nendpoint_name: ep\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2', 'managedOnlineDeployment'],
    ['name: blue\ntype: kubernetes\nendpoint_name: ep\nmodel: azureml:m:1', 'kubernetesOnlineDeployment'],
    ['name: d\nendpoint_name: ep\ntype: model\nmodel: azureml:m:1', 'modelBatchDeployment'],
    ['name: d\nendpoint_name: ep\nmodel: azureml:m:1\nsettings: {}', 'modelBatchDeployment'],
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
    ['type: command\ncommand: echo\nenvironment: azureml:e:1\nversion: 1\nname: comp', 'skipped'],
    ['version: 2\nupdates: []', 'skipped'],
    ['- a\n- b', 'skipped'],
    ['just a string', 'skipped'],
    ['name: thing\ndescription: something else', 'skipped'],
  ])('content %#: %s → %s', (text, kind) => {
    expect(lint(text).kind).toBe(kind);
  });

  it('prefers $schema over the content, and a forced kind over both', () => {
    const text = '$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\ntype: command\ncommand: echo\n';
    expect(lint(text).kind).toBe('environment');
    expect(lint(text, { kind: 'commandJob' }).kind).toBe('commandJob');
  });

  it('never reports problems for skipped files', () => {
    const r = lint('on:\n  push:\njobs:\n  x:\n    steps: [{run: "echo ${{ secrets.X }}"}]\n', { path: '.github/workflows/ci.yml' });
    expect(r).toEqual({ path: '.github/workflows/ci.yml', kind: 'skipped', valid: true, errors: [] });
  });

  it('detectKind works on plain values', () => {
    expect(detectKind({ $schema: 'https://azuremlschemas.azureedge.net/latest/model.schema.json' })).toBe('model');
    expect(detectKind(null)).toBe('skipped');
  });

  it('rejects an unknown forced kind', () => {
    expect(() => lint('a: 1', { kind: 'commandjobs' })).toThrow(/unknown kind "commandjobs"/);
  });
});
