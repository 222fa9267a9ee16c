/**
 * What `provision` and `doctor` read from a generated project: its manifest's spec, the Azure names it
 * uses, the compute targets its job and deployment files name (with the most nodes any of them asks
 * for), and its workflows (workflows.ts). Nothing here runs a command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { MANIFEST, type Manifest } from '../manifest.js';
import type { Spec } from '../spec/schema.js';
import * as YAML from 'yaml';
import { readWorkflows, type WorkflowFacts } from './workflows.js';

export interface ComputeNeed {
  name: string;
  /** `amlcompute`: a cluster provision can create; `kubernetes`: an attached cluster it cannot. */
  kind: 'amlcompute' | 'kubernetes';
  /** The most nodes one job or deployment file asks of it at once (instances × concurrent trials). */
  maxNodes: number;
  /** Files that name it. */
  files: string[];
}

export interface Project {
  root: string;
  spec: Spec;
  resourceGroup: string;
  workspace: string;
  /** True when the manifest names neither and the defaults below were derived from the project name. */
  derivedNames: { resourceGroup: boolean; workspace: boolean };
  /** The user-assigned managed identity GitHub Actions logs in as. */
  identity: string;
  computes: ComputeNeed[];
  workflows: WorkflowFacts;
  /** Python version the project requires (pyproject's requires-python lower bound), e.g. "3.10". */
  python?: string;
}

export function readManifest(root: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(root, MANIFEST), 'utf8');
  } catch {
    throw new UsageError(`no ${MANIFEST} in ${root}; run this in a project made by aml-scaffold init (or pass --dir)`);
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.tool !== 'aml-scaffold' || !m.spec || typeof m.spec.name !== 'string') throw new Error('shape');
    return m;
  } catch {
    throw new UsageError(`${MANIFEST} in ${root} is not an aml-scaffold manifest`);
  }
}

/** `azureml:cpu-cluster` → `cpu-cluster`; anything else (serverless, a full ARM id) → undefined. */
function computeName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^azureml:([A-Za-z][A-Za-z0-9-]*)$/.exec(value.trim());
  return m?.[1];
}

function positive(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 1;
}

/** Compute names in the project's Azure ML YAML (jobs/, deploy/), with the nodes each file asks for. */
function namedComputes(root: string): Map<string, { maxNodes: number; files: string[] }> {
  const found = new Map<string, { maxNodes: number; files: string[] }>();
  for (const dir of ['jobs', 'deploy']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      let doc: Record<string, unknown>;
      try {
        doc = (YAML.parse(readFileSync(join(root, dir, n), 'utf8')) ?? {}) as Record<string, unknown>;
      } catch {
        continue;
      }
      const name = computeName(doc.compute);
      if (!name) continue;
      const resources = (doc.resources ?? {}) as Record<string, unknown>;
      const limits = (doc.limits ?? {}) as Record<string, unknown>;
      const nodes = positive(resources.instance_count ?? doc.instance_count) * positive(limits.max_concurrent_trials);
      const entry = found.get(name) ?? { maxNodes: 1, files: [] };
      entry.maxNodes = Math.max(entry.maxNodes, nodes);
      entry.files.push(`${dir}/${n}`);
      found.set(name, entry);
    }
  }
  return found;
}

function pythonFloor(root: string): string | undefined {
  try {
    const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    return /^requires-python\s*=\s*"\s*>=\s*(\d+\.\d+)/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

export function readProject(dir: string): Project {
  const root = resolve(dir);
  const spec = readManifest(root).spec;
  const files = namedComputes(root);
  const computes: ComputeNeed[] = [];
  const add = (name: string, kind: ComputeNeed['kind'], nodes: number) => {
    const f = files.get(name);
    const existing = computes.find((c) => c.name === name);
    if (existing) return;
    computes.push({ name, kind, maxNodes: Math.max(nodes, f?.maxNodes ?? 1), files: f?.files ?? [] });
  };
  if (spec.compute !== 'serverless') add(spec.compute, 'amlcompute', spec.nodes);
  if (spec.target === 'kubernetes') add(spec.k8sCompute, 'kubernetes', 1);
  // A compute the files name that the spec does not (edited by hand): a cluster like the spec's.
  for (const name of files.keys()) add(name, 'amlcompute', 1);
  return {
    root,
    spec,
    resourceGroup: spec.resourceGroup ?? `${spec.name}-rg`,
    workspace: spec.workspace ?? `${spec.name}-ws`,
    derivedNames: { resourceGroup: spec.resourceGroup === undefined, workspace: spec.workspace === undefined },
    identity: `${spec.name}-github`,
    computes,
    workflows: readWorkflows(root),
    python: pythonFloor(root),
  };
}

/** `owner/name` as GitHub allows them (owner: 1-39 letters, digits, single hyphens; name: 1-100 of [A-Za-z0-9._-]). */
export function parseGithubRepo(value: string): { owner: string; name: string } | undefined {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(value);
  if (!m || m[2] === '.' || m[2] === '..' || m[2].endsWith('.git')) return undefined;
  return { owner: m[1], name: m[2] };
}

/** `owner/name` of a GitHub remote URL (https, ssh or git@ form), or undefined. */
export function repoOfRemote(url: string): string | undefined {
  const m = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|(?:ssh:\/\/)?git@github\.com[:/])([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m && parseGithubRepo(m[1]) ? m[1] : undefined;
}
