import { generate } from '../../src/generate.js';
import { EXTRAS, FRAMEWORKS, SERVINGS, TARGETS, TRAININGS } from '../../src/spec/ids.js';
import { parseSpec, SpecError, type Spec } from '../../src/spec/schema.js';

/**
 * The option matrix the external oracles check: every framework × target × serving × training that init accepts,
 * then, for each framework, every extra alone and all its extras together, serverless compute, several
 * nodes and the other device. Specs init refuses are skipped (the refusals have their own tests).
 */
export function matrixSpecs(): Spec[] {
  const fields: Record<string, unknown>[] = [];
  for (const framework of FRAMEWORKS) {
    for (const target of TARGETS) for (const serving of SERVINGS) for (const training of TRAININGS) fields.push({ framework, target, serving, training });
    for (const extra of EXTRAS) fields.push({ framework, extras: [extra] }, { framework, target: 'batch', extras: [extra] });
    fields.push({ framework, extras: [...EXTRAS].filter((e) => accepts({ framework, extras: [e] })) });
    fields.push({ framework, compute: 'serverless' }, { framework, compute: 'serverless', extras: ['sweep', 'tensorboard'] });
    fields.push({ framework, nodes: 2 }, { framework, nodes: 2, processesPerNode: 2 }, { framework, device: 'cpu' });
    fields.push({ framework, target: 'kubernetes', extras: ['sweep'] });
    for (const target of TARGETS) fields.push({ framework, target, registry: 'shared-models' });
  }
  const specs: Spec[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    let spec: Spec;
    try {
      spec = parseSpec({ name: 'oracle', ...f });
    } catch (e) {
      if (e instanceof SpecError) continue;
      throw e;
    }
    const key = JSON.stringify(spec);
    if (!seen.has(key)) specs.push(spec);
    seen.add(key);
  }
  return specs;
}

function accepts(fields: Record<string, unknown>): boolean {
  try {
    parseSpec({ name: 'oracle', ...fields });
    return true;
  } catch {
    return false;
  }
}

export type Tree = Map<string, string | Uint8Array>;

export const projects = (specs: Spec[]): Array<{ spec: Spec; tree: Tree }> => specs.map((spec) => ({ spec, tree: generate(spec) }));
