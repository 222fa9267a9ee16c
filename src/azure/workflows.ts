/**
 * What a project's GitHub workflows need from Azure and from the repository settings, read from the
 * workflow files on disk (so an edited workflow is what counts, not what init once wrote):
 * - the OpenID Connect subjects a federated credential must match: `ref:refs/heads/<branch>` for each
 *   `on.push.branches` entry, `ref:refs/tags/<tag>` for `on.push.tags`, `pull_request` for a
 *   `pull_request` trigger, `environment:<name>` for each job's `environment`;
 * - the secrets and variables the workflows read (`${{ secrets.X }}`, `${{ vars.X }}`).
 * Subjects that no single federated credential can match (a branch pattern such as `release/*`, a push
 * trigger without a branch filter, an environment chosen by an expression) are reported, not guessed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as YAML from 'yaml';

export interface WorkflowFacts {
  /** Workflow files read, relative to the project (`.github/workflows/x.yml`). */
  files: string[];
  /** Subject suffixes after `repo:<owner>/<name>:`, sorted and unique. */
  subjects: string[];
  /** Triggers or environments no exact subject can cover, each as one sentence. */
  uncovered: string[];
  secrets: string[];
  vars: string[];
}

export const WORKFLOW_DIR = '.github/workflows';

const GLOB = /[*?[\]!]/;

/** `secrets.X` / `vars.X` inside `${{ ... }}` expressions. GITHUB_TOKEN is GitHub's own. */
function references(text: string, kind: 'secrets' | 'vars'): string[] {
  const names = new Set<string>();
  for (const expr of text.matchAll(/\$\{\{([^}]*)\}\}/g)) {
    for (const m of expr[1].matchAll(new RegExp(`\\b${kind}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))) names.add(m[1]);
  }
  names.delete('GITHUB_TOKEN');
  return [...names];
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The `on:` block as a map of event name → its settings (null when the event has none). */
function triggers(on: unknown): Map<string, Record<string, unknown> | null> {
  const map = new Map<string, Record<string, unknown> | null>();
  if (typeof on === 'string') map.set(on, null);
  else if (Array.isArray(on)) for (const e of list(on)) map.set(e, null);
  else if (on && typeof on === 'object') {
    for (const [k, v] of Object.entries(on)) map.set(k, v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
  }
  return map;
}

/** Facts of one workflow's text; `file` names it in messages. */
export function workflowFacts(file: string, text: string): Omit<WorkflowFacts, 'files'> {
  const subjects = new Set<string>();
  const uncovered: string[] = [];
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (e) {
    return { subjects: [], uncovered: [`${file} is not valid YAML (${(e as Error).message.split('\n')[0]})`], secrets: [], vars: [] };
  }
  const workflow = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
  const on = triggers(workflow.on);
  if (on.has('push')) {
    const push = on.get('push');
    const branches = list(push?.branches);
    const tags = list(push?.tags);
    if (branches.length === 0 && tags.length === 0) {
      uncovered.push(`${file}: on.push has no branch filter, so every branch needs its own subject`);
    }
    for (const b of branches) {
      if (GLOB.test(b)) uncovered.push(`${file}: push branch pattern "${b}" matches more than one subject`);
      else subjects.add(`ref:refs/heads/${b}`);
    }
    for (const t of tags) {
      if (GLOB.test(t)) uncovered.push(`${file}: push tag pattern "${t}" matches more than one subject`);
      else subjects.add(`ref:refs/tags/${t}`);
    }
  }
  if (on.has('pull_request') || on.has('pull_request_target')) subjects.add('pull_request');
  const jobs = workflow.jobs && typeof workflow.jobs === 'object' ? (workflow.jobs as Record<string, unknown>) : {};
  for (const [id, job] of Object.entries(jobs)) {
    const env = job && typeof job === 'object' ? (job as Record<string, unknown>).environment : undefined;
    const name = typeof env === 'string' ? env : env && typeof env === 'object' ? (env as Record<string, unknown>).name : undefined;
    if (typeof name !== 'string' || name === '') continue;
    if (name.includes('${{')) uncovered.push(`${file}: job ${id} picks its environment by an expression (${name})`);
    else subjects.add(`environment:${name}`);
  }
  return { subjects: [...subjects], uncovered, secrets: references(text, 'secrets'), vars: references(text, 'vars') };
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Every `*.yml` / `*.yaml` under `.github/workflows` of the project at `root`. */
export function readWorkflows(root: string): WorkflowFacts {
  let names: string[] = [];
  try {
    names = readdirSync(join(root, WORKFLOW_DIR)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    names = [];
  }
  const all = { files: [] as string[], subjects: [] as string[], uncovered: [] as string[], secrets: [] as string[], vars: [] as string[] };
  for (const n of names) {
    const file = `${WORKFLOW_DIR}/${n}`;
    const f = workflowFacts(file, readFileSync(join(root, WORKFLOW_DIR, n), 'utf8'));
    all.files.push(file);
    all.subjects.push(...f.subjects);
    all.uncovered.push(...f.uncovered);
    all.secrets.push(...f.secrets);
    all.vars.push(...f.vars);
  }
  return { files: all.files, subjects: sorted(all.subjects), uncovered: all.uncovered, secrets: sorted(all.secrets), vars: sorted(all.vars) };
}
