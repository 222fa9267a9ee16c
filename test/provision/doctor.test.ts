import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, nodeCheck, type Check } from '../../src/azure/doctor.js';
import { runnerWithEnv } from '../../src/azure/tools.js';
import { runDoctorCli } from '../../src/cli/doctor.js';
import { cli, emptyAzure, fakeWorld, makeProject } from './helpers.js';

const SCOPE = '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/ws1';
const SECRET = 'sEcReT7f3a9b2c8d1e4f5a6b7c8d9e0fXyZ';

/** Everything the default project needs, as `provision` leaves it. */
function healthy(): Record<string, any> {
  return {
    az: {
      loggedIn: true,
      extensions: { ml: '2.32.0' },
      groups: ['rg1'],
      workspaces: ['ws1'],
      computes: { 'cpu-cluster': { type: 'amlcompute', size: 'STANDARD_DS3_V2', provisioning_state: 'Succeeded' } },
      identities: {
        'demo-github': {
          principalId: 'p',
          clientId: 'c',
          credentials: [
            { name: 'github-branch-main', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:octo/demo:ref:refs/heads/main' },
            { name: 'github-pull_request', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:octo/demo:pull_request' },
            { name: 'github-env-production', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:octo/demo:environment:production' },
          ],
        },
      },
      roleAssignments: [{ principalId: 'p', role: 'AzureML Data Scientist', scope: SCOPE }],
    },
    gh: {
      loggedIn: true,
      secrets: { AZURE_CLIENT_ID: 'c', AZURE_TENANT_ID: 't', AZURE_SUBSCRIPTION_ID: 's' },
      variables: { AZURE_RESOURCE_GROUP: 'rg1', AZUREML_WORKSPACE: 'ws1' },
    },
  };
}

async function doctor(project: string, state: Record<string, unknown>, tools?: string[]): Promise<{ exitCode: number; checks: Check[]; out: string }> {
  const world = await fakeWorld(state, tools);
  const r = await cli(['doctor', '--json'], project, world.env);
  return { exitCode: r.exitCode, checks: JSON.parse(r.stdout).checks, out: r.stdout + r.stderr };
}

const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id)!;

describe('doctor', () => {
  let project: string;
  beforeAll(async () => {
    project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1']);
  });

  it('prints {"checks": [{id, ok, message, fix}]} with the ten ids in order', async () => {
    const { checks } = await doctor(project, healthy());
    expect(checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(CHECK_IDS).toEqual(['node', 'python', 'az', 'az-ml', 'login', 'workspace', 'compute', 'gh', 'github-settings', 'federated-credential']);
    for (const c of checks) {
      expect(Object.keys(c)).toEqual(['id', 'ok', 'message', 'fix']);
      expect(typeof c.message).toBe('string');
      if (!c.ok) expect(c.fix).not.toBe('');
    }
  });

  it('passes every check on a provisioned project, and exits 0', async () => {
    const world = await fakeWorld(healthy());
    // In-process, to judge a supported Node (this machine's may not be one); the CLI run below is the same code.
    const code = await runDoctorCli({ dir: project, json: true }, { run: runnerWithEnv(world.env), nodeVersion: '22.12.0', today: '2026-12-07' });
    const { checks } = await doctor(project, healthy());
    for (const c of checks.filter((c) => c.id !== 'node')) expect(c, c.id).toMatchObject({ ok: true, fix: '' });
    expect(byId(checks, 'federated-credential').message).toContain('repo:octo/demo:ref:refs/heads/main');
    expect(code).toBe(0);
  });

  it('exits 1 and says az login when the login is missing; what needs it is not checked', async () => {
    const state = healthy();
    state.az.loggedIn = false;
    const { exitCode, checks } = await doctor(project, state);
    expect(exitCode).toBe(1);
    expect(byId(checks, 'login')).toMatchObject({ ok: false, message: 'the Azure CLI login is missing or expired' });
    expect(byId(checks, 'login').fix).toMatch(/az login/);
    expect(byId(checks, 'workspace').message).toMatch(/^not checked: not logged in/);
    expect(byId(checks, 'az')).toMatchObject({ ok: true });
  });

  it('reports a missing ml extension, and the retired v1 extension', async () => {
    const state = healthy();
    state.az.extensions = {};
    let { checks } = await doctor(project, state);
    expect(byId(checks, 'az-ml')).toMatchObject({ ok: false, fix: 'az extension add --name ml --yes --upgrade' });
    state.az.extensions = { 'azure-cli-ml': '1.41.0', ml: '2.32.0' };
    ({ checks } = await doctor(project, state));
    expect(byId(checks, 'az-ml').fix).toMatch(/az extension remove --name azure-cli-ml/);
  });

  it('reports a missing workspace with provision as the fix', async () => {
    const state = healthy();
    state.az.workspaces = [];
    const { checks } = await doctor(project, state);
    expect(byId(checks, 'workspace')).toMatchObject({ ok: false, message: 'workspace ws1 in resource group rg1: not found' });
    expect(byId(checks, 'workspace').fix).toMatch(/aml-scaffold provision --github-repo octo\/demo/);
    expect(byId(checks, 'compute').message).toMatch(/^not checked/);
  });

  it('reports a missing cluster, a retired size and a size the region does not offer', async () => {
    const state = healthy();
    state.az.computes = {};
    let { checks } = await doctor(project, state);
    expect(byId(checks, 'compute')).toMatchObject({ ok: false, message: 'cpu-cluster: not found' });
    state.az.computes = { 'cpu-cluster': { type: 'amlcompute', size: 'Standard_NC6s_v3', provisioning_state: 'Succeeded' } };
    ({ checks } = await doctor(project, state));
    expect(byId(checks, 'compute').message).toMatch(/Standard_NC6s_v3 \(NCv3 series\) was retired on 2025-09-30; use Standard_NC4as_T4_v3/);
    state.az.computes = { 'cpu-cluster': { type: 'amlcompute', size: 'Standard_D4s_v5', provisioning_state: 'Succeeded' } };
    ({ checks } = await doctor(project, state));
    expect(byId(checks, 'compute').message).toMatch(/Standard_D4s_v5 is not offered in the workspace's region/);
  });

  it('reports federated-credential subjects that do not match the workflows', async () => {
    const state = healthy();
    state.az.identities['demo-github'].credentials[0].subject = 'repo:octo/demo:ref:refs/heads/master';
    let { checks } = await doctor(project, state);
    expect(byId(checks, 'federated-credential')).toMatchObject({ ok: false, message: 'demo-github has no federated credential for repo:octo/demo:ref:refs/heads/main' });

    // The deploy job runs in the GitHub environment production: its subject is required too.
    const noEnvironment = healthy();
    const identity = noEnvironment.az.identities['demo-github'];
    identity.credentials = identity.credentials.filter((c: { subject: string }) => !c.subject.includes(':environment:'));
    ({ checks } = await doctor(project, noEnvironment));
    expect(byId(checks, 'federated-credential').message).toBe('demo-github has no federated credential for repo:octo/demo:environment:production');
  });

  it('reports missing repository secrets and variables by name', async () => {
    const state = healthy();
    delete state.gh.secrets.AZURE_TENANT_ID;
    delete state.gh.variables.AZUREML_WORKSPACE;
    const { checks } = await doctor(project, state);
    expect(byId(checks, 'github-settings')).toMatchObject({ ok: false, message: 'octo/demo lacks secret AZURE_TENANT_ID, variable AZUREML_WORKSPACE' });
  });

  it('reports gh too old for gh variable, or not logged in', async () => {
    const state = healthy();
    state.gh.version = '2.23.0';
    let { checks } = await doctor(project, state);
    expect(byId(checks, 'gh').message).toMatch(/2\.23\.0 has no gh variable command/);
    expect(byId(checks, 'github-settings').message).toMatch(/^not checked/);
    const out = healthy();
    out.gh.loggedIn = false;
    ({ checks } = await doctor(project, out));
    expect(byId(checks, 'gh')).toMatchObject({ ok: false, fix: 'run gh auth login' });
  });

  it('reports az and gh not installed', async () => {
    const { exitCode, checks } = await doctor(project, healthy(), ['python3']);
    expect(exitCode).toBe(1);
    expect(byId(checks, 'az')).toMatchObject({ ok: false, message: 'the Azure CLI (az) is not installed' });
    expect(byId(checks, 'az-ml').message).toBe('not checked: az is not installed');
    expect(byId(checks, 'gh')).toMatchObject({ ok: false, message: 'the GitHub CLI (gh) is not installed' });
  });

  it('checks the project\'s Python version', async () => {
    const state = healthy();
    state.python = '3.8.18';
    const { checks } = await doctor(project, state);
    expect(byId(checks, 'python')).toMatchObject({ ok: false, message: 'Python 3.8.18 is older than the 3.10 the project needs' });
  });

  it('never prints a secret that az returns or prints in an error', async () => {
    const state = healthy();
    state.az.leak = SECRET;
    let r = await doctor(project, state);
    expect(r.out).not.toContain(SECRET);
    state.az.fail = { 'az ml compute show': `ERROR: request failed: AccountKey=${SECRET}; token ${SECRET}` };
    r = await doctor(project, state);
    expect(byId(r.checks, 'compute').ok).toBe(false);
    expect(r.out).not.toContain(SECRET);
    const world = await fakeWorld(state);
    const human = await cli(['doctor'], project, world.env);
    expect(human.exitCode).toBe(1);
    expect(human.stdout + human.stderr).not.toContain(SECRET);
    expect(human.stdout).toMatch(/FAIL {2}compute/);
  });

  it('needs no gh, settings or identity for a project without workflows', async () => {
    const dir = await makeProject(['--ci', 'none', '--workspace', 'ws1', '--resource-group', 'rg1'], 'demo');
    const { checks } = await doctor(dir, healthy(), ['az', 'python3']);
    for (const id of ['gh', 'github-settings', 'federated-credential']) {
      expect(byId(checks, id)).toMatchObject({ ok: true, message: 'not needed: the project has no GitHub workflows' });
    }
    // Every other check passes (node depends on the Node running the tests).
    expect(checks.filter((c) => !c.ok && c.id !== 'node')).toEqual([]);
  });

  it('is bad usage (exit 2) outside a generated project', async () => {
    const world = await fakeWorld(healthy());
    const r = await cli(['doctor'], world.dir, world.env);
    expect(r.exitCode).toBe(2);
  });
});

describe('nodeCheck', () => {
  it('accepts a supported LTS line and refuses an ended or odd one', () => {
    expect(nodeCheck('22.12.0', '2026-12-07')).toMatchObject({ ok: true });
    expect(nodeCheck('24.1.0', '2026-12-07')).toMatchObject({ ok: true });
    expect(nodeCheck('20.20.2', '2026-12-07')).toMatchObject({ ok: false, message: 'Node.js 20.20.2 reached end of life on 2026-04-30' });
    expect(nodeCheck('20.20.2', '2026-01-01')).toMatchObject({ ok: true });
    expect(nodeCheck('23.0.0', '2026-12-07')).toMatchObject({ ok: false });
    expect(nodeCheck('26.0.0', '2026-12-07')).toMatchObject({ ok: true });
  });
});
