import { execa } from 'execa';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { text, tree } from '../helpers/tree.js';

/**
 * The generated rollout and wait scripts, run with a fake `az` (and `curl`) that records every call and
 * answers from environment variables. What must hold: the old deployment keeps the traffic until the
 * new one passed; any failure sends traffic back and deletes the new one; nothing is registered.
 */
const FAKES = join(import.meta.dirname, 'fake-bin'); // az and curl: record every call, answer from FAKE_* variables

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('rollout-');
  const t = tree({});
  const bt = tree({ target: 'batch' });
  await mkdir(join(tmp.path, 'bin'));
  await mkdir(join(tmp.path, 'scripts'));
  for (const name of ['az', 'curl']) {
    await writeFile(join(tmp.path, 'bin', name), await readFile(join(FAKES, name), 'utf8'));
    await chmod(join(tmp.path, 'bin', name), 0o755);
  }
  await writeFile(join(tmp.path, 'scripts', 'rollout.sh'), text(t, '.github/scripts/rollout.sh'));
  await writeFile(join(tmp.path, 'scripts', 'rollout-batch.sh'), text(bt, '.github/scripts/rollout.sh'));
  await writeFile(join(tmp.path, 'scripts', 'wait-pipeline.sh'), text(t, '.github/scripts/wait-pipeline.sh'));
  await writeFile(join(tmp.path, 'scripts', 'share-model.sh'), text(tree({ registry: 'shared-models' }), '.github/scripts/share-model.sh'));
});
afterEach(() => tmp.cleanup());

async function run(script: string, args: string[], env: Record<string, string>) {
  const log = join(tmp.path, 'az.log');
  const output = join(tmp.path, 'github-output');
  await writeFile(log, '');
  await writeFile(output, '');
  const r = await execa('bash', [join(tmp.path, 'scripts', script), ...args], {
    cwd: tmp.path,
    reject: false,
    env: {
      PATH: `${join(tmp.path, 'bin')}:${process.env.PATH}`,
      FAKE_LOG: log,
      GITHUB_OUTPUT: output,
      OBSERVE_SECONDS: '0',
      POLL_SECONDS: '0',
      ENDPOINT: 'demo-online',
      MODEL: 'azureml:demo-model:5',
      ...env,
    },
  });
  const calls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { ...r, calls, outputs: await readFile(output, 'utf8') };
}

/** Index of the first call containing `part` (or -1). */
const at = (calls: string[], part: string) => calls.findIndex((c) => c.includes(part));

describe('rollout.sh online', () => {
  it('creates the new deployment beside the live one, tests it, mirrors, canaries, then switches', async () => {
    const r = await run('rollout.sh', ['online'], { FAKE_TRAFFIC: '{"blue": 100}' });
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    const order = [
      'ml online-deployment create -f deploy/deployment.yml -e demo-online -n green --set model=azureml:demo-model:5',
      'ml online-endpoint invoke -n demo-online --deployment-name green',
      '--mirror-traffic green=10',
      '--mirror-traffic green=0',
      '--traffic blue=90 green=10',
      '--traffic green=100',
      'ml online-deployment delete -n blue',
    ].map((p) => at(r.calls, p));
    expect(order.every((i) => i >= 0), r.calls.join('\n')).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.outputs).toContain('deployment=green');
    expect(r.calls.join('\n')).not.toMatch(/ml model (create|register)/);
  });

  it('deploys the first model straight to 100 % after its smoke test', async () => {
    const r = await run('rollout.sh', ['online'], { FAKE_TRAFFIC: '{}' });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(at(r.calls, '-n blue --set model=azureml:demo-model:5')).toBeLessThan(at(r.calls, '--traffic blue=100'));
    expect(at(r.calls, 'mirror-traffic')).toBe(-1);
    expect(at(r.calls, 'online-deployment delete')).toBe(-1);
  });

  it.each([
    ['the smoke test call fails', { FAKE_FAIL: 'online-endpoint invoke' }],
    ['the deployment answers with an error', { FAKE_INVOKE_BODY: '{"error": "boom"}' }],
    ['the deployment answers without predictions', { FAKE_INVOKE_BODY: '{"predictions": []}' }],
    ['the canary step fails', { FAKE_FAIL: 'traffic blue=90' }],
    ['the deployment cannot be created', { FAKE_FAIL: 'online-deployment create' }],
  ])('keeps traffic on the old deployment and deletes the new one when %s', async (_why, env) => {
    const r = await run('rollout.sh', ['online'], { FAKE_TRAFFIC: '{"blue": 100}', ...env });
    expect(r.exitCode).not.toBe(0);
    const calls = r.calls.join('\n');
    expect(calls).toContain('--traffic blue=100');
    expect(calls).toContain('ml online-deployment delete -n green -e demo-online --yes');
    expect(calls).not.toContain('--traffic green=100');
    expect(calls).not.toContain('delete -n blue');
    expect(r.outputs).not.toContain('deployment=');
    // The rollback comes after the failure, not before.
    const restored = r.calls.map((c) => c.includes('--traffic blue=100')).lastIndexOf(true);
    expect(restored).toBeGreaterThan(at(r.calls, 'online-deployment create'));
  });

  it('alternates blue and green', async () => {
    const r = await run('rollout.sh', ['online'], { FAKE_TRAFFIC: '{"green": 100, "blue": 0}' });
    expect(r.exitCode).toBe(0);
    expect(r.calls.join('\n')).toContain('--traffic green=90 blue=10');
    expect(r.outputs).toContain('deployment=blue');
  });
});

