/**
 * The steps of `aml-scaffold provision`, as data: each has a check (a read-only command; exit 0 and
 * `present` mean there is nothing to do), the commands that create what is missing, and the fix to
 * print when it fails. Built by one pure function of the project, the options and what earlier steps
 * learned (subscription, tenant, the identity's IDs), so `--dry-run`, `--json` and a real run show and
 * run the same commands. Values not known yet appear as `<placeholders>`.
 */
import { isRetired, retirementOf } from '../catalog/vm-sizes.js';
import type { Project } from './project.js';
import type { Command } from './tools.js';

export interface ProvisionOptions {
  subscription?: string;
  location?: string;
  /** `owner/name` of the GitHub repository (unused by a project without workflows). */
  githubRepo: string;
  lowPriority?: boolean;
}

/** What the steps learn as they run. */
export interface Facts {
  subscriptionId?: string;
  tenantId?: string;
  principalId?: string;
  clientId?: string;
  /** The identity was created by this run: its client ID secret must be set again. */
  identityCreated?: boolean;
}

export interface Step {
  id: string;
  title: string;
  check?: Command;
  /** Whether the check's output shows the thing exists (default: the check exited 0). */
  present?: (stdout: string) => boolean;
  /** Facts read from the check's or the create command's JSON output. */
  learn?: (stdout: string) => Facts;
  /** Empty: nothing provision can create (the check must pass, or, for `manual`, is reported). */
  create: Command[];
  fix: string;
  /** Why the create commands must not run (a retired VM size, no location for a new resource group). */
  blocked?: string;
  /** Missing is reported and the run goes on (an attached Kubernetes cluster is the user's to attach). */
  manual?: boolean;
  /** Facts that hold once this step has created its resource. */
  onCreate?: Facts;
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const AUDIENCE = 'api://AzureADTokenExchange';

/**
 * Role assignments of the GitHub identity: least privilege, no Owner, no Contributor. Each with the
 * reason; docs/provision.md has the long form.
 */
export const ROLES: { role: string; scope: 'workspace'; why: string }[] = [
  {
    role: 'AzureML Data Scientist',
    scope: 'workspace',
    why:
      'submit jobs, register models, create and update online/batch endpoints and deployments, read endpoint keys; ' +
      'it cannot create or delete compute, change the workspace or assign roles',
  },
];

/**
 * With --registry: the role that lets the identity share models to the registry and read them from it
 * (learn.microsoft.com, "Manage Azure Machine Learning registries": AzureML Registry User).
 */
export const REGISTRY_ROLE = {
  role: 'AzureML Registry User',
  why: 'share the promoted model versions to the registry and deploy them from it; it cannot create or delete the registry',
} as const;

/** Values that earlier steps (or the user) supply, shown as placeholders until then. */
export const PLACEHOLDER = {
  subscriptionId: '<subscription-id>',
  tenantId: '<tenant-id>',
  principalId: '<identity-principal-id>',
  clientId: '<identity-client-id>',
  location: '<location>',
} as const;

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function field(obj: unknown, key: string): string | undefined {
  const v = obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Names in the first column of `gh secret list` / `gh variable list` (tab-separated when piped). */
export function listedNames(stdout: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [name, value] = line.split('\t');
    if (name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name.trim())) names.set(name.trim(), (value ?? '').trim());
  }
  return names;
}

