/**
 * Property: any string in a free-text option is either refused by parseSpec (the CLI turns that into
 * exit 2 before anything is written, see hostile-inputs.test.ts) or ends up in the project purely as
 * data: every YAML file has the same structure as with a plain value, the value reads back exactly,
 * and it never lands in a key, a new document, a `${{ }}` expression, a `run:` script or an
 * unquoted shell word of the README.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileTree } from '../../src/core/tree.js';
import {
  ALNUM, expressions, generateFrom, hostileString, NUM_RUNS, parsedYaml, plausible, runScripts, skeleton, text, tryParse, YAML_WORDS,
} from './support.js';

interface Field {
  key: string;
  /** The other options that make the field show up in the generated files. */
  context: Record<string, unknown>;
  plain: string;
  alphabet: string;
  /** Where the value must read back exactly: [file, path of keys, expected]. */
  readsBack: (v: string) => [string, string[], string][];
}

const WORKFLOW = '.github/workflows/train-deploy.yml';
const FIELDS: Field[] = [
  { key: 'name', context: {}, plain: 'demo', alphabet: `${ALNUM}-`, readsBack: (v) => [[WORKFLOW, ['env', 'MODEL_NAME'], `${v.toLowerCase()}-model`]] },
  { key: 'workspace', context: {}, plain: 'ws1', alphabet: `${ALNUM}-_`, readsBack: (v) => [[WORKFLOW, ['env', 'DEFAULT_WORKSPACE'], v]] },
  { key: 'resourceGroup', context: {}, plain: 'rg1', alphabet: `${ALNUM}-_.()`, readsBack: (v) => [[WORKFLOW, ['env', 'DEFAULT_RESOURCE_GROUP'], v]] },
  { key: 'compute', context: {}, plain: 'cluster1', alphabet: `${ALNUM}-`, readsBack: (v) => [['jobs/train.yml', ['compute'], `azureml:${v}`]] },
  {
    key: 'instanceType', context: { compute: 'serverless' }, plain: 'Standard_DS3_v2', alphabet: `${ALNUM}_`,
    readsBack: (v) => [['jobs/train.yml', ['resources', 'instance_type'], v]],
  },
  {
    key: 'k8sCompute', context: { target: 'kubernetes' }, plain: 'aks1', alphabet: `${ALNUM}-`,
    readsBack: (v) => [['deploy/endpoint.yml', ['compute'], `azureml:${v}`]],
  },
  {
    key: 'deployInstanceType', context: {}, plain: 'Standard_DS2_v2', alphabet: `${ALNUM}_`,
    readsBack: (v) => [['deploy/deployment.yml', ['instance_type'], v]],
  },
];

const dig = (v: unknown, keys: string[]) => keys.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v);

/** The README's fenced code blocks: commands users paste into a shell. */
const codeBlocks = (readme: string) => readme.split(/^```/m).filter((_, i) => i % 2 === 1);

/**
 * A README command block that changed must be the plain one with the plain value replaced by the new
 * one, each occurrence a plain shell word or inside "..." (and then free of what expands there).
 */
function assertShellData(plainBlock: string, block: string, plain: string, value: string) {
  if (/^[A-Za-z0-9_.-]+$/.test(value)) return;
  const parts = plainBlock.split(plain);
  expect(block).toBe(parts.join(value));
  let at = 0;
  for (const part of parts.slice(0, -1)) {
    at += part.length;
    const lineStart = block.lastIndexOf('\n', at) + 1;
    const quotes = (block.slice(lineStart, at).match(/"/g) ?? []).length;
    expect(quotes % 2 === 1 && !/["$`\\\n]/.test(value), `unquoted in: ${block.slice(lineStart, at + value.length)}`).toBe(true);
    at += value.length;
  }
}

function assertOnlyData(field: Field, value: string, tree: FileTree, baseline: FileTree) {
  expect([...tree.keys()]).toEqual([...baseline.keys()]);
  const yaml = parsedYaml(tree);
  const plainYaml = parsedYaml(baseline);
  for (const [path, p] of yaml) {
    const base = plainYaml.get(path)!;
    expect(p.errors, path).toEqual([]);
    expect(p.warnings, path).toEqual([]);
    expect(p.docs, path).toBe(1);
    expect(skeleton(p.value), path).toEqual(skeleton(base.value));
  }
  const yaml11 = parsedYaml(tree, '1.1');
  for (const [file, keys, expected] of field.readsBack(value)) {
    expect(dig(yaml.get(file)?.value, keys), file).toBe(expected);
    // Workflows must read back the same under YAML 1.1 too. Azure ML files: see the skipped test below.
    if (file.startsWith('.github/')) expect(dig(yaml11.get(file)?.value, keys), `${file} (YAML 1.1)`).toBe(expected);
  }
  for (const [path, content] of tree) {
    if (typeof content !== 'string') continue;
    expect(expressions(content), path).toEqual(expressions(text(baseline, path)));
  }
  for (const wf of ['.github/workflows/ci.yml', WORKFLOW]) {
    expect(runScripts(yaml.get(wf)?.value), wf).toEqual(runScripts(plainYaml.get(wf)?.value));
  }
  // In the README commands, the value is one plain shell word or sits inside "..." where nothing expands.
  const blocks = codeBlocks(text(tree, 'README.md'));
  const plainBlocks = codeBlocks(text(baseline, 'README.md'));
  blocks.forEach((block, i) => {
    if (block !== plainBlocks[i]) assertShellData(plainBlocks[i], block, field.plain, value);
  });
}

describe.each(FIELDS)('property: hostile text in $key', (field) => {
  const baseline = generateFrom({ name: 'demo', ...field.context, [field.key]: field.plain });
  const arb = fc.oneof(hostileString, plausible(field.alphabet, YAML_WORDS));

  it('is refused with a one-line reason, or written as data only', () => {
    const outcome = { refused: 0, accepted: 0 };
    fc.assert(
      fc.property(arb, (value) => {
        const r = tryParse({ name: 'demo', ...field.context, [field.key]: value });
        if ('reason' in r) {
          outcome.refused++;
          expect(r.reason).toMatch(/^[^\n\r]+$/);
          expect(r.reason).toContain(`--${field.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
          return;
        }
        outcome.accepted++;
        assertOnlyData(field, value, generateFrom({ name: 'demo', ...field.context, [field.key]: value }), baseline);
      }),
      { numRuns: NUM_RUNS },
    );
    // Both branches must be exercised for the property to mean anything.
    expect(outcome.refused).toBeGreaterThan(NUM_RUNS / 10);
    expect(outcome.accepted).toBeGreaterThan(NUM_RUNS / 10);
  });
});

// The az ml CLI reads YAML 1.1, where a plain `yes` / `on` / `1_000` is a boolean or a number.
it('Azure ML YAML keeps user values as strings under YAML 1.1 (how the az ml CLI reads it)', () => {
  const cases: [Record<string, unknown>, string, string[], string][] = [
    [{ name: 'yes' }, 'jobs/train.yml', ['experiment_name'], 'yes'],
    [{ compute: 'serverless', instanceType: 'on' }, 'jobs/train.yml', ['resources', 'instance_type'], 'on'],
    [{ deployInstanceType: 'off' }, 'deploy/deployment.yml', ['instance_type'], 'off'],
  ];
  for (const [fields, file, keys, expected] of cases) {
    const parsed = parsedYaml(generateFrom({ name: 'demo', ...fields }), '1.1').get(file);
    expect(dig(parsed?.value, keys), file).toBe(expected);
  }
});
