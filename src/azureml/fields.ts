/**
 * Small zod building blocks shared by every Azure ML kind.
 *
 * Why custom helpers instead of plain `z.strictObject` / `z.enum`:
 * - the CLI lower-cases enum values before comparing (facts §1.4), so enums are case-insensitive;
 * - marshmallow accepts numeric strings for ints (`instance_count: "2"`) and ints for versions,
 *   so number fields are as permissive as the service;
 * - unknown keys must be reported on the key itself, with a "did you mean" hint;
 * - `type`-switched objects (distribution, search space, …) need good errors on a bad `type`,
 *   which zod's discriminated unions do not give for case-insensitive discriminators.
 * Issues carry `params.atKey` (report on the key, not the value) / `params.hint` so `issues.ts` can place and word them.
 */
import '../zod-config.js';
import * as z from 'zod/mini';
import { isPlainObject } from '../plain-object.js';
import { suggest } from '../core/suggest.js';

export type Shape = Record<string, z.ZodMiniType>;
type Ctx = z.core.$RefinementCtx<unknown>;

/** The `lazy` schemas built so far, and every `lazy` schema, built or not (see opt). */
const built = new WeakSet<z.ZodMiniType>();
const lazies = new WeakSet<z.ZodMiniType>();

/**
 * A schema built the first time something is validated against it, then kept (z.lazy memoises it):
 * loading the kinds builds none of them, and a run builds only the kinds it checks (`init` a few,
 * `validate` often one) instead of paying milliseconds for all fourteen. Wrapping changes nothing a
 * parse reports: z.lazy runs the inner schema on the same payload and passes on its `optin`/`optout`,
 * so issues (path, code, params, message) are the inner schema's own.
 */
export function lazy(build: () => z.ZodMiniType): z.ZodMiniType {
  const schema = z.lazy(() => {
    built.add(schema);
    return build();
  });
  lazies.add(schema);
  return schema;
}

/** Whether a `lazy` schema has been built yet (tests keep start-up lazy with it). */
export const isBuilt = (schema: z.ZodMiniType): boolean => built.has(schema);

/**
 * A value built on its first call and shared afterwards: for the plain objects of schemas that kinds
 * spread into their shapes, which must not be built when the modules load either.
 */
export function once<T>(build: () => T): () => T {
  let cache: { value: T } | undefined;
  return () => (cache ??= { value: build() }).value;
}

export { isPlainObject };

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'a mapping';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return 'an unsupported value';
}

export interface ObjOptions {
  /** extra wording for specific unknown keys, e.g. where the key belongs instead */
  hints?: Record<string, string>;
  /**
   * For kinds whose schema grows faster than this model (workspace, compute, connections…): an
   * unknown key close to a known one is still an error (a typo), any other unknown key a warning.
   */
  lenient?: boolean;
  /** the SDK keeps unknown keys (marshmallow `unknown=INCLUDE`) and ignores them: every unknown key is a warning */
  open?: boolean;
}

/**
 * A schema that accepts anything and reports through `fn`: what `z.unknown().check(z.superRefine(fn))`
 * builds, without first building the unchecked schema that `.check` copies (a kind has hundreds).
 */
export function refined(fn: (v: unknown, ctx: Ctx) => void): z.ZodMiniType {
  return new z.ZodMiniUnknown({ type: 'unknown', checks: [z.superRefine(fn)] });
}

/** Leaf schemas are immutable: one instance per distinct option set serves every field. */
const leaves = new Map<string, z.ZodMiniType>();
function leaf(key: string, build: () => z.ZodMiniType): z.ZodMiniType {
  let schema = leaves.get(key);
  if (!schema) leaves.set(key, (schema = build()));
  return schema;
}

const optionals = new WeakMap<z.ZodMiniType, z.ZodMiniType>();
/**
 * `z.optional(schema)`, one wrapper per schema (most fields share their leaf schema).
 *
 * z.optional asks its inner schema whether it is optional itself on every parse, absent key or not,
 * and asking a z.lazy builds it: every optional block of a kind (identity, distribution, services…)
 * was built for each file checked, present or not. A `lazy` schema is therefore wrapped in a check
 * that forwards present values to it, so a block is built the first time a file has it. Forwarding
 * reports the same issues at the same paths, as every obj() already forwards to its fields.
 */
