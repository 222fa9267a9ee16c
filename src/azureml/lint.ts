/**
 * The `validate` core, used by the `validate` command and by the tests that check generated trees.
 * PURE: it reads only the texts it is given; the filesystem is reached through `opts.exists` / `opts.read`.
 *
 * Per file: size/binary guards → placeholders masked → parse (YAML 1.1 as PyYAML reads it, positions)
 * → detect the kind (family from `$schema` or shape, kind from `type:`) → zod model → bindings, local
 * paths, the step ↔ component contract, retired VM sizes. Across files: a deployment's `endpoint_name`
 * should match an endpoint defined in its folder or an ancestor folder (a warning). docs/validate.md
 * has the details.
 *
 * Decisions for odd input:
 * - empty or comment-only file: `skipped` (nothing to validate), an error when a kind is forced;
 * - not a mapping, or no recognisable kind: `skipped`, never an error (workflows, MLmodel, any YAML);
 * - YAML syntax error: an error with its line when the file is an Azure ML kind (forced, `$schema`,
 *   or the partial content); otherwise `skipped`, so Dockerfiles or READMEs never fail validation;
 * - alias bomb or runaway nesting: always an error (kind `unknown` when not recognisable);
 * - several `---` documents: an error for Azure ML kinds (the CLI reads one), `skipped` otherwise;
 * - NUL bytes: an error (binary content); over MAX_TEXT_LENGTH (512 KB): an error for Azure ML kinds
 *   (spotted from a `$schema` line near the top), `skipped` otherwise, without parsing.
 */
import { posix } from 'node:path';
import { detect as detectFile, kindFromSchema, SKIPPED, type Detection } from './detect.js';
import { createTimeProblems, retiredSizeProblems } from './advice.js';
import { componentContractProblems, localComponent } from './contract.js';
import { maskPlaceholders, placeholderProblems, underPlaceholder } from './placeholders.js';
import { isPlainObject } from './fields.js';
import { MAX_PROBLEMS, toProblems, type Problem } from './issues.js';
import { DEPLOYMENT_KINDS, ENDPOINT_KINDS, isKind, KIND_SCHEMAS, KINDS as KIND_IDS } from './kinds/index.js';
import { pathProblems } from './paths.js';
import { referenceProblems } from './references.js';
import { locate, parseSource, positionOf, type Source } from './source.js';

export type { Problem, Severity } from './issues.js';
export interface FileReport {
  path: string;
  kind: string;
  valid: boolean;
  errors: Problem[];
  /** why a file was skipped (kind `skipped`) */
  reason?: string;
}
export interface ValidateOptions {
  strict?: boolean;
  kind?: string;
  exists: (relOrAbsPath: string) => boolean;
  /** reads a file that is not among the inputs (a component a pipeline step names); undefined if absent */
  read?: (relOrAbsPath: string) => string | undefined;
}
/** `size`: byte size of the whole file when `text` holds only its beginning (large files). */
export interface InputFile {
  path: string;
  text: string;
  size?: number;
}

export const KINDS: readonly string[] = KIND_IDS;
/**
 * Azure ML YAML files are a few KB. Parsing costs about 1–4 s per MB (more for flow style), so
 * bigger files are not parsed at all.
 */
export const MAX_TEXT_LENGTH = 512 * 1024;
export const UNKNOWN = 'unknown';

interface Linted {
  path: string;
  kind: string;
  reason?: string;
  /** the parsed value, kept for the checks across files (the YAML tree is not kept: memory) */
  value?: unknown;
  /** where `endpoint_name` is, for deployments */
  endpointNameAt?: { line: number; column: number };
  problems: Problem[];
  /** schema issues beyond MAX_PROBLEMS, counted but not located */
  omitted?: number;
}

