import { gpusOf, isRetired, retirementOf } from '../catalog/vm-sizes.js';
import type { Spec } from '../spec/schema.js';
import { actions, curated } from '../versions.js';

/**
 * Known deprecations that `update` rewrites, even in files the user changed, because each is a
 * substitution inside one line: the replacement gets the match (and its groups) and returns the new
 * text, or the match itself to leave it. The table is data built from the catalogs it follows
 * (src/catalog/vm-sizes.ts, src/versions.ts), so bumping a version there bumps the migration too.
 */
export interface Migration {
  id: string;
  description: string;
  /** Global, applied to each line. */
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

/** One rewrite made: where, and what became what. */
export interface Applied {
  id: string;
  path: string;
  line: number;
  from: string;
  to: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Retired VM series (the catalog's retirement date has passed) → the catalog's replacement size. */
function vmSizes(today: string): Migration {
  return {
    id: 'retired-vm-size',
    description: 'a VM size whose series Azure has retired becomes the catalog replacement',
    pattern: /\bStandard_[A-Za-z0-9_]+\b/g,
    replace: (m) => (isRetired(m, today) ? (retirementOf(m)?.replacement ?? m) : m),
  };
}

/**
 * A curated environment referenced by a label (`labels/latest`) or an older version → the version that
 * src/versions.ts pins. Only environments that versions.ts pins by version have a migration.
 */
export function curatedEnvs(refs: Readonly<Record<string, string>>): Migration[] {
  const out: Migration[] = [];
  for (const ref of Object.values(refs)) {
    const m = /^azureml:\/\/registries\/([^/]+)\/environments\/([^/]+)\/versions\/(\d+)$/.exec(ref);
    if (!m) continue;
    const [, registry, name, version] = m;
    out.push({
      id: `curated-environment:${name}`,
      description: `the curated environment ${name} is pinned to version ${version}, not a label or an older version`,
      pattern: new RegExp(`azureml://registries/${escape(registry)}/environments/${escape(name)}/(?:labels/[A-Za-z0-9._-]+|versions/(\\d+))(?![\\w.-])`, 'g'),
      replace: (whole, old) => (old === undefined || Number(old) < Number(version) ? ref : whole),
    });
  }
  return out;
}

/** `uses: actions/checkout@v3` (or v3.5.2) → the major tag src/versions.ts uses; commit SHAs are left alone. */
export function actionMajors(table: Readonly<Record<string, { tag: string }>>): Migration[] {
  return Object.entries(table).map(([name, { tag }]) => ({
    id: `action-major:${name}`,
    description: `${name} older than ${tag} becomes ${tag}`,
    pattern: new RegExp(`(\\buses:\\s*["']?${escape(name)}@)v(\\d+)(?:\\.\\d+){0,2}(?![\\w.-])`, 'g'),
    replace: (whole, prefix, major) => (Number(major) < Number(tag.replace(/^v/, '')) ? `${prefix}${tag}` : whole),
  }));
}

export function migrations(today = new Date().toISOString().slice(0, 10)): Migration[] {
  return [vmSizes(today), ...curatedEnvs(curated), ...actionMajors(actions)];
}

/** Apply every migration to each line of `text`; the rewrites made are listed with their line numbers. */
export function migrateText(path: string, text: string, table: readonly Migration[] = migrations()): { text: string; applied: Applied[] } {
  const applied: Applied[] = [];
  const lines = text.split('\n').map((line, i) => {
    let out = line;
    for (const m of table) {
      const next = out.replace(m.pattern, (...args) => m.replace(...(args.slice(0, -2) as [string, ...string[]])));
      if (next !== out) applied.push({ id: m.id, path, line: i + 1, from: out.trim(), to: next.trim() });
      out = next;
    }
    return out;
  });
  return { text: lines.join('\n'), applied };
}

/**
 * The recorded spec's own deprecations: a retired training or deployment VM size becomes its
 * replacement (and processes per node follows the GPUs of the new size when it was the old size's).
 */
export function migrateSpec(spec: Spec, today = new Date().toISOString().slice(0, 10)): { spec: Spec; applied: Applied[] } {
  const next = { ...spec };
  const applied: Applied[] = [];
  for (const key of ['instanceType', 'deployInstanceType'] as const) {
    const size = spec[key];
    const replacement = isRetired(size, today) ? retirementOf(size)?.replacement : undefined;
    if (!replacement) continue;
    next[key] = replacement;
    applied.push({ id: 'retired-vm-size', path: 'aml-scaffold.json', line: 0, from: `spec.${key}: ${size}`, to: `spec.${key}: ${replacement}` });
    if (key === 'instanceType' && spec.processesPerNode === (gpusOf(size) ?? 1)) next.processesPerNode = gpusOf(replacement) ?? 1;
  }
  return { spec: next, applied };
}