describe('rollout.sh batch', () => {
  it('makes the new deployment the default only after its test scoring job succeeded', async () => {
    const r = await run('rollout-batch.sh', ['batch'], { FAKE_BATCH_DEFAULT: 'v4' });
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    const create = at(r.calls, 'ml batch-deployment create -f deploy/deployment.yml -e demo-online -n v5');
    const invoke = at(r.calls, 'ml batch-endpoint invoke -n demo-online --deployment-name v5');
    const status = at(r.calls, 'ml job show -n batch-job-1');
    const setDefault = at(r.calls, 'defaults.deployment_name=v5');
    expect(create).toBeGreaterThanOrEqual(0);
    expect(create < invoke && invoke < status && status < setDefault).toBe(true);
    expect(at(r.calls, 'batch-deployment delete')).toBe(-1);
    expect(r.outputs).toContain('deployment=v5');
  });

  it.each([
    ['the scoring job fails', { FAKE_JOB_STATUS: 'Failed' }],
    ['a file failed to score', { FAKE_PREDICTIONS: 'digit-3.npy,error,bad file\\n' }],
    ['no predictions were written', { FAKE_PREDICTIONS: '' }],
  ])('leaves the default alone and deletes the new deployment when %s', async (_why, env) => {
    const r = await run('rollout-batch.sh', ['batch'], { FAKE_BATCH_DEFAULT: 'v4', ...env });
    expect(r.exitCode).not.toBe(0);
    expect(r.calls.join('\n')).toContain('ml batch-deployment delete -n v5 -e demo-online --yes');
    expect(at(r.calls, 'defaults.deployment_name=')).toBe(-1);
  });

  it('does nothing when that model version is already the default', async () => {
    const r = await run('rollout-batch.sh', ['batch'], { FAKE_BATCH_DEFAULT: 'v5' });
    expect(r.exitCode).toBe(0);
    expect(at(r.calls, 'batch-deployment create')).toBe(-1);
  });
});

