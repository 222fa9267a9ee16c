// Cross-file checks: local paths relative to each file (warning, or error with strict), remote
// references never checked, deployments' endpoint_name against endpoint files in the folder tree.
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/azureml/lint.js';
import { lint, schema, where } from './helpers.js';

const job = `${schema('commandJob')}code: src\ncommand: python train.py\nenvironment:\n  image: python:3.12\n  conda_file: env/conda.yml\n`;

describe('local paths', () => {
  it('reports a missing code folder as a warning by default', () => {
    const r = lint(job, { path: 'proj/jobs/train.yml' });
    expect(r.valid).toBe(true);
    expect(where(r, 'warning')).toEqual(['2:7 code', '6:15 environment.conda_file']);
    expect(r.errors[0].message).toBe('code folder "src" not found (looked for proj/jobs/src)');
  });

  it('reports it as an error with strict', () => {
    const r = lint(job, { path: 'proj/jobs/train.yml', strict: true });
    expect(r.valid).toBe(false);
    expect(where(r, 'error')).toEqual(['2:7 code', '6:15 environment.conda_file']);
  });

  it('resolves paths relative to the YAML file and asks `exists` for the joined path', () => {
    const asked: string[] = [];
    const r = lint(job, { path: 'proj/jobs/train.yml', strict: true, exists: (p) => (asked.push(p), true) });
    expect(r.errors).toEqual([]);
    expect(asked).toEqual(['proj/jobs/src', 'proj/jobs/env/conda.yml']);
  });

  it('checks sweep trials, pipeline steps, environment files and file: environment references', () => {
    const asked: string[] = [];
    const exists = (p: string) => (asked.push(p), true);
    validateFiles(
      [
        { path: 'a/sweep.yml', text: `${schema('sweepJob')}type: sweep\ntrial:\n  code: ../src\n  command: python t.py\n  environment: file:../env.yml\nsampling_algorithm: random\nsearch_space: {}\nobjective: {goal: minimize, primary_metric: loss}\n` },
        { path: 'b/pipe.yml', text: `${schema('pipelineJob')}type: pipeline\njobs:\n  s1:\n    code: ./steps/s1\n    command: python s1.py\n    environment: {build: {path: docker}}\n  s2:\n    component: ./components/train.yml\n` },
        { path: 'c/env.yml', text: `${schema('environment')}name: e\nimage: python:3.12\nconda_file: conda.yml\n` },
      ],
      { exists },
    );
    expect(asked).toEqual(['src', 'env.yml', 'b/steps/s1', 'b/docker', 'b/components/train.yml', 'c/conda.yml']);
  });

  it('checks a deployment code folder and the scoring script inside it', () => {
    const text = `${schema('managedOnlineDeployment')}name: blue\nendpoint_name: ep-1\nmodel: azureml:m:1\ncode_configuration:\n  code: ../src\n  scoring_script: score.py\nenvironment:\n  image: python:3.12\n  conda_file: ../env/conda.yml\ninstance_type: Standard_D4ds_v5\ninstance_count: 1\n`;
    const present = new Set(['src', 'env/conda.yml']);
    const r = lint(text, { path: 'deploy/blue.yml', exists: (p) => present.has(p) });
    expect(where(r, 'warning')).toEqual(['7:19 code_configuration.scoring_script']);
    expect(r.errors[0].message).toBe('scoring script "score.py" not found (looked for src/score.py)');
    // a missing folder is reported once, not again for the script inside it
    expect(where(lint(text, { path: 'deploy/blue.yml', exists: (p) => p === 'env/conda.yml' }), 'warning')).toEqual(['6:9 code_configuration.code']);
  });

  it('never path-checks remote references', () => {
    const asked: string[] = [];
    const text =
      `${schema('commandJob')}code: git+https://github.com/org/repo.git\ncommand: echo\nenvironment: azureml://registries/azureml/environments/sklearn-1.5/labels/latest\n` +
      `inputs:\n  d: {type: uri_folder, path: wasbs://data@acct.blob.core.windows.net/x}\n`;
    expect(lint(text, { strict: true, exists: (p) => (asked.push(p), false) }).errors).toEqual([]);
    for (const code of ['azureml:code:1', 'https://example.com/code.zip', 'azureml://registries/r/codes/c/versions/1'])
      expect(lint(`${schema('commandJob')}code: ${code}\ncommand: echo\nenvironment: azureml:e:1\n`, { strict: true }).errors).toEqual([]);
    expect(asked).toEqual([]);
  });
});