const problem = (message: string, line = 1, column = 1, path = ''): Problem => ({ path, message, line, column, severity: 'error' });

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The kind named by a `$schema:` line near the top, without parsing the whole text. */
function sniffSchema(text: string): string {
  const url = /^\s*["']?\$schema["']?\s*:\s*["']?([^\s"'#]+)/m.exec(text.slice(0, 4096))?.[1];
  return url ? kindFromSchema(url) : SKIPPED;
}

function guard(file: InputFile, forced: string | undefined): Linted | undefined {
  const nul = file.text.indexOf('\u0000');
  if (nul !== -1) {
    const binary = problem('binary content (NUL bytes): not a YAML text file', lineOf(file.text, nul));
    return { path: file.path, kind: forced ?? UNKNOWN, problems: [binary] };
  }
  const size = Math.max(file.size ?? 0, file.text.length);
  if (size <= MAX_TEXT_LENGTH) return undefined;
  const kind = forced ?? sniffSchema(file.text);
  if (kind === SKIPPED) return { path: file.path, kind, reason: 'too large to read and no Azure ML $schema near the top', problems: [] };
  const mb = (size / 1_048_576).toFixed(1);
  return { path: file.path, kind, problems: [problem(`file too large to validate (${mb} MB; the limit is ${MAX_TEXT_LENGTH / 1024} KB)`)] };
}

function detect(src: Source, forced: string | undefined): Detection {
  if (forced) return { kind: forced as Detection['kind'] };
  try {
    if (src.value !== undefined) return detectFile(src.value);
  } catch {
    return { kind: SKIPPED, reason: 'unusual value (custom tag); not an Azure ML file' };
  }
  // the value could not be built (syntax error, alias bomb): fall back to a `$schema` line
  const kind = sniffSchema(src.text) as Detection['kind'];
  return kind === SKIPPED ? { kind, reason: 'not readable as YAML and no Azure ML $schema: not an Azure ML file' } : { kind };
}

const MLFLOW_ARTEFACTS = /(^|\/)(conda|python_env)\.ya?ml$/;
/** A conda.yaml or python_env.yaml beside an MLmodel file belongs to an MLflow model, not to a job. */
function mlflowArtefact(path: string, names: Set<string>, exists: (p: string) => boolean): boolean {
  if (!MLFLOW_ARTEFACTS.test(path)) return false;
  const mlmodel = posix.join(posix.dirname(path), 'MLmodel');
  return names.has(mlmodel) || exists(mlmodel);
}

function lintOne(file: InputFile, opts: ValidateOptions, ctx: Context): Linted {
  const early = guard(file, opts.kind);
  if (early) return early;
  const { masked, src } = ctx.take(file.path, file.text);
  const detection = detect(src, opts.kind);
  const kind = detection.kind;
  const out: Linted = { path: file.path, kind, reason: detection.reason, value: src.value, problems: [] };
  if (DEPLOYMENT_KINDS.includes(kind as never)) out.endpointNameAt = positionOf(src, locate(src, ['endpoint_name']).node);
  if (src.errors.length > 0) {
    // syntax errors count only in Azure ML files (a Dockerfile or README is not YAML);
    // refusing hostile input (alias bombs, runaway nesting) is always reported
    if (kind === SKIPPED && !src.errors.some((e) => e.hostile)) return out;
    if (kind === SKIPPED) [out.kind, out.reason] = [UNKNOWN, undefined];
    out.problems = src.errors.map((e) => problem(e.message, e.pos.line, e.pos.column));
    return out;
  }
  const empty = src.value === null || src.value === undefined;
  if (kind === 'conda' && !opts.kind && mlflowArtefact(file.path, ctx.names, opts.exists))
    return { ...out, kind: SKIPPED, reason: 'MLflow model artefact (beside an MLmodel file), read by MLflow, not az ml' };
  if (kind === SKIPPED) return out;
  if (empty) return { ...out, problems: [problem('empty document')] };
  if (src.multiDoc) {
    const { line, column } = src.multiDoc;
    out.problems.push(problem('more than one YAML document (---) in the file; Azure ML reads exactly one', line, column));
  }
  const strict = Boolean(opts.strict);
  const held = placeholderProblems(src, masked.found, strict);
  const found: Problem[] = [...held.problems];
  if (detection.schemaMismatch) found.push({ ...problem(detection.schemaMismatch, ...at(src, ['$schema'])), path: '$schema', severity: 'warning' });
  if (detection.badType) {
    const message = `unknown type "${String(detection.badType.value)}" for this kind of file; expected one of: ${detection.badType.expected.join(', ')}`;
    found.push(problem(message, ...at(src, ['type']), 'type'));
  } else {
    const parsed = KIND_SCHEMAS[kind as keyof typeof KIND_SCHEMAS].safeParse(src.value);
    if (!parsed.success) {
      found.push(...createTimeProblems(toProblems(src, parsed.error.issues), kind, strict));
      out.omitted = Math.max(0, parsed.error.issues.length - MAX_PROBLEMS);
    }
  }
  for (const w of src.warnings) found.push({ ...problem(w.message, w.pos.line, w.pos.column), severity: 'warning' });
  found.push(...referenceProblems(src, kind, (step) => localComponent(file.path, step, ctx.component)));
  found.push(...pathProblems(src, file.path, kind, opts.exists, strict));
  found.push(...componentContractProblems(src, file.path, kind, ctx.component));
  found.push(...retiredSizeProblems(src, kind));
  out.problems = [...out.problems, ...found].filter((p) => p.message.startsWith('template placeholder') || !underPlaceholder(p.path, held.paths));
  return out;
}

function at(src: Source, path: string[]): [number, number] {
  const { line, column } = positionOf(src, locate(src, path).key ?? locate(src, path).node);
  return [line, column];
}

const family = (kind: string) => (/batch/i.test(kind) ? 'batch' : 'online');

/**
 * A deployment's endpoint_name should match an endpoint in its own folder or the nearest ancestor that
 * has one. A warning: `az ml online-deployment create -e <name>` overrides the file's endpoint_name.
 */
function endpointNameProblems(files: Linted[]): void {
  const endpoints = files.filter(
    (f) => ENDPOINT_KINDS.includes(f.kind as never) && isPlainObject(f.value) && typeof f.value.name === 'string',
  );
  if (endpoints.length === 0) return;
  for (const dep of files) {
    const v = dep.value;
    if (!DEPLOYMENT_KINDS.includes(dep.kind as never) || !isPlainObject(v) || typeof v.endpoint_name !== 'string') continue;
    for (let dir = posix.dirname(dep.path); ; dir = posix.dirname(dir)) {
      const here = endpoints.filter((e) => posix.dirname(e.path) === dir && family(e.kind) === family(dep.kind));
      if (here.length > 0) {
        const names = here.map((e) => (e.value as { name: string }).name);
        if (!names.includes(v.endpoint_name)) {
          const pos = dep.endpointNameAt ?? { line: 1, column: 1 };
          const defined = here.map((e, i) => `"${names[i]}" in ${e.path}`).join(', ');
          const message = `endpoint_name "${v.endpoint_name}" does not match the endpoint defined here: ${defined} (fine if you pass --endpoint-name)`;
          if (!dep.problems.some((p) => p.path === 'endpoint_name' && p.message.startsWith('template placeholder')))
            dep.problems.push({ ...problem(message, pos.line, pos.column, 'endpoint_name'), severity: 'warning' });
        }
        break;
      }
      if (posix.dirname(dir) === dir) break;
    }
  }
}

interface Parsed {
  masked: ReturnType<typeof maskPlaceholders>;
  src: Source;
}

interface Context {
  /** every input path, to find MLmodel files beside conda files */
  names: Set<string>;
  /** a file's parse, made here or earlier for a pipeline step that reads it as its component */
  take: (path: string, text: string) => Parsed;
  /** a component file's parsed value by path (inputs first, then opts.read) */
  component: (path: string) => unknown;
}

/**
 * Each file is parsed once: a component read for a pipeline step before its own turn keeps its parse
 * until then. Only values are kept after that (a tree per file would burden the garbage collector).
 */
function context(files: InputFile[], opts: ValidateOptions): Context {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const values = new Map<string, unknown>();
  const waiting = new Map<string, Parsed>();
  const parse = (path: string, text: string): Parsed => {
    const masked = maskPlaceholders(text);
    const src = parseSource(masked.text);
    values.set(path, src.errors.length ? undefined : src.value);
    return { masked, src };
  };
  return {
    names: new Set(files.map((f) => f.path)),
    take: (path, text) => {
      const p = waiting.get(path);
      waiting.delete(path);
      return p ?? parse(path, text);
    },
    component: (path) => {
      if (!values.has(path)) {
        const input = byPath.get(path);
        const text = input ?? opts.read?.(path);
        if (text === undefined || text.length > MAX_TEXT_LENGTH) values.set(path, undefined);
        else if (input !== undefined) waiting.set(path, parse(path, text));
        else parse(path, text);
      }
      return values.get(path);
    },
  };
}

const byPosition = (a: Problem, b: Problem) => a.line - b.line || a.column - b.column || a.path.localeCompare(b.path);

export function validateFiles(files: InputFile[], opts: ValidateOptions): { valid: boolean; files: FileReport[] } {
  if (opts.kind !== undefined && !isKind(opts.kind)) throw new TypeError(`unknown kind "${opts.kind}"; expected one of: ${KINDS.join(', ')}`);
  const ctx = context(files, opts);
  const linted = files.map((f) => {
    try {
      return lintOne(f, opts, ctx);
    } catch (e) {
      // insurance: one odd file must never stop the others from being checked
      return { path: f.path, kind: opts.kind ?? UNKNOWN, problems: [problem(`internal error while validating (please report): ${(e as Error).message}`)] };
    }
  });
  endpointNameProblems(linted);
  const reports = linted.map((l): FileReport => {
    const sorted = l.problems.sort(byPosition);
    const valid = !l.omitted && !sorted.some((p) => p.severity === 'error');
    const more = sorted.length + (l.omitted ?? 0) - MAX_PROBLEMS;
    if (more > 0) {
      const last = sorted[Math.min(MAX_PROBLEMS, sorted.length) - 1];
      const hidden = sorted.splice(MAX_PROBLEMS);
      const severity = l.omitted || hidden.some((p) => p.severity === 'error') ? 'error' : 'warning';
      sorted.push({ ...problem(`${more} more problem${more === 1 ? '' : 's'} not shown (fix the ones above first)`, last.line, last.column), severity });
    }
    const errors = sorted.map((p) => ({ path: p.path, message: p.message, line: p.line, column: p.column, severity: p.severity }));
    return l.reason && l.kind === SKIPPED ? { path: l.path, kind: l.kind, valid, errors, reason: l.reason } : { path: l.path, kind: l.kind, valid, errors };
  });
  return { valid: reports.every((r) => r.valid), files: reports };
}