/** A federated credential's name: 3-120 letters, digits, hyphens, underscores, from its subject. */
export function credentialName(subject: string): string {
  const plain = subject.replace(/^ref:refs\/heads\//, 'branch-').replace(/^ref:refs\/tags\//, 'tag-').replace(/^environment:/, 'env-');
  const safe = plain.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  let hash = 0;
  for (const c of subject) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0;
  // Two subjects that clean up to the same name (feature/x, feature-x) keep apart by a hash of the original.
  const suffix = safe === plain ? '' : `-${hash.toString(16).padStart(8, '0')}`;
  return `github-${safe}`.slice(0, 120 - suffix.length) + suffix;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ID of an Azure ML resource (a workspace, a registry) in the project's resource group. */
function mlResourceId(project: Project, facts: Facts, subscription: string | undefined, kind: 'workspaces' | 'registries', name: string): string {
  const id = facts.subscriptionId ?? (subscription && GUID.test(subscription) ? subscription : PLACEHOLDER.subscriptionId);
  return `/subscriptions/${id}/resourceGroups/${project.resourceGroup}/providers/Microsoft.MachineLearningServices/${kind}/${name}`;
}

export function workspaceId(project: Project, facts: Facts, subscription?: string): string {
  return mlResourceId(project, facts, subscription, 'workspaces', project.workspace);
}

/** The registry's resource ID, in the project's resource group (where provision looks for it). */
function registryId(project: Project, registry: string, facts: Facts, subscription?: string): string {
  return mlResourceId(project, facts, subscription, 'registries', registry);
}

/** Full subjects (`repo:owner/name:...`) the workflows need. */
export function requiredSubjects(project: Project, repo: string): string[] {
  return project.workflows.subjects.map((s) => `repo:${repo}:${s}`);
}

/** Secrets and variables provision can set, limited to those the workflows read. */
export function githubSettings(project: Project, facts: Facts): { secrets: Map<string, { value: string; note: string }>; vars: Map<string, string> } {
  const secrets = new Map<string, { value: string; note: string }>();
  const known: [string, string | undefined, keyof typeof PLACEHOLDER, string][] = [
    ['AZURE_CLIENT_ID', facts.clientId, 'clientId', "the identity's client ID"],
    ['AZURE_TENANT_ID', facts.tenantId, 'tenantId', 'the tenant ID'],
    ['AZURE_SUBSCRIPTION_ID', facts.subscriptionId, 'subscriptionId', 'the subscription ID'],
  ];
  for (const [name, value, placeholder, note] of known) {
    if (project.workflows.secrets.includes(name)) secrets.set(name, { value: value ?? PLACEHOLDER[placeholder], note });
  }
  const vars = new Map<string, string>();
  for (const [name, value] of [['AZURE_RESOURCE_GROUP', project.resourceGroup], ['AZUREML_WORKSPACE', project.workspace]]) {
    if (project.workflows.vars.includes(name)) vars.set(name, value);
  }
  return { secrets, vars };
}

export function provisionSteps(project: Project, options: ProvisionOptions, facts: Facts): Step[] {
  const sub = options.subscription ? ['--subscription', options.subscription] : [];
  const az = (...args: string[]): Command => ({ argv: ['az', ...args, ...sub, '--output', 'json'] });
  const rg = ['--resource-group', project.resourceGroup];
  const ws = [...rg, '--workspace-name', project.workspace];
  const loc = options.location ? ['--location', options.location] : [];
  const repo = options.githubRepo;
  const steps: Step[] = [];

  steps.push({
    id: 'account',
    title: 'Azure CLI login and subscription',
    check: az('account', 'show'),
    learn: (out) => ({ subscriptionId: field(json(out), 'id'), tenantId: field(json(out), 'tenantId') }),
    create: [],
    fix: options.subscription
      ? `run az login, and check that your account can see subscription ${options.subscription} (az account list)`
      : 'run az login, then az account set --subscription <id> to pick the subscription',
  });
  steps.push({
    id: 'ml-extension',
    title: 'Azure CLI ml extension',
    check: { argv: ['az', 'extension', 'show', '--name', 'ml', '--output', 'json'] },
    create: [{ argv: ['az', 'extension', 'add', '--name', 'ml', '--yes'] }],
    fix: 'az extension add --name ml --yes (remove the old v1 extension first if you have it: az extension remove --name azure-cli-ml)',
  });
  steps.push({
    id: 'resource-group',
    title: `resource group ${project.resourceGroup}`,
    check: az('group', 'show', '--name', project.resourceGroup),
    create: [az('group', 'create', '--name', project.resourceGroup, '--location', options.location ?? PLACEHOLDER.location)],
    blocked: options.location ? undefined : `resource group ${project.resourceGroup} does not exist and no --location was given`,
    fix: 'rerun with --location <region> (e.g. --location westeurope), or create the group yourself',
  });
  steps.push({
    id: 'workspace',
    title: `Azure ML workspace ${project.workspace}`,
    check: az('ml', 'workspace', 'show', '--name', project.workspace, ...rg),
    create: [az('ml', 'workspace', 'create', '--name', project.workspace, ...rg, ...loc)],
    fix: 'check that you may create resources in the resource group (Contributor or Owner on it) and that Microsoft.MachineLearningServices is registered: az provider register --namespace Microsoft.MachineLearningServices',
  });
  for (const c of project.computes) {
    if (c.kind === 'kubernetes') {
      steps.push({
        id: `compute:${c.name}`,
        title: `attached Kubernetes compute ${c.name}`,
        check: az('ml', 'compute', 'show', '--name', c.name, ...ws),
        create: [],
        manual: true,
        fix: `attach your cluster (with the Azure ML extension installed on it): az ml compute attach --type Kubernetes --name ${c.name} --resource-id <cluster-resource-id> --resource-group ${project.resourceGroup} --workspace-name ${project.workspace}`,
      });
      continue;
    }
    const size = project.spec.instanceType;
    const retired = retirementOf(size);
    steps.push({
      id: `compute:${c.name}`,
      title: `compute cluster ${c.name} (${size}, 0-${c.maxNodes} nodes${options.lowPriority ? ', low priority' : ''})`,
      check: az('ml', 'compute', 'show', '--name', c.name, ...ws),
      create: [
        az(
          'ml', 'compute', 'create', '--name', c.name, '--type', 'AmlCompute', '--size', size,
          '--min-instances', '0', '--max-instances', String(c.maxNodes),
          ...(options.lowPriority ? ['--tier', 'low_priority'] : []), ...ws,
        ),
      ],
      blocked: retired && isRetired(size) ? `${size} belongs to the ${retired.series} series, retired on ${retired.date}` : undefined,
      fix: retired
        ? `use a current size such as ${retired.replacement} (aml-scaffold.json's instanceType and jobs/*.yml), then rerun`
        : `check the size's quota in the region (az ml compute list-usage ${rg.join(' ')} --workspace-name ${project.workspace}) or request more`,
    });
  }
  // Without workflows (init --ci none) nothing logs in from GitHub: no identity, roles or settings.
  if (project.workflows.files.length === 0) return steps;
  const identityLearn = (out: string): Facts => ({ principalId: field(json(out), 'principalId'), clientId: field(json(out), 'clientId') });
  steps.push({
    id: 'identity',
    title: `managed identity ${project.identity} for GitHub Actions`,
    check: az('identity', 'show', '--name', project.identity, ...rg),
    learn: identityLearn,
    create: [az('identity', 'create', '--name', project.identity, ...rg, ...loc)],
    onCreate: { identityCreated: true },
    fix: 'check that you may create resources in the resource group (Managed Identity Contributor or Contributor on it)',
  });
  for (const subject of requiredSubjects(project, repo)) {
    steps.push({
      id: `federated-credential:${subject}`,
      title: `federated credential for ${subject}`,
      check: az('identity', 'federated-credential', 'list', '--identity-name', project.identity, ...rg),
      present: (out) => {
        const list = json(out);
        return Array.isArray(list) && list.some((c) => field(c, 'subject') === subject && field(c, 'issuer') === GITHUB_ISSUER);
      },
      create: [
        az(
          'identity', 'federated-credential', 'create', '--name', credentialName(subject.slice(`repo:${repo}:`.length)),
          '--identity-name', project.identity, ...rg, '--issuer', GITHUB_ISSUER, '--subject', subject, '--audiences', AUDIENCE,
        ),
      ],
      fix: 'an identity holds at most 20 federated credentials; delete unused ones (az identity federated-credential delete) and rerun',
    });
  }
  // A role for the identity at one scope: present when an assignment to this principal is listed.
  const principal = facts.principalId ?? PLACEHOLDER.principalId;
  const roleStep = (role: string, scope: string, where: string, fix: string): Step => ({
    id: `role:${role}`,
    title: `role "${role}" for the identity on ${where}`,
    check: az('role', 'assignment', 'list', '--scope', scope, '--role', role),
    present: (out) => {
      const list = json(out);
      return Array.isArray(list) && list.some((a) => field(a, 'principalId') === principal);
    },
    create: [az('role', 'assignment', 'create', '--assignee-object-id', principal, '--assignee-principal-type', 'ServicePrincipal', '--role', role, '--scope', scope)],
    fix,
  });
  const scope = workspaceId(project, facts, options.subscription);
  for (const { role } of ROLES) {
    steps.push(roleStep(role, scope, 'the workspace', 'assigning roles needs Owner, User Access Administrator or Role Based Access Control Administrator on the workspace; ask someone who has it to run this step'));
  }
  steps.push({
    id: 'github-login',
    title: 'GitHub CLI login',
    check: { argv: ['gh', 'auth', 'status'] },
    create: [],
    fix: 'run gh auth login (with a token that may administer the repository)',
  });
  const { secrets, vars } = githubSettings(project, facts);
  for (const [name, { value, note }] of secrets) {
    steps.push({
      id: `secret:${name}`,
      title: `repository secret ${name}`,
      check: { argv: ['gh', 'secret', 'list', '--repo', repo] },
      present: (out) => listedNames(out).has(name) && !(name === 'AZURE_CLIENT_ID' && facts.identityCreated),
      create: [{ argv: ['gh', 'secret', 'set', name, '--repo', repo], input: value, inputNote: note }],
      fix: `setting secrets needs admin rights on ${repo}; check with gh repo view ${repo}`,
    });
  }
  for (const [name, value] of vars) {
    steps.push({
      id: `variable:${name}`,
      title: `repository variable ${name}=${value}`,
      check: { argv: ['gh', 'variable', 'list', '--repo', repo] },
      present: (out) => listedNames(out).get(name) === value,
      create: [{ argv: ['gh', 'variable', 'set', name, '--repo', repo, '--body', value] }],
      fix: `gh variable needs GitHub CLI 2.31 or later (gh --version), and admin rights on ${repo}`,
    });
  }
  // Last, so that a registry still to be created stops nothing else.
  const registry = project.spec.registry;
  if (registry) {
    steps.push({
      id: `registry:${registry}`,
      title: `Azure ML registry ${registry}`,
      check: az('ml', 'registry', 'show', '--name', registry, ...rg),
      create: [],
      manual: true,
      fix:
        `create it once from a YAML file with its name, location and replication_locations (az ml registry create --file <registry.yml> ${rg.join(' ')}); ` +
        `if it lives in another resource group, give the identity "${REGISTRY_ROLE.role}" on it there`,
    });
    steps.push(
      roleStep(
        REGISTRY_ROLE.role,
        registryId(project, registry, facts, options.subscription),
        `registry ${registry}`,
        `create the registry first if the step before reported it missing; otherwise assigning roles needs Owner, User Access Administrator or Role Based Access Control Administrator on the registry ${registry}: ask someone who has it to run this step`,
      ),
    );
  }
  return steps;
}
