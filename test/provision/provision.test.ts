import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, emptyAzure, fakeWorld, makeProject } from './helpers.js';

const ISSUER = 'https://token.actions.githubusercontent.com';

function subjectsOf(commands: string[][]): string[] {
  return commands.filter((c) => c.slice(0, 4).join(' ') === 'az identity federated-credential create').map((c) => c[c.indexOf('--subject') + 1]);
}

describe('provision --dry-run --json', () => {
  let project: string;
  beforeAll(async () => {
    project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1']);
  });

  it('prints {"commands": [[argv...]]}, runs nothing, and matches the generated workflows', async () => {
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json', '--location', 'westeurope'], project, world.env);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['commands']);
    expect(out.commands.every((c: unknown) => Array.isArray(c) && c.every((w) => typeof w === 'string'))).toBe(true);
    expect(world.log()).toEqual([]);
    // The generated workflows: push to main (ci.yml, train-deploy.yml), pull_request (ci.yml) and the deploy
    // job's GitHub environment, production (train-deploy.yml).
    expect(subjectsOf(out.commands).sort()).toEqual(['repo:octo/demo:environment:production', 'repo:octo/demo:pull_request', 'repo:octo/demo:ref:refs/heads/main']);
    for (const c of out.commands.filter((c: string[]) => c[3] === 'create' && c[2] === 'federated-credential')) {
      expect(c[c.indexOf('--issuer') + 1]).toBe(ISSUER);
      expect(c[c.indexOf('--audiences') + 1]).toBe('api://AzureADTokenExchange');
    }
    // Names from the manifest; progress on stderr.
    expect(out.commands).toContainEqual(['az', 'ml', 'workspace', 'create', '--name', 'ws1', '--resource-group', 'rg1', '--location', 'westeurope', '--output', 'json']);
    expect(r.stderr).toContain('[1/');
  });

  it('assigns no Owner or Contributor role, only AzureML Data Scientist on the workspace', async () => {
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json', '--subscription', '11111111-2222-3333-4444-555555555555'], project, world.env);
    const commands: string[][] = JSON.parse(r.stdout).commands;
    const roles = commands.filter((c) => c[1] === 'role').map((c) => c[c.indexOf('--role') + 1]);
    expect(new Set(roles)).toEqual(new Set(['AzureML Data Scientist']));
    expect(JSON.stringify(commands)).not.toMatch(/"(Owner|Contributor)"/);
    const create = commands.find((c) => c.slice(0, 4).join(' ') === 'az role assignment create')!;
    expect(create[create.indexOf('--scope') + 1]).toBe(
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/ws1',
    );
    // --subscription reaches every az command that takes it.
    for (const c of commands.filter((c) => c[0] === 'az' && c[1] !== 'extension')) expect(c).toContain('--subscription');
  });

  it('with --registry: checks the registry and gives the identity AzureML Registry User on it, last', async () => {
    const shared = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1', '--registry', 'shared-models'], 'shared');
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json', '--subscription', '11111111-2222-3333-4444-555555555555'], shared, world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    const commands: string[][] = JSON.parse(r.stdout).commands;
    const registryRole = commands.find((c) => c[3] === 'create' && c.includes('AzureML Registry User'))!;
    expect(registryRole[registryRole.indexOf('--scope') + 1]).toBe(
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/registries/shared-models',
    );
    const show = commands.findIndex((c) => c.slice(1, 4).join(' ') === 'ml registry show');
    expect(commands[show]).toEqual(expect.arrayContaining(['--name', 'shared-models', '--resource-group', 'rg1']));
    // After the repository settings: a registry still to be created stops nothing else.
    const lastGh = commands.map((c) => c[0]).lastIndexOf('gh');
    expect(lastGh).toBeGreaterThan(0);
    expect(show).toBeGreaterThan(lastGh);
    const roles = new Set(commands.filter((c) => c[1] === 'role').map((c) => c[c.indexOf('--role') + 1]));
    expect(roles).toEqual(new Set(['AzureML Data Scientist', 'AzureML Registry User']));
  });

  it('reads the branch and the deploy job environment from the workflow file on disk', async () => {
    // The job workflow, whose deploy job has no environment until the user gives it one.
    const dir = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1', '--training', 'job'], 'edited');
    const file = join(dir, '.github/workflows/train-deploy.yml');
    const text = readFileSync(file, 'utf8')
      .replace('branches: [main]', 'branches: [release]')
      .replace('  deploy:\n    needs: train\n', '  deploy:\n    needs: train\n    environment:\n      name: production\n');
    writeFileSync(file, text);
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json', '--github-repo', 'acme/models'], dir, world.env);
    expect(r.exitCode).toBe(0);
    expect(subjectsOf(JSON.parse(r.stdout).commands).sort()).toEqual([
      'repo:acme/models:environment:production',
      'repo:acme/models:pull_request',
      'repo:acme/models:ref:refs/heads/main',
      'repo:acme/models:ref:refs/heads/release',
    ]);
  });

  it('asks for low-priority clusters with --low-priority, min 0 nodes', async () => {
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json', '--low-priority'], project, world.env);
    const create = JSON.parse(r.stdout).commands.find((c: string[]) => c.slice(0, 4).join(' ') === 'az ml compute create');
    expect(create).toEqual(expect.arrayContaining(['--tier', 'low_priority', '--min-instances', '0', '--size', 'Standard_D4ds_v5']));
  });

  it('sets up no GitHub identity for a project without workflows (--ci none), and needs no repository', async () => {
    const dir = await makeProject(['--ci', 'none', '--workspace', 'ws1', '--resource-group', 'rg1'], 'nowf');
    await import('execa').then(({ execa }) => execa('git', ['-C', dir, 'remote', 'remove', 'origin']));
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json'], dir, world.env);
    expect(r.exitCode).toBe(0);
    const commands: string[][] = JSON.parse(r.stdout).commands;
    expect(commands.map((c) => c.slice(0, 3).join(' '))).toEqual([
      'az account show',
      'az extension show',
      'az extension add',
      'az group show',
      'az group create',
      'az ml workspace',
      'az ml workspace',
      'az ml compute',
      'az ml compute',
    ]);
  });

  it('is bad usage (exit 2) without a manifest, with a bad --github-repo, or with no repository at all', async () => {
    const world = await fakeWorld(emptyAzure());
    const none = await cli(['provision', '--dry-run'], world.dir, world.env);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/no aml-scaffold\.json/);
    const bad = await cli(['provision', '--dry-run', '--github-repo', 'not a repo'], project, world.env);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--github-repo must be owner\/name/);
    const noRemote = await makeProject([], 'noremote');
    await import('execa').then(({ execa }) => execa('git', ['-C', noRemote, 'remote', 'remove', 'origin']));
    const missing = await cli(['provision', '--dry-run'], noRemote, world.env);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/pass --github-repo owner\/name/);
  });
});

