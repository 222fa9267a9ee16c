/**
 * Advice that is not a schema error:
 * - keys the CLI can supply when the file is used (`--name`, `--endpoint-name`, `--set key=value`)
 *   are warnings when missing, errors only with `--strict`;
 * - a retired or retiring VM size (src/catalog/vm-sizes.ts) in `instance_type` or a compute `size`
 *   is a warning with its date and a replacement.
 */
import { retirementOf } from '../catalog/vm-sizes.js';
import { isPlainObject } from './fields.js';
import type { Problem } from './issues.js';
import { locate, positionOf, type Source } from './source.js';

const CREATE_TIME: Record<string, string> = {
  name: '--name / -n',
  endpoint_name: '--endpoint-name / -e',
  model: '--set model=…',
  compute: '--set compute=…',
  instance_type: '--set instance_type=…',
};

/** Missing top-level keys the CLI can supply become warnings (unless strict), worded the same for every kind. */
export function createTimeProblems(problems: Problem[], kind: string, strict: boolean): Problem[] {
  if (strict || kind === 'conda') return problems;
  return problems.map((p) => {
    if (!Object.hasOwn(CREATE_TIME, p.path) || !p.message.startsWith('missing required key')) return p;
    return { ...p, message: `missing "${p.path}": supply it when you create (${CREATE_TIME[p.path]}), or add it to the file`, severity: 'warning' };
  });
}

/** `instance_type` anywhere in the file, and a compute's `size`. */
function sizes(value: unknown, kind: string): Array<{ path: (string | number)[]; size: string }> {
  const out: Array<{ path: (string | number)[]; size: string }> = [];
  if (kind === 'compute' && isPlainObject(value) && typeof value.size === 'string') out.push({ path: ['size'], size: value.size });
  // paths as parent links, spelled out only for a hit; aliases share values, so each is visited once
  interface At { key: string | number; up?: At }
  const pathOf = (at: At | undefined): (string | number)[] => (at ? [...pathOf(at.up), at.key] : []);
  const stack: Array<[unknown, At | undefined]> = [[value, undefined]];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, { key: i, up: at }]));
    else
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        // Serverless Spark (a block with runtime_version: monitors, spark jobs) takes only the Esv3 sizes
        // Azure ML lists for it: a warning there would name a replacement nobody can choose.
        const spark = 'runtime_version' in (v as object);
        if (k === 'instance_type' && typeof x === 'string') {
          if (!spark) out.push({ path: [...pathOf(at), k], size: x });
        } else if (x !== null && typeof x === 'object') stack.push([x, { key: k, up: at }]);
      }
  }
  return out;
}

export function retiredSizeProblems(src: Source, kind: string): Problem[] {
  const today = new Date().toISOString().slice(0, 10);
  return sizes(src.value, kind).flatMap(({ path, size }) => {
    const r = retirementOf(size);
    if (!r) return [];
    const when = r.date <= today ? `retired on ${r.date}` : `retiring on ${r.date}`;
    const message = `${size} is in the ${r.series} series, ${when}; use ${r.replacement} (or another current size)`;
    return [{ path: path.join('.'), message, ...positionOf(src, locate(src, path).node), severity: 'warning' as const }];
  });
}