export function opt<T extends z.ZodMiniType>(schema: T): z.ZodMiniOptional<T> {
  let wrapped = optionals.get(schema);
  if (!wrapped) {
    wrapped = z.optional(lazies.has(schema) ? refined((v, ctx) => forward(schema, v, ctx)) : schema);
    optionals.set(schema, wrapped);
  }
  return wrapped as z.ZodMiniOptional<T>;
}

/**
 * A closed mapping: keys outside `shape` are errors reported on the key (facts §1.3). Keys are read
 * from the input itself (zod's output drops odd keys such as `__proto__`), and every unknown key is
 * reported even when a known field already failed.
 */
export function obj(shape: Shape, opts: ObjOptions = {}) {
  const known = Object.keys(shape);
  const inner = z.looseObject(shape);
  return refined((v, ctx) => {
    if (!isPlainObject(v)) {
      ctx.addIssue({ code: 'custom', message: `expected a mapping, got ${typeName(v)}` });
      return;
    }
    let unknown = 0;
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(shape, key)) continue;
      // suggestions cost an edit distance per known key; a hostile file may have thousands of keys
      const near = ++unknown <= 50 ? suggest(key, known) : undefined;
      const hint = (opts.hints && Object.hasOwn(opts.hints, key) ? opts.hints[key] : undefined) ?? (near ? `did you mean "${near}"?` : undefined);
      if (opts.open) {
        const message = `unknown key "${key}"${hint ? ` (${hint})` : ''}: the CLI accepts and ignores it`;
        ctx.addIssue({ code: 'custom', path: [key], message, params: { atKey: true, severity: 'warning' } });
        continue;
      }
      if (opts.lenient && !near && !hint) {
        const message = `unknown key "${key}" (not in the schema validate knows; check it against the reference)`;
        ctx.addIssue({ code: 'custom', path: [key], message, params: { atKey: true, severity: 'warning' } });
        continue;
      }
      ctx.addIssue({ code: 'custom', path: [key], message: `unknown key "${key}"${hint ? ` (${hint})` : ''}`, params: { atKey: true } });
    }
    forward(inner, v, ctx);
  });
}

/** Case-insensitive enum; the message names the canonical lowercase spellings. */
export function ciEnum(values: readonly string[]) {
  return leaf(`enum:${values.join('\0')}`, () => {
    const message = `must be one of: ${values.join(', ')}`;
    return refined((v, ctx) => {
      if (typeof v !== 'string' || !values.includes(v.toLowerCase())) ctx.addIssue({ code: 'custom', message });
    });
  });
}

/**
 * An enum that grows faster than this model (connection types, fine-tuning tasks): a value close to a
 * known one is an error (a typo), any other value a warning.
 */
export function openEnum(values: readonly string[]) {
  return leaf(`open-enum:${values.join('\0')}`, () => refined((v, ctx) => {
    if (typeof v !== 'string') return ctx.addIssue({ code: 'custom', message: `expected a string, got ${typeName(v)}` });
    if (values.includes(v.toLowerCase())) return;
    const near = suggest(v.toLowerCase(), [...values]);
    if (near) ctx.addIssue({ code: 'custom', message: `unknown value "${v}" (did you mean "${near}"?)` });
    else ctx.addIssue({ code: 'custom', message: `"${v}" is not a value validate knows (${values.join(', ')}); check it against the reference`, params: { severity: 'warning' } });
  }));
}

export function check(test: (v: unknown, ctx: Ctx) => string | undefined) {
  return refined((v, ctx) => {
    const message = test(v, ctx);
    if (message) ctx.addIssue({ code: 'custom', message });
  });
}

const BINDING = /^\$\{\{.*\}\}$/s;
export const isBinding = (v: unknown) => typeof v === 'string' && BINDING.test(v.trim());

export function str(opts: { nonEmpty?: boolean; nullable?: boolean } = {}) {
  return leaf(`str:${Boolean(opts.nonEmpty)}:${Boolean(opts.nullable)}`, () => check((v) => {
    if (v === null && opts.nullable) return undefined;
    if (typeof v === 'string') return opts.nonEmpty && v.trim() === '' ? 'must not be empty' : undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return `expected a string, got ${typeName(v)} (quote it: "${String(v)}")`;
    return `expected a string, got ${typeName(v)}`;
  }));
}

