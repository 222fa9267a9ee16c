/**
 * `aml-scaffold provision`: from a generated folder to a working Azure set-up (src/azure/).
 * Exit 0 when everything exists or was created, 1 when a step fails, 2 for bad usage.
 */
import { parseGithubRepo, readProject, repoOfRemote, type Project } from '../azure/project.js';
import { dryRun, runProvision, type ProvisionResult } from '../azure/provision.js';
import { REGISTRY_ROLE, ROLES } from '../azure/steps.js';
import { runTool, type Runner } from '../azure/tools.js';
import { oneLine } from '../spec/answers.js';
import { RunError, UsageError } from '../core/errors.js';
import { line, makeIo } from './io.js';

export interface ProvisionCliOptions {
  subscription?: string;
  location?: string;
  githubRepo?: string;
  lowPriority?: boolean;
  dryRun?: boolean;
  json?: boolean;
  dir?: string;
}

/** The repository from --github-repo, else from the project's `origin` remote on GitHub. */
export async function githubRepoOf(root: string, flag: string | undefined, run: Runner = runTool): Promise<string | undefined> {
  if (flag !== undefined) {
    if (!parseGithubRepo(flag)) throw new UsageError(`--github-repo must be owner/name, as in octo-org/my-project, not "${oneLine(flag)}"`);
    return flag;
  }
  const r = await run({ argv: ['git', '-C', root, 'remote', 'get-url', 'origin'] }, 10_000);
  return r.exitCode === 0 ? repoOfRemote(r.stdout) : undefined;
}

export async function runProvisionCli(opts: ProvisionCliOptions): Promise<number> {
  const io = makeIo(Boolean(opts.json));
  if (opts.location !== undefined && !/^[A-Za-z0-9]{2,40}$/.test(opts.location)) {
    throw new UsageError(`--location must be an Azure region name such as westeurope, not "${oneLine(opts.location)}"`);
  }
  if (opts.subscription !== undefined && !/^[^\u0000-\u001f\u007f]{1,128}$/.test(opts.subscription)) {
    throw new UsageError('--subscription must be a subscription ID or name');
  }
  const project = readProject(opts.dir ?? '.');
  const hasWorkflows = project.workflows.files.length > 0;
  const repo = await githubRepoOf(project.root, opts.githubRepo);
  if (!repo && hasWorkflows) throw new UsageError('no GitHub repository: pass --github-repo owner/name (or add a github.com remote named origin)');
  const options = { subscription: opts.subscription, location: opts.location, githubRepo: repo ?? '', lowPriority: opts.lowPriority };

  const err = (text: string) => line(io.err, text);
  if (project.derivedNames.resourceGroup || project.derivedNames.workspace) {
    err(`aml-scaffold.json names no ${[project.derivedNames.resourceGroup && 'resource group', project.derivedNames.workspace && 'workspace'].filter(Boolean).join(' or ')}; using ${project.resourceGroup} / ${project.workspace} (set as the repository variables the workflows read)`);
  }
  for (const why of project.workflows.uncovered) err(`warning: ${why}; add a federated credential for it by hand`);
  if (!hasWorkflows) err('no .github/workflows: no GitHub identity, role or repository settings to set up');

  if (opts.dryRun) {
    const result = dryRun(project, options, (text) => line(io.human, text));
    if (opts.json) io.out.write(`${JSON.stringify({ commands: result.commands })}\n`);
    else line(io.human, '\nNothing was run (--dry-run).');
    return 0;
  }
  const result = await runProvision(project, options, runTool, err);
  if (opts.json) io.out.write(`${JSON.stringify({ commands: result.commands })}\n`);
  if (result.failure) {
    const f = result.failure;
    throw new RunError(`provision stopped at step "${f.step}" (${f.title}): ${f.error}`, [
      ...(f.command ? [`command: ${f.command}`] : []),
      `fix: ${f.fix}`,
      'Rerun aml-scaffold provision afterwards: what exists is kept.',
    ]);
  }
  summary(result, project, (text) => line(io.human, text));
  return 0;
}

function summary(result: ProvisionResult, project: Project, out: (text: string) => void): void {
  out(`Provisioned: ${result.created.length} created, ${result.existing.length} already in place.`);
  const registry = project.spec.registry ? `, "${REGISTRY_ROLE.role}" on the registry ${project.spec.registry}` : '';
  out(`The GitHub identity has ${ROLES.map((r) => `"${r.role}" on the ${r.scope}`).join(', ')}${registry}; no Owner or Contributor.`);
  for (const m of result.manual) out(`Left to do by hand (${m.step}): ${m.fix}`);
  out('Check everything with: aml-scaffold doctor');
}
