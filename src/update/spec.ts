import { UsageError } from '../core/errors.js';
import { answersFromFlags, oneLine, parseExtras, type InitFlags } from '../spec/answers.js';
import { parseSpec, type Spec } from '../spec/schema.js';

/**
 * Fields the spec fills from other options when they are not given (src/spec/schema.ts complete()).
 * The manifest records their values; when the user changes an input on the command line, a recorded
 * value that was that input's default is derived again (`update --framework pytorch` moves to the GPU
 * defaults), while a value the user chose stays.
 */
const DERIVED: [keyof Spec, (keyof Spec)[]][] = [
  ['device', ['framework']],
  ['compute', ['device']],
  ['instanceType', ['device']],
  ['processesPerNode', ['device', 'instanceType']],
  ['deployInstanceType', ['serving']],
];

/** `--extras a,b` replaces the list; `+a`, `-b` (comma-separated, every item signed) add and remove. */
export function changeExtras(current: readonly string[], value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const signed = items.filter((i) => i.startsWith('+') || i.startsWith('-'));
  if (signed.length === 0) return parseExtras(value) ?? [];
  if (signed.length !== items.length) throw new UsageError(`--extras "${oneLine(value)}": sign every item (+a,-b) or none (a,b replaces the list)`);
  const next = new Set(current);
  for (const item of items) {
    const [id] = parseExtras(item.slice(1)) ?? [];
    if (id === undefined) throw new UsageError(`--extras "${oneLine(value)}": "${oneLine(item)}" names no extra`);
    if (item.startsWith('+')) next.add(id);
    else next.delete(id);
  }
  return [...next];
}

/** The recorded spec with the options given to `update` applied (see DERIVED), checked like init's. */
export function nextSpec(recorded: Spec, flags: InitFlags): Spec {
  const overrides: Record<string, unknown> = answersFromFlags({ ...flags, extras: undefined });
  if (flags.extras !== undefined) overrides.extras = changeExtras(recorded.extras, flags.extras);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changed = new Set(Object.keys(overrides).filter((k) => !same(overrides[k], recorded[k as keyof Spec])));
  const raw: Record<string, unknown> = { ...recorded };
  for (const [key, inputs] of DERIVED) {
    if (key in overrides || !inputs.some((i) => changed.has(i))) continue;
    const without: Record<string, unknown> = { ...recorded };
    delete without[key];
    let derived: unknown;
    try {
      derived = parseSpec(without)[key];
    } catch {
      continue;
    }
    if (same(derived, recorded[key])) {
      delete raw[key];
      changed.add(key);
    }
  }
  return parseSpec({ ...raw, ...overrides });
}
