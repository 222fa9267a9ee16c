/**
 * `${{…}}` placeholders (facts §1.5): in a command, `${{inputs.x}}` must name a declared input,
 * `${{outputs.x}}` a declared output, and `${{search_space.x}}` (sweep trial only) a search-space
 * parameter. In pipelines, `${{parent.inputs.x}}`, `${{parent.outputs.x}}` and
 * `${{parent.jobs.<step>.outputs.<o>}}` must point at something that exists. Always errors.
 */
import { isPlainObject } from './fields.js';
import { dotted, MAX_PROBLEMS, type Problem } from './issues.js';
import { locate, positionAt, positionOf, type Source } from './source.js';

const PLACEHOLDER = /\$\{\{\s*([^{}]*?)\s*\}\}/g;

/** Declared names, or undefined when the block is malformed (the schema already reports that). */
const namesOf = (block: unknown): Set<string> | undefined =>
  block === undefined || block === null ? new Set() : isPlainObject(block) ? new Set(Object.keys(block)) : undefined;

type Resolver = (parts: string[]) => string | undefined;

/** Problems for each placeholder in the string at `path` that `resolve` rejects. */
function scan(src: Source, path: (string | number)[], text: string, resolve: Resolver): Problem[] {
  const out: Problem[] = [];
  const node = locate(src, path).node;
  const start = node?.range?.[0] ?? 0;
  const raw = node?.range ? src.text.slice(start, node.range[1]) : '';
  let from = 0; // placeholders appear in source order, so each search starts after the previous one
  for (const m of text.matchAll(PLACEHOLDER)) {
    const message = resolve(m[1].split('.'));
    if (!message) continue;
    if (out.length >= MAX_PROBLEMS) break;
    const at = raw.indexOf(m[0], from);
    if (at >= 0) from = at + m[0].length;
    const pos = at >= 0 && node ? positionAt(src, start + at) : positionOf(src, node);
    out.push({ path: dotted(path), message: `${m[0]}: ${message}`, ...pos, severity: 'error' });
  }
  return out;
}

interface Scope {
  inputs: Set<string> | undefined;
  outputs: Set<string> | undefined;
  searchSpace?: Set<string> | undefined;
  /** true only for a sweep `trial.command` */
  sweepTrial: boolean;
}

const commandResolver =
  (scope: Scope): Resolver =>
  ([root, name]) => {
    if (root === 'inputs' && scope.inputs && !scope.inputs.has(name ?? ''))
      return `no input "${name}" is declared under inputs${scope.inputs.size ? ` (declared: ${[...scope.inputs].join(', ')})` : ''}`;
    if (root === 'outputs' && scope.outputs && !scope.outputs.has(name ?? ''))
      return `no output "${name}" is declared under outputs${scope.outputs.size ? ` (declared: ${[...scope.outputs].join(', ')})` : ''}`;
    if (root === 'search_space') {
      if (!scope.sweepTrial) return 'search_space placeholders are only valid in a sweep trial command';
      if (scope.searchSpace && !scope.searchSpace.has(name ?? '')) return `no parameter "${name}" is defined under search_space`;
    }
    return undefined;
  };

function commandProblems(src: Source, path: (string | number)[], command: unknown, scope: Scope): Problem[] {
  return typeof command === 'string' ? scan(src, path, command, commandResolver(scope)) : [];
}

/** Binding checks for the input/output values of one pipeline step. */
function stepBindings(src: Source, root: Record<string, unknown>, jobs: Record<string, unknown>, step: string, componentOf: ComponentOf): Problem[] {
  const out: Problem[] = [];
  const resolve: Resolver = ([parent, area, name, , output]) => {
    if (parent !== 'parent') return undefined;
    if (area === 'inputs' && !namesOf(root.inputs)?.has(name)) return `the pipeline declares no input "${name}"`;
    if (area === 'outputs' && !namesOf(root.outputs)?.has(name)) return `the pipeline declares no output "${name}"`;
    if (area === 'jobs') {
      if (!Object.hasOwn(jobs, name)) return `there is no step "${name}" under jobs`;
      const component = componentOf(jobs[name]);
      // a step that uses a component may bind only some of the component's outputs
      if (isPlainObject(jobs[name]) && jobs[name].component !== undefined && !component) return undefined;
      const declared = isPlainObject(jobs[name]) ? namesOf(jobs[name].outputs) : undefined;
      if (declared && component) for (const o of namesOf(component.outputs) ?? []) declared.add(o);
      if (output !== undefined && declared?.size && !declared.has(output)) return `step "${name}" declares no output "${output}"`;
    }
    return undefined;
  };
  const stepValue = jobs[step] as Record<string, unknown>;
  for (const block of ['inputs', 'outputs'] as const) {
    const entries = stepValue[block];
    if (!isPlainObject(entries)) continue;
    for (const [key, v] of Object.entries(entries)) {
      if (typeof v === 'string') out.push(...scan(src, ['jobs', step, block, key], v, resolve));
      else if (isPlainObject(v) && typeof v.path === 'string') out.push(...scan(src, ['jobs', step, block, key, 'path'], v.path, resolve));
    }
  }
  return out;
}

/** The local component a step uses, when it can be read (contract.ts). */
export type ComponentOf = (step: unknown) => Record<string, unknown> | undefined;

/** All placeholder problems of one file of the given kind. */
export function referenceProblems(src: Source, kind: string, componentOf: ComponentOf = () => undefined): Problem[] {
  const v = src.value;
  if (!isPlainObject(v)) return [];
  if (kind === 'commandJob')
    return commandProblems(src, ['command'], v.command, { inputs: namesOf(v.inputs), outputs: namesOf(v.outputs), sweepTrial: false });
  if (kind === 'sweepJob' && isPlainObject(v.trial)) {
    const scope = { inputs: namesOf(v.inputs), outputs: namesOf(v.outputs), searchSpace: namesOf(v.search_space), sweepTrial: true };
    return commandProblems(src, ['trial', 'command'], v.trial.command, scope);
  }
  if ((kind === 'pipelineJob' || kind === 'pipelineComponent') && isPlainObject(v.jobs)) {
    const jobs = v.jobs;
    const out: Problem[] = [];
    for (const [name, step] of Object.entries(jobs)) {
      if (!isPlainObject(step)) continue;
      const scope = { inputs: namesOf(step.inputs), outputs: namesOf(step.outputs), sweepTrial: false };
      out.push(...commandProblems(src, ['jobs', name, 'command'], step.command, scope), ...stepBindings(src, v, jobs, name, componentOf));
    }
    return out;
  }
  return [];
}
