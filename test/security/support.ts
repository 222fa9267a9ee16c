/**
 * Shared pieces of the security suite: run counts, spec and hostile-string arbitraries, and the
 * structural views of a generated tree that the property tests compare.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { generate } from '../../src/generate.js';
import type { FileTree } from '../../src/core/tree.js';
import { CIS, DEVICES, EXTRAS, FRAMEWORKS, PIN_MODES, SERVINGS, TARGETS } from '../../src/spec/ids.js';
import { parseSpec, SpecError, type Spec } from '../../src/spec/schema.js';

/** Hundreds of cases in CI; a quick pass on a developer machine. */
export const NUM_RUNS = process.env.CI ? 300 : 40;

/** parseSpec, with a rejection returned instead of thrown (any other error is a bug and is thrown). */
export function tryParse(input: Record<string, unknown>): { spec: Spec } | { reason: string } {
  try {
    return { spec: parseSpec(input) };
  } catch (e) {
    if (e instanceof SpecError) return { reason: e.message };
    throw e;
  }
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Spec fields other than extras, many combinations of which are invalid by rule. */
const baseSpec = fc.record({
  name: fc.constantFrom('demo', 'a1', 'Proj-X', 'x'.repeat(24)),
  framework: fc.constantFrom(...FRAMEWORKS),
  target: fc.constantFrom(...TARGETS),
  serving: fc.constantFrom(...SERVINGS),
  device: maybe(fc.constantFrom(...DEVICES)),
  compute: maybe(fc.constantFrom('serverless', 'my-cluster', 'gpu-a100')),
  instanceType: maybe(fc.constantFrom('Standard_DS3_v2', 'Standard_NC24s_v3', 'Standard_ND96asr_v4', 'Standard_F4s_v2')),
  nodes: fc.constantFrom(1, 1, 2, 4),
  processesPerNode: maybe(fc.integer({ min: 1, max: 8 })),
  ci: fc.constantFrom(...CIS),
  workspace: maybe(fc.constantFrom('ws1', 'my_workspace-2')),
  resourceGroup: maybe(fc.constantFrom('rg', 'rg-ml(prod).eu')),
  k8sCompute: maybe(fc.constantFrom('aks-1', 'arc-cluster')),
  deployInstanceType: maybe(fc.constantFrom('Standard_DS2_v2', 'Standard_NC4as_T4_v3')),
  pinActions: fc.constantFrom(...PIN_MODES),
});

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Valid specs: a base that parses, then a subset of the extras that the base accepts one by one
 * (derived at run time, so extras that become supported are covered without editing this file),
 * kept only when the whole combination parses.
 */
export const validSpec: fc.Arbitrary<Spec> = baseSpec
  .map(defined)
  .filter((raw) => 'spec' in tryParse(raw))
  .chain((raw) => {
    const usable = EXTRAS.filter((id) => 'spec' in tryParse({ ...raw, extras: [id] }));
    return fc.subarray([...usable]).map((extras) => tryParse({ ...raw, extras }));
  })
  .filter((r): r is { spec: Spec } => 'spec' in r)
  .map((r) => r.spec);

/** Fragments that mean something to YAML, shells, GitHub Actions, Handlebars, paths or terminals. */
export const HOSTILE_FRAGMENTS = [
  ':', ': ', '#', ' #', "'", '"', '\n', '\r\n', '\t', '\\', '- ', '? ', '&a', '*a', '!!str', '!!python/object', '|', '>',
  '---', '...', '{', '}', '[', ']', ',', '%', '@', '`', '${{ github.token }}', '${{ secrets.AZURE_CLIENT_ID }}',
  '{{this}}', '{{{x}}}', '{{#each x}}', '$(rm -rf ~)', '`id`', '; rm -rf /', '&& curl x|sh', '$HOME', '../..', '..', '/',
  '~', '*', '\u0000', '\u001b[31m', '\u2028', '\u00e9', '\u202e', '\ud83d\ude00', 'null', 'true', '0x1F', '1e3', '.5',
  'yes', '~', '<<', '__proto__', 'constructor', ' ', '',
];

/** Arbitrary text with a strong bias to the fragments above. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 6 }).map((a) => a.join('')),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/**
 * Text drawn from the characters a name rule allows, plus words YAML would read as something else
 * (`true`, `null`, `.5`, `1e3`): these are accepted, so they exercise the "written as data" branch.
 */
export function plausible(alphabet: string, words: string[] = []): fc.Arbitrary<string> {
  const chars = fc.constantFrom(...alphabet.split(''));
  return fc.oneof(
    fc.string({ unit: chars, minLength: 1, maxLength: 40 }),
    fc.tuple(fc.constantFrom('a', 'A', 'x1'), fc.constantFrom(...words, ''), fc.string({ unit: chars, maxLength: 6 })).map((p) => p.join('')),
    fc.constantFrom(...words, 'x'),
  );
}

export const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const YAML_WORDS = ['---', 'true', 'false', 'null', 'yes', 'no', 'on', 'off', '1e3', '0x1F', '0o17', '123', '12_3', 'NaN', 'inf'];

export type Parsed = { docs: number; errors: string[]; warnings: string[]; value: unknown };

/**
 * Every YAML file of a tree, parsed (documents counted, errors and tag warnings kept). YAML 1.1 is how
 * PyYAML (the az ml CLI) reads files: `yes`, `on`, `1_000` are not strings there.
 */
export function parsedYaml(tree: FileTree, version: '1.1' | '1.2' = '1.2'): Map<string, Parsed> {
  const out = new Map<string, Parsed>();
  for (const [path, content] of tree) {
    if (typeof content !== 'string' || !/\.ya?ml$/.test(path)) continue;
    const docs = parseAllDocuments(content, { version });
    const list = Array.isArray(docs) ? docs : [];
    out.set(path, {
      docs: list.length,
      errors: list.flatMap((d) => d.errors.map((e) => e.message)),
      warnings: list.flatMap((d) => d.warnings.map((e) => e.message)),
      value: list[0]?.toJS({ maxAliasCount: 100 }),
    });
  }
  return out;
}

/** Structure only: mapping keys (sorted), sequence lengths, and each scalar's type. */
export function skeleton(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(skeleton);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, skeleton(o[k])]));
  }
  return v === null ? 'null' : typeof v;
}

/** Every `${{ ... }}` expression in a text, in order. */
export const expressions = (text: string) => text.match(/\$\{\{[\s\S]*?\}\}/g) ?? [];

/** Every `run:` script of a parsed workflow. */
export function runScripts(workflow: unknown): string[] {
  const jobs = (workflow as { jobs?: Record<string, { steps?: { run?: string }[] }> }).jobs ?? {};
  return Object.values(jobs).flatMap((j) => (j.steps ?? []).map((s) => s.run).filter((r): r is string => r !== undefined));
}

/** `{{` that is not part of `${{`. */
export const LEFTOVER_TAG = /(^|[^$])\{\{/;

export const text = (tree: FileTree, path: string): string => {
  const c = tree.get(path);
  if (typeof c !== 'string') throw new Error(`${path} is not a generated text file`);
  return c;
};

export const generateFrom = (input: Record<string, unknown>) => generate(parseSpec(input));