describe('provision against fake az and gh', () => {
  it('creates everything, then a second run creates nothing', async () => {
    const project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1']);
    const world = await fakeWorld(emptyAzure());
    const first = await cli(['provision', '--location', 'westeurope'], project, world.env);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.exitCode).toBe(0);
    const s = world.state();
    expect(s.az.groups).toEqual(['rg1']);
    expect(s.az.workspaces).toEqual(['ws1']);
    expect(s.az.computes['cpu-cluster']).toMatchObject({ size: 'Standard_D4ds_v5', min_instances: 0, tier: 'dedicated' });
    const identity = s.az.identities['demo-github'];
    expect(identity.credentials.map((c: { subject: string }) => c.subject).sort()).toEqual([
      'repo:octo/demo:environment:production',
      'repo:octo/demo:pull_request',
      'repo:octo/demo:ref:refs/heads/main',
    ]);
    expect(s.az.roleAssignments).toEqual([
      {
        principalId: identity.principalId,
        role: 'AzureML Data Scientist',
        scope: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/ws1',
      },
    ]);
    expect(s.gh.secrets).toEqual({
      AZURE_CLIENT_ID: identity.clientId,
      AZURE_TENANT_ID: '00000000-0000-0000-0000-00000000000b',
      AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-00000000000a',
    });
    expect(s.gh.variables).toEqual({ AZURE_RESOURCE_GROUP: 'rg1', AZUREML_WORKSPACE: 'ws1' });
    // Secret values travel on stdin, never in argv.
    for (const call of world.log().filter((l) => l.argv[0] === 'secret' && l.argv[1] === 'set')) {
      expect(call.argv.join(' ')).not.toContain(call.stdin);
      expect(call.stdin).not.toBe('');
    }

    world.clearLog();
    const second = await cli(['provision', '--json'], project, world.env);
    expect(second.exitCode).toBe(0);
    const mutating = world.log().filter((l) => l.argv.some((w) => ['create', 'add', 'set'].includes(w)));
    expect(mutating).toEqual([]);
    expect(world.state()).toEqual(s);
    // --json lists exactly the commands run: checks only.
    const ran: string[][] = JSON.parse(second.stdout).commands;
    expect(ran.length).toBe(world.log().length);
    expect(second.stderr).toContain('exists');
  });

  it('stops at a missing login with the step, the command and the fix (exit 1)', async () => {
    const project = await makeProject();
    const world = await fakeWorld({ az: { loggedIn: false, extensions: { ml: '2.32.0' } }, gh: { loggedIn: true } });
    const r = await cli(['provision'], project, world.env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/step "account"/);
    expect(r.stderr).toMatch(/command: az account show --output json/);
    expect(r.stderr).toMatch(/fix: run az login/);
    expect(world.log().map((l) => l.argv.join(' '))).toEqual(['account show --output json']);
  });

  it('names the failing create command and its error, and keeps what exists for the rerun', async () => {
    const project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1']);
    const state = emptyAzure() as { az: Record<string, unknown> };
    state.az.groups = ['rg1'];
    state.az.fail = { 'az ml workspace create': "ERROR: (AuthorizationFailed) The client does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/write'" };
    const world = await fakeWorld(state);
    const r = await cli(['provision'], project, world.env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/step "workspace" \(Azure ML workspace ws1\): \(AuthorizationFailed\)/);
    expect(r.stderr).toMatch(/command: az ml workspace create --name ws1 --resource-group rg1 --output json/);
    expect(r.stderr).toMatch(/fix: .*Contributor or Owner/);
    // The existing group was not created again; nothing after the failing step ran.
    expect(world.log().some((l) => l.argv.join(' ').startsWith('group create'))).toBe(false);
    expect(world.log().some((l) => l.argv[0] === 'identity')).toBe(false);
  });

  it('needs --location only when the resource group is missing', async () => {
    const project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1']);
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision'], project, world.env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/step "resource-group".*no --location was given/);
    expect(r.stderr).toMatch(/fix: rerun with --location/);
  });

  it('refuses to create a cluster of a retired size, naming the replacement', async () => {
    const project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1']);
    const file = join(project, 'aml-scaffold.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    m.spec.instanceType = 'Standard_NC6s_v3';
    writeFileSync(file, JSON.stringify(m));
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--location', 'westeurope'], project, world.env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/step "compute:cpu-cluster".*NCv3 series, retired on 2025-09-30/);
    expect(r.stderr).toMatch(/Standard_NC4as_T4_v3/);
    expect(world.log().some((l) => l.argv.slice(0, 3).join(' ') === 'ml compute create')).toBe(false);
  });

  it('reports a missing attached Kubernetes compute as work by hand and goes on', async () => {
    const project = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1', '--target', 'kubernetes']);
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--location', 'westeurope'], project, world.env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/by hand \(compute:k8s-compute\): attach your cluster.*az ml compute attach --type Kubernetes --name k8s-compute/);
    expect(Object.keys(world.state().az.computes)).toEqual(['cpu-cluster']);
    expect(world.state().gh.variables).toEqual({ AZURE_RESOURCE_GROUP: 'rg1', AZUREML_WORKSPACE: 'ws1' });
  });

  it('says which tool is missing', async () => {
    const project = await makeProject();
    const world = await fakeWorld(emptyAzure(), ['gh', 'python3']);
    const r = await cli(['provision'], project, world.env);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/az is not installed/);
    expect(r.stderr).toMatch(/fix: install the Azure CLI/);
  });
});
