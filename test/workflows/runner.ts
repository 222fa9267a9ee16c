/**
 * A small local runner for the generated train-deploy workflow: it runs a job's steps in order the way
 * GitHub does (run: scripts with `bash -eo pipefail`, expressions substituted first, GITHUB_OUTPUT and
 * GITHUB_ENV honoured, `if: failure()` steps only after a failure), with the fake Azure CLI, sleep and
 * curl of test/workflows/fake-bin on PATH. `uses: azure/login` runs what the action runs: `az login`
 * with a new federated token. Other actions (checkout, setup-*) are no-ops: the project is the cwd.
 */
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const FAKE_BIN = resolve(import.meta.dirname, 'fake-bin');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  steps: Step[];
  outputs?: Record<string, string>;
}
export interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

export interface RunContext {
  projectDir: string;
  /** The fake CLI's state folder (clock, tokens, log). */
  stateDir: string;
  /** Outputs of the jobs run so far, for `needs.<job>.outputs`. */
  needs: Record<string, Record<string, string>>;
  /** Extra environment (e.g. FAKE_JOB_SECONDS); ACTIONS_ID_TOKEN_REQUEST_URL can be removed with null. */
  env?: Record<string, string | null>;
}

export interface StepResult {
  name: string;
  ok: boolean;
  skipped: boolean;
  output: string;
}

export function loadWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

function evaluate(expr: string, steps: Record<string, Record<string, string>>, ctx: RunContext): string {
  const e = expr.trim();
  let m: RegExpExecArray | null;
  if ((m = /^secrets\.(\w+)$/.exec(e))) return `fake-${m[1].toLowerCase()}`;
  if (/^vars\.\w+$/.test(e)) return '';
  if ((m = /^steps\.([\w-]+)\.outputs\.(\w+)$/.exec(e))) return steps[m[1]]?.[m[2]] ?? '';
  if ((m = /^needs\.([\w-]+)\.outputs\.(\w+)$/.exec(e))) return ctx.needs[m[1]]?.[m[2]] ?? '';
  if (e === 'github.ref') return 'refs/heads/main';
  throw new Error(`runner: unsupported expression \${{ ${e} }}`);
}

const substitute = (text: string, steps: Record<string, Record<string, string>>, ctx: RunContext) =>
  text.replace(/\$\{\{([^}]*)\}\}/g, (_, e: string) => evaluate(e, steps, ctx));

function readKeyValues(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Run one job of the workflow; returns each step's result and the job's outputs. */
export async function runJob(wf: Workflow, jobId: string, ctx: RunContext) {
  const job = wf.jobs[jobId];
  const steps: Record<string, Record<string, string>> = {};
  const results: StepResult[] = [];
  const files = join(ctx.stateDir, `gh-${jobId}`);
  mkdirSync(files, { recursive: true });
  let jobEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(wf.env ?? {})) jobEnv[k] = substitute(String(v), steps, ctx);
  let failed = false;
  for (const [i, step] of job.steps.entries()) {
    const name = step.name ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${i}`;
    const wanted = step.if === undefined ? !failed : /failure\(\)/.test(step.if) ? failed : !failed;
    if (!wanted) {
      results.push({ name, ok: true, skipped: true, output: '' });
      continue;
    }
    const output = join(files, `output-${i}`);
    const envFile = join(files, `env-${i}`);
    writeFileSync(output, '');
    writeFileSync(envFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), steps, ctx)]));
    const env: Record<string, string> = {
      PATH: `${FAKE_BIN}:${process.env.PATH}`,
      HOME: ctx.stateDir,
      FAKE_AZ: ctx.stateDir,
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/request?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'fake-request-token',
      GITHUB_OUTPUT: output,
      GITHUB_ENV: envFile,
      GITHUB_STEP_SUMMARY: join(files, 'summary'),
      ...jobEnv,
      ...stepEnv,
    };
    for (const [k, v] of Object.entries(ctx.env ?? {})) {
      if (v === null) delete env[k];
      else env[k] = v;
    }
    let script: string | undefined;
    if (step.uses?.startsWith('azure/login@')) {
      // What the action does: request a GitHub ID token, then az login with it (a fresh token each time).
      script = 'az login --service-principal -u "$CLIENT" -t "$TENANT" --federated-token fake-github-id-token && az account set -s "$SUB"';
      Object.assign(env, { CLIENT: 'fake-client', TENANT: 'fake-tenant', SUB: 'fake-sub' });
    } else if (step.run !== undefined) {
      script = substitute(step.run, steps, ctx);
    }
    if (script === undefined) {
      results.push({ name, ok: true, skipped: true, output: '' });
      continue;
    }
    const r = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: ctx.projectDir,
      env,
      extendEnv: false,
      reject: false,
      all: true,
    });
    const ok = r.exitCode === 0;
    results.push({ name, ok, skipped: false, output: String(r.all ?? '') });
    if (step.id) steps[step.id] = readKeyValues(output);
    jobEnv = { ...jobEnv, ...readKeyValues(envFile) };
    if (!ok) failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([k, v]) => [k, substitute(v, steps, ctx)]));
  return { ok: !failed, results, outputs };
}

/** The fake CLI's call log. */
export const azLog = (stateDir: string) => readFileSync(join(stateDir, 'log'), 'utf8');
