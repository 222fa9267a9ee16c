/**
 * Local paths a file points at: a job's `code:` and `conda_file:`, an environment's `conda_file:` and
 * `build.path`, a deployment's `code_configuration`. Relative paths resolve against the YAML file's
 * folder (facts §1.5); remote references (azureml:, https:, wasbs:, git+…) are never checked.
 * A missing path is a warning, or an error with `strict`.
 */
import { posix } from 'node:path';
import { isPlainObject } from './fields.js';
import { dotted, type Problem, type Severity } from './issues.js';
import { locate, positionOf, type Source } from './source.js';

/** `scheme:` with two or more letters is remote; `C:` is a Windows drive and `file:` is local. */
export const isRemote = (p: string) => /^[A-Za-z][A-Za-z0-9+.-]+:/.test(p) && !/^file:/i.test(p);

export function resolveLocal(fromFile: string, ref: string): string {
  const p = ref.trim().replace(/^file:/i, '').replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return p;
  return posix.join(posix.dirname(fromFile), p);
}

interface Ref {
  path: (string | number)[];
  /** the value as written */
  ref: string;
  what: string;
  /** where to look, relative to the YAML file's folder (defaults to `ref`) */
  rel?: string;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function environmentRefs(env: unknown, at: (string | number)[]): Ref[] {
  if (str(env) && /^file:/i.test(env.trim())) return [{ path: at, ref: env, what: 'environment file' }];
  if (!isPlainObject(env)) return [];
  const refs: Ref[] = [];
  if (str(env.conda_file)) refs.push({ path: [...at, 'conda_file'], ref: env.conda_file, what: 'conda file' });
  if (isPlainObject(env.build) && str(env.build.path)) refs.push({ path: [...at, 'build', 'path'], ref: env.build.path, what: 'Docker build context' });
  return refs;
}

function commandRefs(cmd: Record<string, unknown>, at: (string | number)[]): Ref[] {
  const refs = environmentRefs(cmd.environment, [...at, 'environment']);
  if (str(cmd.code)) refs.unshift({ path: [...at, 'code'], ref: cmd.code, what: 'code folder' });
  return refs;
}

function deploymentRefs(v: Record<string, unknown>): Ref[] {
  const refs: Ref[] = [];
  const cc = v.code_configuration;
  if (isPlainObject(cc) && str(cc.code)) {
    refs.push({ path: ['code_configuration', 'code'], ref: cc.code, what: 'code folder' });
    if (str(cc.scoring_script) && !isRemote(cc.code))
      refs.push({
        path: ['code_configuration', 'scoring_script'],
        ref: cc.scoring_script,
        what: 'scoring script',
        rel: posix.join(cc.code.replace(/^file:/i, ''), cc.scoring_script),
      });
  }
  return [...refs, ...environmentRefs(v.environment, ['environment'])];
}

function refsOf(kind: string, v: Record<string, unknown>): Ref[] {
  if (kind === 'commandJob') return commandRefs(v, []);
  if (kind === 'sweepJob') return isPlainObject(v.trial) ? commandRefs(v.trial, ['trial']) : [];
  if (kind === 'pipelineJob' && isPlainObject(v.jobs)) {
    return Object.entries(v.jobs).flatMap(([name, step]) => {
      if (!isPlainObject(step)) return [];
      const refs = commandRefs(step, ['jobs', name]);
      if (str(step.component)) refs.push({ path: ['jobs', name, 'component'], ref: step.component, what: 'component file' });
      return refs;
    });
  }
  if (kind === 'environment') return environmentRefs(v, []);
  if (kind.endsWith('Deployment')) return deploymentRefs(v);
  return [];
}

export function pathProblems(src: Source, file: string, kind: string, exists: (p: string) => boolean, strict: boolean): Problem[] {
  if (!isPlainObject(src.value)) return [];
  const severity: Severity = strict ? 'error' : 'warning';
  const out: Problem[] = [];
  const missingCode = new Set<string>();
  for (const r of refsOf(kind, src.value)) {
    if (isRemote(r.ref)) continue;
    if (r.what === 'scoring script' && missingCode.has(dotted(r.path.slice(0, -1)))) continue; // already reported the folder
    const target = resolveLocal(file, r.rel ?? r.ref);
    if (exists(target)) continue;
    if (r.what === 'code folder') missingCode.add(dotted(r.path.slice(0, -1)));
    const pos = positionOf(src, locate(src, r.path).node);
    out.push({ path: dotted(r.path), message: `${r.what} "${r.ref}" not found (looked for ${target})`, ...pos, severity });
  }
  return out;
}