/** marshmallow `fields.Int`: integers, integer strings and `${{…}}` bindings; floats and booleans fail. */
export function int(range: { min?: number; max?: number } = {}) {
  return leaf(`int:${range.min}:${range.max}`, () => check((v) => {
    if (isBinding(v)) return undefined;
    const n = typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) return `expected an integer, got ${typeName(v)}`;
    if (range.min !== undefined && n < range.min) return `must be >= ${range.min}`;
    if (range.max !== undefined && n > range.max) return `must be <= ${range.max}`;
    return undefined;
  }));
}

/** marshmallow `fields.Float` / `fields.Number`: numbers and numeric strings. */
export function num() {
  return leaf('num', () => check((v) => {
    if (typeof v === 'number' && Number.isFinite(v)) return undefined;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return undefined;
    return `expected a number, got ${typeName(v)}`;
  }));
}

const TRUTHY = ['true', 'false', 'yes', 'no', 'on', 'off', '1', '0'];
/** marshmallow `fields.Bool` also takes the usual truthy strings (PyYAML reads `yes` as true). */
export function bool() {
  return leaf('bool', () => check((v) => {
    if (typeof v === 'boolean' || v === 0 || v === 1) return undefined;
    if (typeof v === 'string' && TRUTHY.includes(v.toLowerCase())) return undefined;
    return `expected true or false, got ${typeName(v)}`;
  }));
}

/** Either a version string or a number (`version: 3`), like the SDK's VersionField. */
export function version() {
  return leaf('version', () =>
    check((v) => (typeof v === 'string' || typeof v === 'number' ? undefined : `expected a version string or number, got ${typeName(v)}`)),
  );
}

export function list(item: z.ZodMiniType, min = 0) {
  return z.array(item).check(z.minLength(min, { message: `must have at least ${min} item${min === 1 ? '' : 's'}` }));
}

// ---- free-form maps (facts §1.3: user-chosen keys stay open) ----
const scalar = lazy(() =>
  check((v) =>
    v === null || ['string', 'number', 'boolean'].includes(typeof v) ? undefined : `expected a plain value, got ${typeName(v)}`,
  ),
);
export const anyMap = () => z.record(z.string(), z.unknown());
export const scalarMap = () => z.record(z.string(), scalar);
/** String-valued map; the job schemas use `Dict(Str, Str)`, so `1` must be quoted. */
export const stringMap = (allowNull = false) => z.record(z.string(), str({ nullable: allowNull }));
export const intMap = () => z.record(z.string(), int({ min: 0, max: 100 }));

/**
 * An object whose schema depends on its `type` (compared case-insensitively).
 * Each variant lists its own keys; `type` itself is checked here.
 */
export function byType(variants: Record<string, z.ZodMiniType>, opts: { default?: string; what?: string } = {}) {
  const names = Object.keys(variants);
  return refined((v, ctx) => {
    if (!isPlainObject(v)) {
      ctx.addIssue({ code: 'custom', message: `expected a mapping${opts.what ? ` (${opts.what})` : ''}, got ${typeName(v)}` });
      return;
    }
    const raw = v.type ?? opts.default;
    const key = typeof raw === 'string' ? raw.toLowerCase() : undefined;
    if (raw === undefined || raw === null) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `missing type`, params: { hint: `one of: ${names.join(', ')}` } });
      return;
    }
    if (key === undefined || !Object.hasOwn(variants, key)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `must be one of: ${names.join(', ')}` });
      return;
    }
    forward(variants[key], v, ctx);
  });
}

/** Re-parse `v` with another schema and report its issues at the current path. */
export function forward(schema: z.ZodMiniType, v: unknown, ctx: Ctx): void {
  const r = schema.safeParse(v);
  if (!r.success) for (const issue of r.error.issues) ctx.addIssue(issue as unknown as z.core.$ZodRawIssue);
}

/** Fields every root document may carry (brief: `$schema`, `description`, `tags` always allowed). */
export const rootMeta = (tags: z.ZodMiniType = scalarMap()) => ({
  $schema: opt(str()),
  description: opt(str()),
  tags: opt(tags),
});

/** Adds a whole-object rule that should run even when single fields already failed. */
export function rule<T extends z.ZodMiniType>(schema: T, fn: (v: Record<string, unknown>, ctx: Ctx) => void): T {
  return schema.check(
    z.superRefine((v, ctx) => fn(v as Record<string, unknown>, ctx as Ctx), { when: (p) => isPlainObject(p.value) }),
  ) as T;
}