describe('endpoint_name', () => {
  const endpoint = (name: string, kind = 'managedOnlineEndpoint') => `${schema(kind)}name: ${name}\n`;
  const deployment = (ep: string) => `${schema('managedOnlineDeployment')}name: blue\nendpoint_name: ${ep}\nmodel: azureml:m:1\ninstance_type: Standard_D4ds_v5\ninstance_count: 1\n`;
  const batchDeployment = (ep: string) => `${schema('modelBatchDeployment')}name: dep\nendpoint_name: ${ep}\ntype: model\nmodel: azureml:m:1\ncompute: azureml:c\n`;

  // a warning, not an error: `az ml online-deployment create -e <name>` overrides the file's endpoint_name
  it('warns when it does not match an endpoint in the same folder', () => {
    const r = validateFiles([{ path: 'x/endpoint.yml', text: endpoint('my-endpoint') }, { path: 'x/blue.yml', text: deployment('other-endpoint') }], { exists: () => true });
    expect(r.valid).toBe(true);
    expect(where(r.files[1], 'warning')).toEqual(['3:16 endpoint_name']);
    expect(r.files[1].errors[0].message).toBe('endpoint_name "other-endpoint" does not match the endpoint defined here: "my-endpoint" in x/endpoint.yml (fine if you pass --endpoint-name)');
  });

  it('does not compare a placeholder endpoint_name; reports the placeholder instead', () => {
    const r = validateFiles([{ path: 'x/endpoint.yml', text: endpoint('my-endpoint') }, { path: 'x/blue.yml', text: deployment('{{ENDPOINT_NAME}}') }], { exists: () => true });
    expect(r.files[1].errors.map((e) => `${e.severity} ${e.line}:${e.column} ${e.path} ${e.message}`)).toEqual(['warning 3:16 endpoint_name template placeholder {{ENDPOINT_NAME}}']);
  });

  it('matches endpoints in an ancestor folder, and any of several endpoints there', () => {
    const files = [
      { path: 'x/endpoint-a.yml', text: endpoint('ep-a') },
      { path: 'x/endpoint-b.yml', text: endpoint('ep-b') },
      { path: 'x/deployments/blue/blue.yml', text: deployment('ep-b') },
    ];
    expect(validateFiles(files, { exists: () => true }).valid).toBe(true);
  });

  it('is not checked when no endpoint file is in the folder or its ancestors', () => {
    const files = [{ path: 'x/a/endpoint.yml', text: endpoint('ep-a') }, { path: 'x/b/blue.yml', text: deployment('ep-zzz') }];
    expect(validateFiles(files, { exists: () => true }).valid).toBe(true);
    expect(validateFiles([{ path: 'blue.yml', text: deployment('anything') }], { exists: () => true }).valid).toBe(true);
  });

  it('compares batch deployments with batch endpoints and online with online', () => {
    const files = [
      { path: 'x/online.yml', text: endpoint('online-ep') },
      { path: 'x/batch.yml', text: endpoint('batch-ep', 'batchEndpoint') },
      { path: 'x/dep-batch.yml', text: batchDeployment('batch-ep') },
      { path: 'x/dep-online.yml', text: deployment('online-ep') },
    ];
    expect(validateFiles(files, { exists: () => true }).valid).toBe(true);
    const wrong = validateFiles([files[0], files[1], { path: 'x/dep-batch.yml', text: batchDeployment('online-ep') }], { exists: () => true });
    expect(wrong.files[2].errors.map((e) => e.message)).toEqual(['endpoint_name "online-ep" does not match the endpoint defined here: "batch-ep" in x/batch.yml (fine if you pass --endpoint-name)']);
  });
});
