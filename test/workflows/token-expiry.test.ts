/**
 * Workflows that survive long jobs: the generated train-deploy workflow, run step by step with a fake
 * Azure CLI whose access token expires a while after each login (as a GitHub OIDC login does: the CLI
 * cannot renew it) while training takes three times as long. Registration and deployment must still
 * happen. The clock is simulated and scaled down (token 5 minutes, job 15, for 1 hour and 3 on Azure)
 * so the polling loop runs 30 times, not 360.
 * The same run with the re-login taken out must fail before registering: the expiry is real.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tree } from '../helpers/tree.js';
import { azLog, loadWorkflow, runJob, type RunContext, type Workflow } from './runner.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setUp(fields: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'aml-wf-'));
  dirs.push(root);
  const projectDir = join(root, 'project');
  const stateDir = join(root, 'state');
  mkdirSync(stateDir);
  const t = tree({ workspace: 'ws-1', resourceGroup: 'rg-1', training: 'job', ...fields });
  for (const [path, content] of t) {
    mkdirSync(dirname(join(projectDir, path)), { recursive: true });
    writeFileSync(join(projectDir, path), content);
  }
  const wf = loadWorkflow(t.get('.github/workflows/train-deploy.yml') as string);
  return { wf, ctx: { projectDir, stateDir, needs: {} } as RunContext };
}

const failures = (r: Awaited<ReturnType<typeof runJob>>) =>
  r.results.filter((s) => !s.ok).map((s) => `${s.name}:\n${s.output}`).join('\n');

async function trainThenDeploy(wf: Workflow, ctx: RunContext) {
  const train = await runJob(wf, 'train', ctx);
  ctx.needs.train = train.outputs;
  const deploy = train.ok && wf.jobs.deploy ? await runJob(wf, 'deploy', ctx) : undefined;
  return { train, deploy };
}

describe('train-deploy when the Azure token expires during a long training job', () => {
  const LONG = { FAKE_TOKEN_SECONDS: '300', FAKE_JOB_SECONDS: '900' };
  it.each([
    ['online', {}],
    ['batch', { target: 'batch', compute: 'cpu-cluster' }],
    ['kubernetes, pytorch', { target: 'kubernetes', framework: 'pytorch' }],
  ])('%s: registers and deploys all the same', async (_label, fields) => {
    const { wf, ctx } = setUp(fields);
    ctx.env = LONG;
    const { train, deploy } = await trainThenDeploy(wf, ctx);
    expect(train.ok, failures(train)).toBe(true);
    expect(deploy?.ok, deploy && failures(deploy)).toBe(true);
    const log = azLog(ctx.stateDir);
    // The token really expired during the wait, and the wait logged in again on its own.
    expect(log).toMatch(/EXPIRED ml job (stream|show)/);
    expect(log.match(/LOGIN/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(log).toMatch(/REGISTERED/);
    expect(log).toMatch(/DEPLOYED/);
    expect(train.outputs.model_version).toBe('1');
    // Registration and deployment never ran on an expired token.
    expect(log).not.toMatch(/EXPIRED ml (model|online-|batch-)/);
  });

  it('a short job needs no second login inside the wait', async () => {
    const { wf, ctx } = setUp({});
    ctx.env = { FAKE_TOKEN_SECONDS: '300', FAKE_JOB_SECONDS: '120' };
    const { train, deploy } = await trainThenDeploy(wf, ctx);
    expect(train.ok && deploy?.ok, failures(train)).toBe(true);
    expect(azLog(ctx.stateDir)).not.toMatch(/EXPIRED/);
  });

  it('without the re-login (no GitHub ID token, no second azure/login) the run fails before registering', async () => {
    const { wf, ctx } = setUp({});
    wf.jobs.train.steps = wf.jobs.train.steps.filter((s) => s.name !== 'Log in to Azure again after the wait');
    ctx.env = { ...LONG, ACTIONS_ID_TOKEN_REQUEST_URL: null };
    const { train } = await trainThenDeploy(wf, ctx);
    expect(train.ok).toBe(false);
    expect(train.results.find((s) => !s.ok)?.name).toBe('Submit the training job and wait for it');
    expect(azLog(ctx.stateDir)).not.toMatch(/REGISTERED/);
  });
});
