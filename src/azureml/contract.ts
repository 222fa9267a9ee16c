/**
 * Pipeline step ↔ component contract. A step that names a local component file (`component: file:x.yml`
 * or `component: ./x.yml`) may only bind inputs and outputs the component declares, must bind every
 * required input (no `default`, not `optional: true`), and its `type:` (if any) must match the
 * component's. The component is read from the files being validated or through `read` (lint.ts).
 */
import { posix } from 'node:path';
import { detectKind } from './detect.js';
import { isPlainObject } from './fields.js';
import type { Problem } from './issues.js';
import { isRemote, resolveLocal } from './paths.js';
import { locate, positionOf, type Source } from './source.js';

const names = (v: unknown) => (isPlainObject(v) ? Object.keys(v) : []);

function stepProblems(src: Source, at: (string | number)[], step: Record<string, unknown>, component: Record<string, unknown>, ref: string): Problem[] {
  const out: Problem[] = [];
  const push = (path: (string | number)[], message: string, onKey = true) => {
    const where = locate(src, path);
    out.push({ path: path.join('.'), message, ...positionOf(src, onKey ? (where.key ?? where.node) : where.node), severity: 'error' });
  };
  for (const block of ['inputs', 'outputs'] as const) {
    const declared = names(component[block]);
    for (const key of names(step[block])) {
      if (!declared.includes(key))
        push([...at, block, key], `component ${ref} declares no ${block.slice(0, -1)} "${key}"${declared.length ? ` (declared: ${declared.join(', ')})` : ''}`);
    }
  }
  const bound = new Set(names(step.inputs));
  for (const [name, decl] of Object.entries(isPlainObject(component.inputs) ? component.inputs : {})) {
    if (bound.has(name) || !isPlainObject(decl)) continue;
    if (decl.default !== undefined || decl.optional === true || String(decl.optional).toLowerCase() === 'true') continue;
    push(at, `required input "${name}" of component ${ref} is not bound under inputs`, true);
  }
  const stepType = typeof step.type === 'string' ? step.type.toLowerCase() : undefined;
  const compType = typeof component.type === 'string' ? component.type.toLowerCase() : 'command';
  if (stepType && stepType !== compType) push([...at, 'type'], `step type "${stepType}" does not match component ${ref} (type: ${compType})`, false);
  return out;
}

/** The parsed component file a step names, when it is a local Azure ML component. */
export function localComponent(file: string, step: unknown, read: (path: string) => unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(step) || typeof step.component !== 'string') return undefined;
  const ref = step.component.trim();
  if (isRemote(ref) || !/\.ya?ml$/i.test(ref)) return undefined;
  const component = read(resolveLocal(file, ref));
  return isPlainObject(component) && /Component$/.test(detectKind(component)) ? component : undefined;
}

/** Steps of a pipeline job or pipeline component whose component is a local YAML file. */
export function componentContractProblems(src: Source, file: string, kind: string, read: (path: string) => unknown): Problem[] {
  if (kind !== 'pipelineJob' && kind !== 'pipelineComponent') return [];
  const v = src.value;
  if (!isPlainObject(v) || !isPlainObject(v.jobs)) return [];
  const out: Problem[] = [];
  for (const [name, step] of Object.entries(v.jobs)) {
    // missing files are reported by paths.ts; prompt flows used as components have their own contract
    const component = localComponent(file, step, read);
    if (component) out.push(...stepProblems(src, ['jobs', name], step as Record<string, unknown>, component, posix.basename(String((step as { component: string }).component).replace(/^file:/i, ''))));
  }
  return out;
}
