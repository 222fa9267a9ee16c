/**
 * `aml-scaffold doctor`: ten checks, always in this order and always all reported, each with an id, a
 * result, a message and a fix. A check that depends on one that failed (no `az`: no login check) says
 * so and fails too. Messages are built from chosen fields only (names, versions, states), and a tool's
 * error line is redacted (tools.ts), so no key, token or secret value reaches the output.
 */
import { isRetired, retirementOf } from '../catalog/vm-sizes.js';
import type { Project } from './project.js';
import { githubSettings, GITHUB_ISSUER, listedNames, requiredSubjects } from './steps.js';
import { firstError, type Runner, type ToolResult } from './tools.js';

export const CHECK_IDS = ['node', 'python', 'az', 'az-ml', 'login', 'workspace', 'compute', 'gh', 'github-settings', 'federated-credential'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Check {
  id: CheckId;
  ok: boolean;
  message: string;
  fix: string;
}

export interface DoctorEnv {
  run: Runner;
  /** `process.versions.node` of the Node that runs the CLI. */
  nodeVersion: string;
  /** ISO date, for end-of-life and retirement dates. */
  today: string;
  /** `owner/name`, or undefined when the project has no GitHub remote. */
  repo?: string;
}

/** Node.js LTS lines and their end of life (nodejs.org release schedule). */
export const NODE_LTS: Record<number, string> = { 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

/** `1.2.3` ≥ `1.2`? (numeric, part by part) */
export function atLeast(version: string, floor: string): boolean {
  const a = version.split('.').map((n) => parseInt(n, 10) || 0);
  const b = floor.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export function nodeCheck(version: string, today: string): Check {
  const major = parseInt(version, 10);
  const lines = Object.keys(NODE_LTS).map(Number);
  const current = lines.filter((l) => NODE_LTS[l] > today);
  const fix = `install a supported Node.js LTS (${current.join(' or ')}) from https://nodejs.org`;
  const eol = NODE_LTS[major];
  if (eol && eol > today) return { id: 'node', ok: true, message: `Node.js ${version} (LTS, supported until ${eol})`, fix: '' };
  if (eol) return { id: 'node', ok: false, message: `Node.js ${version} reached end of life on ${eol}`, fix };
  if (major % 2 === 0 && major > Math.max(...lines)) return { id: 'node', ok: true, message: `Node.js ${version}`, fix: '' };
  return { id: 'node', ok: false, message: `Node.js ${version} is not a supported LTS line`, fix };
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function str(obj: unknown, key: string): string | undefined {
  const v = obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

const pass = (id: CheckId, message: string): Check => ({ id, ok: true, message, fix: '' });
const failed = (id: CheckId, message: string, fix: string): Check => ({ id, ok: false, message, fix });
const skipped = (id: CheckId, because: string, fix: string): Check => failed(id, `not checked: ${because}`, fix);

/** Why an az call failed, in the words a user needs. */
function azError(r: ToolResult): string {
  const text = `${r.stderr}\n${r.stdout}`;
  if (/az login|not logged in|expired|AADSTS/i.test(text)) return 'the Azure CLI login is missing or expired';
  if (/ResourceNotFound|ResourceGroupNotFound|not found|could not be found|does not exist/i.test(text)) return 'not found';
  return firstError(r);
}

export async function runDoctor(project: Project, env: DoctorEnv): Promise<Check[]> {
  const { run } = env;
  const rg = ['--resource-group', project.resourceGroup];
  const ws = [...rg, '--workspace-name', project.workspace];
  const checks: Check[] = [nodeCheck(env.nodeVersion, env.today)];
  const provisionFix = `run aml-scaffold provision${env.repo ? ` --github-repo ${env.repo}` : ''} (it creates what is missing)`;

  // python: the project's floor from pyproject.toml's requires-python
  const need = project.python ?? '3.10';
  let py = await run({ argv: ['python3', '--version'] });
  if (py.missing) py = await run({ argv: ['python', '--version'] });
  const pyVersion = /Python (\d+\.\d+(?:\.\d+)?)/.exec(`${py.stdout} ${py.stderr}`)?.[1];
  checks.push(
    !pyVersion
      ? failed('python', `Python not found (the project needs ${need} or later)`, `install Python ${need} or later`)
      : atLeast(pyVersion, need)
        ? pass('python', `Python ${pyVersion} (the project needs ${need} or later)`)
        : failed('python', `Python ${pyVersion} is older than the ${need} the project needs`, `install Python ${need} or later`),
  );

  // az and its ml extension, from one `az version`
  const ver = await run({ argv: ['az', 'version', '--output', 'json'] });
  const v = ver.exitCode === 0 ? json(ver.stdout) : undefined;
  const azVersion = str(v, 'azure-cli');
  const installAz = 'install the Azure CLI: https://aka.ms/installazurecli';
  checks.push(azVersion ? pass('az', `Azure CLI ${azVersion}`) : failed('az', ver.missing ? 'the Azure CLI (az) is not installed' : `az version failed: ${firstError(ver)}`, installAz));
  const extensions = (v && typeof v === 'object' ? (v as Record<string, unknown>).extensions : undefined) as Record<string, unknown> | undefined;
  const ml = typeof extensions?.ml === 'string' ? extensions.ml : undefined;
  const addMl = 'az extension add --name ml --yes --upgrade';
  let mlOk = false;
  if (!azVersion) checks.push(skipped('az-ml', 'az is not installed', installAz));
  else if (extensions && 'azure-cli-ml' in extensions) checks.push(failed('az-ml', 'the retired v1 extension azure-cli-ml is installed; it conflicts with ml', `az extension remove --name azure-cli-ml && ${addMl}`));
  else if (!ml) checks.push(failed('az-ml', 'the ml extension (Azure ML CLI v2) is not installed', addMl));
  else if (!atLeast(ml, '2.0')) checks.push(failed('az-ml', `ml extension ${ml} is older than 2.0`, addMl));
  else {
    mlOk = true;
    checks.push(pass('az-ml', `ml extension ${ml}`));
  }

  // login and subscription
  let loggedIn = false;
  if (!azVersion) checks.push(skipped('login', 'az is not installed', installAz));
  else {
    const acc = await run({ argv: ['az', 'account', 'show', '--output', 'json'] });
    const a = acc.exitCode === 0 ? json(acc.stdout) : undefined;
    loggedIn = Boolean(str(a, 'id'));
    checks.push(
      loggedIn
        ? pass('login', `logged in; subscription "${str(a, 'name') ?? '?'}"`)
        : failed('login', acc.exitCode === 0 ? 'az account show gave no subscription' : azError(acc), 'run az login, then az account set --subscription <id>'),
    );
  }

  // workspace
  const azReady = azVersion && mlOk && loggedIn;
  const notReady = !azVersion ? 'az is not installed' : !mlOk ? 'the ml extension is missing' : 'not logged in to Azure';
  let workspaceOk = false;
  if (!azReady) checks.push(skipped('workspace', notReady, 'fix the checks above first'));
  else {
    const r = await run({ argv: ['az', 'ml', 'workspace', 'show', '--name', project.workspace, ...rg, '--output', 'json'] });
    workspaceOk = r.exitCode === 0;
    const where = `${project.workspace} in resource group ${project.resourceGroup}`;
    checks.push(workspaceOk ? pass('workspace', `workspace ${where} (${str(json(r.stdout), 'location') ?? 'location unknown'})`) : failed('workspace', `workspace ${where}: ${azError(r)}`, provisionFix));
  }

  // compute: every compute the project names exists, with an available, non-retired size
  if (!workspaceOk) checks.push(skipped('compute', azReady ? 'the workspace is not reachable' : notReady, 'fix the checks above first'));
  else if (project.computes.length === 0) checks.push(pass('compute', 'the project trains on serverless compute; no cluster to check'));
  else {
    const problems: string[] = [];
    const fine: string[] = [];
    let sizes: Set<string> | undefined;
    for (const c of project.computes) {
      const r = await run({ argv: ['az', 'ml', 'compute', 'show', '--name', c.name, ...ws, '--output', 'json'] });
      if (r.exitCode !== 0) {
        problems.push(`${c.name}: ${azError(r)}`);
        continue;
      }
      const info = json(r.stdout);
      const state = str(info, 'provisioning_state');
      if (state && /failed/i.test(state)) problems.push(`${c.name}: provisioning state ${state}`);
      const size = str(info, 'size');
      if (c.kind === 'kubernetes' || !size) {
        fine.push(c.name);
        continue;
      }
      const retired = retirementOf(size);
      if (retired && isRetired(size, env.today)) {
        problems.push(`${c.name}: ${size} (${retired.series} series) was retired on ${retired.date}; use ${retired.replacement}`);
        continue;
      }
      if (!sizes) {
        const l = await run({ argv: ['az', 'ml', 'compute', 'list-sizes', ...ws, '--output', 'json'] });
        const list = json(l.stdout);
        sizes = new Set(Array.isArray(list) ? list.map((s) => (str(s, 'name') ?? '').toLowerCase()) : []);
      }
      if (sizes.size > 0 && !sizes.has(size.toLowerCase())) problems.push(`${c.name}: ${size} is not offered in the workspace's region`);
      else fine.push(`${c.name} (${size}${retired ? `; its ${retired.series} series retires on ${retired.date}` : ''})`);
    }
    checks.push(
      problems.length === 0
        ? pass('compute', fine.join(', '))
        : failed('compute', problems.join('; '), `${provisionFix}; for a retired or unavailable size, delete the cluster (az ml compute delete) and set a current instanceType`),
    );
  }

  if (project.workflows.files.length === 0) {
    // init --ci none: nothing runs on GitHub, so neither gh nor its settings nor an identity matter.
    for (const id of ['gh', 'github-settings', 'federated-credential'] as const) checks.push(pass(id, 'not needed: the project has no GitHub workflows'));
    return checks;
  }
  // gh, logged in, new enough for `gh variable`
  const ghv = await run({ argv: ['gh', '--version'] });
  const ghVersion = /gh version (\d+\.\d+\.\d+)/.exec(ghv.stdout)?.[1];
  let ghOk = false;
  const installGh = 'install the GitHub CLI 2.31 or later: https://cli.github.com';
  if (!ghVersion) checks.push(failed('gh', 'the GitHub CLI (gh) is not installed', installGh));
  else if (!atLeast(ghVersion, '2.31')) checks.push(failed('gh', `gh ${ghVersion} has no gh variable command (2.31 or later)`, installGh));
  else {
    const auth = await run({ argv: ['gh', 'auth', 'status'] });
    ghOk = auth.exitCode === 0;
    checks.push(ghOk ? pass('gh', `gh ${ghVersion}, logged in`) : failed('gh', `gh ${ghVersion}, not logged in`, 'run gh auth login'));
  }

  // github-settings: every secret the workflows read, and the variables provision sets
  const noRepo = 'add the GitHub repository as the origin remote: git remote add origin https://github.com/<owner>/<name>.git';
  if (!env.repo) checks.push(failed('github-settings', 'no GitHub repository: the project has no github.com origin remote', noRepo));
  else if (!ghOk) checks.push(skipped('github-settings', 'gh is not ready', 'fix the gh check first'));
  else {
    const s = await run({ argv: ['gh', 'secret', 'list', '--repo', env.repo] });
    const vr = await run({ argv: ['gh', 'variable', 'list', '--repo', env.repo] });
    if (s.exitCode !== 0 || vr.exitCode !== 0) {
      checks.push(failed('github-settings', `cannot list the settings of ${env.repo}: ${firstError(s.exitCode !== 0 ? s : vr)}`, `check that ${env.repo} exists and that you may administer it`));
    } else {
      const haveSecrets = listedNames(s.stdout);
      const haveVars = listedNames(vr.stdout);
      const wantVars = [...githubSettings(project, {}).vars.keys()];
      const missing = [
        ...project.workflows.secrets.filter((n) => !haveSecrets.has(n)).map((n) => `secret ${n}`),
        ...wantVars.filter((n) => !haveVars.has(n)).map((n) => `variable ${n}`),
      ];
      const names = [...project.workflows.secrets.map((n) => `secret ${n}`), ...wantVars.map((n) => `variable ${n}`)];
      checks.push(
        missing.length === 0
          ? pass('github-settings', `${env.repo} has ${names.length ? names.join(', ') : 'everything the workflows read'}`)
          : failed('github-settings', `${env.repo} lacks ${missing.join(', ')}`, provisionFix),
      );
    }
  }

  // federated-credential: subjects covering every trigger and environment of the workflows
  if (!env.repo) checks.push(failed('federated-credential', 'no GitHub repository, so no subject to check', noRepo));
  else if (!azVersion || !loggedIn) checks.push(skipped('federated-credential', !azVersion ? 'az is not installed' : 'not logged in to Azure', 'fix the checks above first'));
  else {
    const r = await run({ argv: ['az', 'identity', 'federated-credential', 'list', '--identity-name', project.identity, ...rg, '--output', 'json'] });
    const list = r.exitCode === 0 ? json(r.stdout) : undefined;
    if (!Array.isArray(list)) {
      checks.push(failed('federated-credential', `managed identity ${project.identity} in ${project.resourceGroup}: ${azError(r)}`, provisionFix));
    } else {
      const have = new Set(list.filter((c) => str(c, 'issuer') === GITHUB_ISSUER).map((c) => str(c, 'subject')));
      const want = requiredSubjects(project, env.repo);
      const missing = want.filter((s) => !have.has(s));
      const extra = project.workflows.uncovered.length ? `; not coverable by one subject: ${project.workflows.uncovered.join('; ')}` : '';
      checks.push(
        missing.length === 0 && want.length > 0
          ? pass('federated-credential', `${project.identity} covers ${want.join(', ')}${extra}`)
          : failed(
              'federated-credential',
              want.length === 0 ? 'the workflows have no trigger a federated credential can match' : `${project.identity} has no federated credential for ${missing.join(', ')}${extra}`,
              provisionFix,
            ),
      );
    }
  }
  return checks;
}
