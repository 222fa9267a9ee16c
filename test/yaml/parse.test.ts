import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, stringify, type ToStringOptions } from 'yaml';
import type { YNode } from '../../src/yaml/ast.js';
import { fastParse } from '../../src/yaml/parse.js';
import { SpecError } from '../../src/spec/schema.js';
import { tree } from '../helpers/tree.js';

/**
 * fastParse against its oracle, the `yaml` library with the options `validate` uses: wherever fastParse
 * answers, it must give the library's value (key order included) and the library's node tree (kinds,
 * pair order, scalar values, range[0] / range[1] of every node); elsewhere it must answer undefined.
 */
const OPTS = { uniqueKeys: false, prettyErrors: false, merge: true, logLevel: 'error' } as const;

/** 'fallback', or the differences between fastParse and the library (empty when they agree). */
function differences(text: string): 'fallback' | string[] {
  const fast = fastParse(text);
  if (fast === undefined) return 'fallback';
  const doc = parseDocument(text, OPTS);
  const out = [...doc.errors, ...doc.warnings].map((e) => `library reports ${e.code}: ${e.message}`);
  if (out.length > 0) return out;
  sameValue(doc.toJS({ maxAliasCount: 100 }), fast.value, '$', out);
  sameNode(doc.contents, fast.root, '$', out);
  return out;
}

/** Deep equality with Object.is on leaves (so -0, NaN count) and the same key order. */
function sameValue(lib: unknown, mine: unknown, path: string, out: string[]): void {
  if (Array.isArray(lib)) {
    if (!Array.isArray(mine) || mine.length !== lib.length) out.push(`${path}: array ${JSON.stringify(lib)} vs ${JSON.stringify(mine)}`);
    else lib.forEach((v, i) => sameValue(v, mine[i], `${path}[${i}]`, out));
  } else if (lib !== null && typeof lib === 'object') {
    const keys = Object.keys(lib);
    if (mine === null || typeof mine !== 'object' || Array.isArray(mine) || Object.keys(mine).join('\0') !== keys.join('\0')) {
      out.push(`${path}: keys ${JSON.stringify(keys)} vs ${JSON.stringify(mine && typeof mine === 'object' ? Object.keys(mine) : mine)}`);
    } else {
      for (const k of keys) sameValue((lib as Record<string, unknown>)[k], (mine as Record<string, unknown>)[k], `${path}.${k}`, out);
    }
  } else if (!Object.is(lib, mine)) {
    out.push(`${path}: ${String(lib)} vs ${String(mine)}`);
  }
}

function sameNode(lib: unknown, mine: YNode | null, path: string, out: string[]): void {
  if (lib === null || lib === undefined) {
    if (mine !== null) out.push(`${path}: library has no node, fastParse a ${mine.type}`);
    return;
  }
  const kind = isMap(lib) ? 'map' : isSeq(lib) ? 'seq' : isScalar(lib) ? 'scalar' : 'other';
  if (mine === null || mine.type !== kind) {
    out.push(`${path}: ${kind} vs ${mine?.type ?? 'null'}`);
    return;
  }
  const range = (lib as { range: [number, number, number] }).range;
  if (mine.start !== range[0] || mine.end !== range[1]) out.push(`${path}: range ${range[0]}-${range[1]} vs ${mine.start}-${mine.end}`);
  if (isScalar(lib) && mine.type === 'scalar') {
    if (!Object.is(lib.value, mine.value)) out.push(`${path}: scalar ${String(lib.value)} vs ${String(mine.value)}`);
  } else if (isMap(lib) && mine.type === 'map') {
    if (lib.items.length !== mine.pairs.length) out.push(`${path}: ${lib.items.length} pairs vs ${mine.pairs.length}`);
    else {
      lib.items.forEach((p, i) => {
        sameNode(p.key, mine.pairs[i].key, `${path}.<key ${i}>`, out);
        sameNode(p.value, mine.pairs[i].value, `${path}.${String(mine.pairs[i].key.value)}`, out);
      });
    }
  } else if (isSeq(lib) && mine.type === 'seq') {
    if (lib.items.length !== mine.items.length) out.push(`${path}: ${lib.items.length} items vs ${mine.items.length}`);
    else lib.items.forEach((v, i) => sameNode(v, mine.items[i], `${path}[${i}]`, out));
  }
}