describe('wait-pipeline.sh', () => {
  it('waits, then reads what the register step registered, registering nothing itself', async () => {
    const r = await run('wait-pipeline.sh', ['pipeline-1-1'], {});
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.outputs).toContain('promoted=true\nversion=4\n');
    expect(r.calls.join('\n')).toContain('ml job download -n pipeline-1-1 --output-name registration');
    expect(r.calls.join('\n')).not.toMatch(/ml model (create|register)/);
  });

  it('passes on a gate that kept the champion', async () => {
    const r = await run('wait-pipeline.sh', ['p'], { FAKE_REGISTERED: '{"promoted": false, "name": "m", "version": null}' });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toContain('promoted=false\nversion=\n');
  });

  it('fails when the pipeline fails', async () => {
    const r = await run('wait-pipeline.sh', ['p'], { FAKE_JOB_STATUS: 'Failed' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('ended with status Failed');
  });

  it('renews the Azure login with a fresh GitHub ID token during a long wait', async () => {
    const r = await run('wait-pipeline.sh', ['p'], {
      RELOGIN_SECONDS: '0',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/?x=1',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const calls = r.calls.join('\n');
    expect(calls).toContain('audience=api://AzureADTokenExchange');
    expect(calls).toContain('login --service-principal -u app-id -t tenant-id --federated-token fresh-github-id-token');
    expect(calls).toContain('account set -s subscription-id');
    expect(r.stdout).toContain('::add-mask::fresh-github-id-token');
  });
});

describe('rollout of a registry model', () => {
  const REF = 'azureml://registries/shared-models/models/demo-model/versions/5';
  it('online: deploys the registry reference as it is', async () => {
    const r = await run('rollout.sh', ['online'], { FAKE_TRAFFIC: '{"blue": 100}', MODEL: REF });
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(r.calls.join('\n')).toContain(`-n green --set model=${REF}`);
  });

  it('batch: names the deployment after the version in the reference', async () => {
    const r = await run('rollout-batch.sh', ['batch'], { FAKE_BATCH_DEFAULT: 'v4', MODEL: REF });
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(r.calls.join('\n')).toContain(`ml batch-deployment create -f deploy/deployment.yml -e demo-online -n v5 --set model=${REF}`);
    expect(r.outputs).toContain('deployment=v5');
  });
});

describe('share-model.sh', () => {
  const env = { MODEL_NAME: 'demo-model', REGISTRY_NAME: 'shared-models' };
  const SHARE = 'ml model share --name demo-model --version 5 --registry-name shared-models --share-with-name demo-model --share-with-version 5';

  it('shares the promoted version to the registry and prints the reference to deploy', async () => {
    const r = await run('share-model.sh', ['5'], env);
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(r.calls).toContain(SHARE);
    expect(r.outputs).toBe('model=azureml://registries/shared-models/models/demo-model/versions/5\n');
    expect(r.calls.join('\n')).not.toMatch(/ml model (create|register)/);
  });

  it('leaves a version it shared before alone (a re-run of the deploy job)', async () => {
    const r = await run('share-model.sh', ['5'], { ...env, FAKE_REGISTRY_RUN: 'pipeline-7-1', FAKE_WORKSPACE_RUN: 'pipeline-7-1' });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(at(r.calls, 'ml model share')).toBe(-1);
    expect(r.outputs).toContain('versions/5');
  });

  it('stops when the registry holds that name and version from another pipeline run', async () => {
    const r = await run('share-model.sh', ['5'], { ...env, FAKE_REGISTRY_RUN: 'pipeline-3-1', FAKE_WORKSPACE_RUN: 'pipeline-7-1' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('already holds demo-model:5 from pipeline run pipeline-3-1');
    expect(at(r.calls, 'ml model share')).toBe(-1);
    expect(r.outputs).toBe('');
  });

  it.each([['a failed share', { FAKE_FAIL: 'ml model share' }], ['a version that is not a number', {}, '5; rm -rf /']])(
    'fails on %s and writes no reference',
    async (_why, extra, version = '5') => {
      const r = await run('share-model.sh', [version], { ...env, ...extra });
      expect(r.exitCode).not.toBe(0);
      expect(r.outputs).toBe('');
    },
  );
});

describe('the scripts pass shellcheck', () => {
  it.each(['rollout.sh', 'wait-pipeline.sh', 'share-model.sh'])('%s', async (name) => {
    const available = (await execa('shellcheck', ['--version'], { reject: false })).exitCode === 0;
    if (!available && process.env.CI) throw new Error('CI needs shellcheck');
    if (!available) return;
    const r = await execa('shellcheck', ['-s', 'bash', join(tmp.path, 'scripts', name)], { reject: false });
    expect(r.stdout).toBe('');
  });
});