/** Asserts agreement (or fallback); returns whether fastParse handled the text. */
function agrees(text: string): boolean {
  const d = differences(text);
  if (d === 'fallback') return false;
  if (d.length > 0) throw new Error(`fastParse differs from the library on ${JSON.stringify(text)}:\n${d.slice(0, 8).join('\n')}`);
  return true;
}

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(name)) yield path;
  }
}

const CORPUS_DIR = '/work/shared/azureml-examples-yaml';
const corpus = [...yamlFiles(CORPUS_DIR)].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('fastParse on the Azure ML examples corpus', () => {
  it('agrees with the library wherever it answers, and answers for almost every file', () => {
    expect(corpus.length).toBeGreaterThan(50);
    const handled = corpus.filter(({ text }) => agrees(text)).length;
    // measured: all 61 files; a floor with room for corpus updates that use anchors or other rare syntax
    expect(handled / corpus.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('fastParse on generated projects', () => {
  const specs: Record<string, unknown>[] = [
    {},
    { serving: 'mlflow' },
    { target: 'batch', serving: 'mlflow' },
    { target: 'kubernetes', pinActions: 'sha', workspace: 'ws-1', resourceGroup: 'rg-1' },
    { framework: 'pytorch', serving: 'triton' },
    { framework: 'pytorch', target: 'batch', nodes: 2 },
    { framework: 'tensorflow', target: 'kubernetes', serving: 'triton' },
    { framework: 'tensorflow', target: 'batch' },
    { framework: 'keras', serving: 'mlflow' },
    { framework: 'keras', target: 'kubernetes' },
    { framework: 'rllib' },
    { framework: 'rllib', target: 'batch' },
    { extras: ['tensorboard', 'onnx', 'responsible-ai', 'privacy', 'encryption', 'sweep'] },
    { extras: ['sweep'], target: 'none' },
    // not valid: parseSpec rejects these (each for a rule of its own)
    { framework: 'rllib', serving: 'mlflow' },
    { target: 'batch', serving: 'triton' },
  ];

  it('handles every YAML file of every project (workflows included) exactly as the library does', () => {
    const covered = { framework: new Set<unknown>(), target: new Set<unknown>(), serving: new Set<unknown>() };
    let rejected = 0;
    let files = 0;
    for (const spec of specs) {
      let project: Map<string, string | Uint8Array>;
      try {
        project = tree(spec);
      } catch (e) {
        if (!(e instanceof SpecError)) throw e;
        rejected++;
        continue;
      }
      covered.framework.add(spec.framework ?? 'sklearn');
      covered.target.add(spec.target ?? 'online');
      covered.serving.add(spec.serving ?? 'script');
      const paths = [...project.keys()].filter((p) => /\.ya?ml$/.test(p));
      expect(paths.some((p) => p.startsWith('.github/workflows/')) || spec.ci === 'none').toBe(true);
      for (const path of paths) {
        const text = project.get(path);
        if (typeof text !== 'string') throw new Error(`${path} is not text`);
        files++;
        expect(agrees(text), `${JSON.stringify(spec)} ${path} fell back to the library`).toBe(true);
      }
    }
    expect(rejected).toBe(2);
    expect(files).toBeGreaterThan(90);
    expect([...covered.framework].sort()).toEqual(['keras', 'pytorch', 'rllib', 'sklearn', 'tensorflow']);
    expect([...covered.target].sort()).toEqual(['batch', 'kubernetes', 'none', 'online']);
    expect([...covered.serving].sort()).toEqual(['mlflow', 'script', 'triton']);
  });
});

describe('fastParse: the supported subset', () => {
  const cases: [string, string, unknown][] = [
    ['block mapping and sequence', 'a: 1\nb:\n  - x\n  - y\nc:\n  d: e\n', { a: 1, b: ['x', 'y'], c: { d: 'e' } }],
    ['sequence at its key’s indent', 'a:\n- x\n- y\nb: 2\n', { a: ['x', 'y'], b: 2 }],
    ['compact mappings in a sequence', 'steps:\n  - name: one\n    run: echo\n  - uses: x@v1\n', {
      steps: [{ name: 'one', run: 'echo' }, { uses: 'x@v1' }],
    }],
    ['compact nested sequences', '- - a\n  - b\n- - c: 1\n    d: 2\n', [['a', 'b'], [{ c: 1, d: 2 }]]],
    ['quoted scalars', `a: "x\\ty \\u00e9 \\"q\\""\nb: 'it''s'\n"c d": ''\n`, { a: 'x\ty é "q"', b: "it's", 'c d': '' }],
    ['plain scalars with colons and hashes', 'a: azureml:name:1\nb: azureml://registries/a/models/x/v/2\nc: https://h/p#f\nd: a#b\n', {
      a: 'azureml:name:1',
      b: 'azureml://registries/a/models/x/v/2',
      c: 'https://h/p#f',
      d: 'a#b',
    }],
    ['GitHub expressions', 'a: ${{ secrets.X }}\nb: ${{inputs.x}}\n', { a: '${{ secrets.X }}', b: '${{inputs.x}}' }],
    ['comments and blank lines', '# head\n\na: 1 # one\n  # deeper\n\n# top\nb:   # none\nc: x\n# tail\n', { a: 1, b: null, c: 'x' }],
    ['core schema', [
      'n: [~, null, Null, NULL]',
      'b: [true, True, TRUE, false, FALSE]',
      'i: [0o17, -12, +3, 0x1F]',
      'f: [1.5, 1e3, .5, -.inf, .NaN]',
      's: [1_000, yes, on, 2020-01-01, 0b1, nULL]\n',
    ].join('\n'), {
      n: [null, null, null, null],
      b: [true, true, true, false, false],
      i: [15, -12, 3, 31],
      f: [1.5, 1000, 0.5, -Infinity, NaN],
      s: ['1_000', 'yes', 'on', '2020-01-01', '0b1', 'nULL'],
    }],
    ['flow collections', 'a: [1, "b", {c: d, e: [f]}]\nb: []\nc: {}\n', { a: [1, 'b', { c: 'd', e: ['f'] }], b: [], c: {} }],
    ['literal block scalars', 'a: |\n  x\n   y\n\nb: |-\n  x\n\nc: |+\n  x\n\nd: 1\n', { a: 'x\n y\n', b: 'x', c: 'x\n\n', d: 1 }],
    ['folded block scalars', 'a: >\n  x\n  y\n\n  z\n   more\n  w\nb: >-\n  p\n  q\n', { a: 'x y\nz\n more\nw\n', b: 'p q' }],
    ['a block scalar with a comment in its header and # lines in its body', 'run: | # script\n  # not a comment\n  echo\n', {
      run: '# not a comment\necho\n',
    }],
    ['a root scalar', '"just a string"\n', 'just a string'],
    ['a root flow sequence', '[1, 2]', [1, 2]],
  ];
  it.each(cases)('%s', (_label, text, expected) => {
    expect(fastParse(text)?.value).toStrictEqual(expected);
    expect(agrees(text)).toBe(true);
  });

  it('gives an empty or comment-only document a null root, as the library does', () => {
    for (const text of ['', '\n\n', '  \n', '# only a comment\n# another']) {
      expect(fastParse(text)).toEqual({ root: null, value: null });
      expect(parseDocument(text, OPTS).contents).toBeNull();
    }
  });

  it('places an empty value right after its colon (and its spaces), as the library does', () => {
    const text = 'a:\nb:   \nc: # note\nd: 1\n';
    const root = fastParse(text)?.root;
    if (root?.type !== 'map') throw new Error('expected a map');
    expect(root.pairs.map((p) => p.value && [p.value.start, p.value.end])).toEqual([[2, 2], [8, 8], [12, 12], [22, 23]]);
    expect(root.pairs.slice(0, 3).every((p) => p.value?.type === 'scalar' && p.value.value === null)).toBe(true);
    expect(agrees(text)).toBe(true);
  });

  it('ends collections where the library does, trailing comments included', () => {
    const texts = [
      'a:\n  b: 1\n    # deeper: part of the value\n  # same indent\nc: 2\n',
      'x:\n  a:\n    b: 1\n    # kept by the inner mapping\ny: 1\n',
      'x:\n  a:\n  - 1\n # passed up\n',
      'x:\n  a:\n  -\n  # belongs to the empty item\n',
      '- a\n# before the next item\n-\n',
      'a: |\n  x\n # after a block scalar\n',
      'a:\n  b: # empty, then a comment\n\n  # c\n',
      'a:\n- x\n# passed up by a sequence at column 0, whatever its indent\n',
    ];
    for (const text of texts) expect(agrees(text), text).toBe(true);
  });

  it('gives each node kind and offsets that point into the text', () => {
    const text = 'k: [a, "b"]\nl:\n  - |\n    t\n';
    const root = fastParse(text)?.root;
    if (root?.type !== 'map') throw new Error('expected a map');
    const [k, l] = root.pairs;
    expect(k.value?.type).toBe('seq');
    expect(text.slice(k.value!.start, k.value!.end)).toBe('[a, "b"]');
    expect(l.value?.type).toBe('seq');
    const item = l.value?.type === 'seq' ? l.value.items[0] : null;
    expect(item && text.slice(item.start, item.end)).toBe('|\n    t\n');
  });
});

describe('fastParse: everything else falls back to the library', () => {
  const fallbacks: [string, string][] = [
    ['tab', 'a:\tb\n'],
    ['CR', 'a: 1\r\nb: 2\r\n'],
    ['BOM', '\ufeffa: 1\n'],
    ['directive', '%YAML 1.2\n---\na: 1\n'],
    ['document start', '---\na: 1\n'],
    ['document end', 'a: 1\n...\n'],
    ['anchor', 'a: &x 1\n'],
    ['alias', 'a: *x\n'],
    ['tag', 'a: !!str 1\n'],
    ['complex key', '? a\n: b\n'],
    ['merge key', 'a: {x: 1}\n<<: {y: 2}\n'],
    ['__proto__ key', '__proto__: 1\n'],
    ['duplicate key', 'a: 1\na: 2\n'],
    ['duplicate key in a flow mapping', 'a: {b: 1, b: 2}\n'],
    ['non-string key', '1: a\n'],
    ['null key', '~: a\n'],
    ['multi-line plain scalar', 'a: b\n  c\n'],
    ['multi-line plain scalar after an empty line that lowers the indent', 'k:\n\n#c\n  a\nb: 1\n'],
    ['multi-line double-quoted scalar', 'a: "b\n  c"\n'],
    ['multi-line single-quoted scalar', "a: 'b\n  c'\n"],
    ['multi-line flow collection', 'a: [b,\n  c]\n'],
    ['block scalar indentation indicator', 'a: |2\n   x\n'],
    ['unsupported escape', 'a: "\\q"\n'],
    ['compact nested mapping (an error)', 'a: b: c\n'],
    ['sequence on a key line (an error)', 'a: - b\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['sequence item after a mapping value (an error)', 'a: 1\n- b\n'],
    ['comment without a space', 'a: "b"#c\n'],
    ['reserved indicator', 'a: @b\n'],
    ['pair in a flow sequence', '[a: b]\n'],
    ['trailing comma', '[a, ]\n'],
    ['flow key', '[a]: b\n'],
    ['`-` with its value on the next line', '-\n  a\n'],
    ['implicit key over 1024 characters', `${'k'.repeat(1100)}: v\n`],
  ];
  it.each(fallbacks)('%s', (_label, text) => {
    expect(fastParse(text)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

/** A line of comment, blank or trailing spaces inserted into YAML text, at a random place and indent. */
const decoration = fc.record({
  at: fc.nat(),
  indent: fc.nat({ max: 8 }),
  kind: fc.constantFrom('comment', 'tight comment', 'blank', 'spaces', 'trailing'),
});

function decorate(text: string, decorations: { at: number; indent: number; kind: string }[]): string {
  const lines = text.split('\n');
  for (const d of decorations) {
    const i = d.at % (lines.length + 1);
    const pad = ' '.repeat(d.indent);
    if (d.kind === 'comment') lines.splice(i, 0, `${pad}# c`);
    else if (d.kind === 'tight comment') lines.splice(i, 0, `${pad}#c`);
    else if (d.kind === 'blank') lines.splice(i, 0, '');
    else if (d.kind === 'spaces') lines.splice(i, 0, pad);
    else if (i < lines.length && lines[i] !== '') lines[i] += ` ${pad.slice(0, 2)}${d.indent % 2 ? '# t' : ''}`;
  }
  return lines.join('\n');
}

const tricky = [
  '', ' ', 'null', '~', 'True', '0o17', '0x1F', '1e3', '.5', '-0', '1_000', 'yes', 'a: b', 'a #b', '- x', '#c', 'x:', 'multi\nline',
  'trail\n', 'two\n\n', '\n lead', 'x\n  indented\nback', '${{ secrets.X }}', 'azureml:n:1', 'https://a/b#c', '"', "'", '\\', 'é☺',
  'a,b', '[x]', '{y}', '|', '>', '*a', '&a', '!t', '%d', '@a', '`b', '<<', '__proto__',
];
const scalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, 1.5, 1e21, NaN, Infinity, -Infinity, ...tricky),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 16 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', ':', '#', '-', '"', "'", '\\', '[', ','), maxLength: 20 }),
);
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'name', 'on', 'x y', 'k:v', '$schema', '-a', 'a#b', '"q"', '1', 'true', ' lead', 'a: b', '#'),
  fc.string({ maxLength: 6 }),
);
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
}));
const stringifyOptions: fc.Arbitrary<ToStringOptions & { version: '1.1' | '1.2' }> = fc.record({
  version: fc.constantFrom('1.1' as const, '1.2' as const),
  lineWidth: fc.constantFrom(0, 20, 40, 80),
  minContentWidth: fc.constantFrom(0, 5, 20),
  indent: fc.constantFrom(2, 3, 4),
  indentSeq: fc.boolean(),
  blockQuote: fc.constantFrom(true, false, 'literal' as const, 'folded' as const),
  defaultStringType: fc.constantFrom(...(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const)),
  defaultKeyType: fc.constantFrom(null, 'PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const),
  collectionStyle: fc.constantFrom('any' as const, 'block' as const, 'flow' as const),
  flowCollectionPadding: fc.boolean(),
  doubleQuotedAsJSON: fc.boolean(),
});

/**
 * Hand-shaped YAML: nested block mappings and sequences at random indents (sequences at their key's indent,
 * compact mappings and sequences), plain / quoted / flow / block scalars, empty values, and comment, blank and
 * whitespace-only lines at random indents. Driven by a list of random numbers so that fast-check can shrink it.
 */
const handYaml = fc.tuple(fc.array(fc.nat(999), { minLength: 120, maxLength: 120 }), fc.boolean()).map(([numbers, finalNewline]) => {
  let n = 0;
  const rnd = (k: number) => numbers[n++ % numbers.length] % k;
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)];
  const lines: string[] = [];
  const plains = ['a', 'b c', 'x:y', 'http://h/p#f', '${{ inputs.x }}', 'azureml:n:1', '1', '-2', '0x1f', '1.5', 'null', 'yes'];
  plains.push('a,b', 'q"q', "it's", '-x', 'a #b', 'a: b');
  const quoted = ['"d q"', "'s q'", '"e\\n\\u00e9"', "'it''s'", '""', '"#"', "': '", '"a\\"b"'];
  const flow = (): string => {
    const isMap = rnd(2) === 0;
    const items = Array.from({ length: rnd(4) }, (_, i) => {
      const v = rnd(5) === 0 ? '[x, {y: z}]' : rnd(3) ? pick(plains) : pick(quoted);
      return isMap ? `k${i}: ${v}` : v;
    });
    return isMap ? `{${items.join(', ')}}` : `[${items.join(', ')}]`;
  };
  const trailing = () => (rnd(4) === 0 ? `${' '.repeat(1 + rnd(2))}# t` : rnd(6) === 0 ? '  ' : '');
  const extra = () => {
    for (let k = rnd(5) === 0 ? 1 + rnd(3) : 0; k > 0; k--) {
      lines.push(pick([`${' '.repeat(rnd(10))}${rnd(3) ? '# c' : '#c'}`, '', ' '.repeat(1 + rnd(6))]));
    }
  };
  const blockScalar = (indent: number, prefix: string) => {
    lines.push(prefix + pick(['|', '>', '|-', '>-', '|+', '>+']) + (rnd(5) === 0 ? ' # h' : ''));
    const at = indent + 1 + rnd(3);
    for (let i = rnd(5); i > 0; i--) {
      const pad = ' '.repeat(at);
      lines.push(pick(['', ' '.repeat(rnd(at + 3)), `${pad}${' '.repeat(1 + rnd(2))}more`, `${pad}# in`, `${pad}text ${i}`]));
    }
  };
  const node = (indent: number, prefix: string, depth: number): void => {
    const r = depth > 3 ? 3 + rnd(4) : rnd(10);
    if (r <= 1) map(indent, prefix, depth);
    else if (r === 2) seq(indent, prefix, depth);
    else if (r === 3) blockScalar(indent, prefix);
    else if (r === 4) lines.push(prefix + flow() + trailing());
    else if (r === 5) lines.push(prefix + pick(quoted) + trailing());
    else lines.push(prefix + pick(plains) + trailing());
  };
  const map = (indent: number, prefix: string, depth: number) => {
    for (let i = 0, count = 1 + rnd(3); i < count; i++) {
      const name = `${pick(['a', 'k', '"q k"', "'s'", 'on', 'x y'])}${i}`;
      const keyLine = `${i === 0 ? prefix : ' '.repeat(indent)}${name}${rnd(8) === 0 ? ' ' : ''}:`;
      const r = rnd(10);
      if (r === 0) lines.push(keyLine + trailing());
      else if (r <= 3 && depth < 4) {
        lines.push(keyLine + trailing());
        extra();
        const d = rnd(3) === 0 ? 0 : 1 + rnd(3);
        if (d > 0 && rnd(2)) map(indent + d, ' '.repeat(indent + d), depth + 1);
        else if (d > 0 && rnd(2)) node(indent + d, ' '.repeat(indent + d), depth + 1);
        else seq(indent + d, ' '.repeat(indent + d), depth + 1);
      } else node(indent, `${keyLine} `, 9);
      extra();
    }
  };
  const seq = (indent: number, prefix: string, depth: number) => {
    for (let i = 0, count = 1 + rnd(3); i < count; i++) {
      const space = 1 + (rnd(4) === 0 ? rnd(3) : 0);
      const dash = `${i === 0 ? prefix : ' '.repeat(indent)}-`;
      const inner = indent + 1 + space;
      if (rnd(8) === 0) lines.push(dash + trailing());
      else if (depth < 4 && rnd(3) === 0) (rnd(2) ? map : seq)(inner, dash + ' '.repeat(space), depth + 1);
      else node(inner - 1, dash + ' '.repeat(space), depth + 1);
      extra();
    }
  };
  extra();
  node(0, '', 0);
  extra();
  return lines.join('\n') + (finalNewline ? '\n' : '');
});

const mutation = fc.record({
  pos: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'duplicate line', 'delete line', 'indent', 'dedent', 'comment line'),
  text: fc.constantFrom(...' :-#"\'\n|>[]{},x+&*!?\\'.split(''), '- ', ': ', ' #', '\n  ', '\n#'),
});

function mutate(text: string, m: { pos: number; kind: string; text: string }): string {
  const p = m.pos % (text.length + 1);
  const lineStart = text.lastIndexOf('\n', p - 1) + 1;
  const nl = text.indexOf('\n', p);
  const lineEnd = nl === -1 ? text.length : nl;
  switch (m.kind) {
    case 'insert':
      return text.slice(0, p) + m.text + text.slice(p);
    case 'delete':
      return text.slice(0, p) + text.slice(p + 1);
    case 'duplicate line':
      return `${text.slice(0, lineEnd)}\n${text.slice(lineStart, lineEnd)}${text.slice(lineEnd)}`;
    case 'delete line':
      return text.slice(0, lineStart) + text.slice(lineEnd + 1);
    case 'indent':
      return `${text.slice(0, lineStart)} ${text.slice(lineStart)}`;
    case 'dedent':
      return text[lineStart] === ' ' ? text.slice(0, lineStart) + text.slice(lineStart + 1) : text;
    default:
      return `${text.slice(0, lineStart)}${' '.repeat(p % 7)}# m\n${text.slice(lineStart)}`;
  }
}

describe('fastParse properties (the library is the oracle)', () => {
  /** Runs a property over texts, asserting agreement, and returns the share the fast path handled. */
  function handledShare<T>(arb: fc.Arbitrary<T>, toText: (v: T) => string | undefined): number {
    let seen = 0;
    let handled = 0;
    fc.assert(
      fc.property(arb, (v) => {
        const text = toText(v);
        if (text === undefined) return;
        seen++;
        if (agrees(text)) handled++;
      }),
      { numRuns: 300 },
    );
    return handled / seen;
  }

  it('agrees on values the library serialises in every style, with comments and blank lines inserted', () => {
    const arb = fc.tuple(jsonValue, stringifyOptions, fc.array(decoration, { maxLength: 4 }), fc.boolean());
    const share = handledShare(arb, ([v, options, decs, plain]) => {
      let text: string;
      try {
        text = stringify(v, options);
      } catch {
        return undefined; // options the library itself refuses for this value
      }
      return plain ? text : decorate(text, decs);
    });
    // measured: 81-85% (the rest: mostly flow collections and quoted scalars folded over lines by a small lineWidth)
    expect(share).toBeGreaterThan(0.65);
  });

  it('agrees on hand-shaped YAML with comments at every indent', () => {
    // measured: 74-78% (the rest are mostly errors the generator makes on purpose)
    expect(handledShare(handYaml, (t) => t)).toBeGreaterThan(0.6);
  });

  it('agrees on corpus files after small random edits', () => {
    const arb = fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    const share = handledShare(arb, ([i, ms]) =>
      ms.reduce(mutate, corpus[i].text),
    );
    // measured: 47-55% (most edits break the YAML or leave the subset)
    expect(share).toBeGreaterThan(0.3);
  });
});
