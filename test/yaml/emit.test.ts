import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Document, isScalar, parse, Scalar } from 'yaml';
import { EXTRAS, FRAMEWORKS, SERVINGS, TARGETS } from '../../src/spec/ids.js';
import { parseSpec, SpecError } from '../../src/spec/schema.js';
import { Folded, folded, toYaml } from '../../src/yaml/emit.js';
import { tree } from '../helpers/tree.js';

/*
 * The oracle is the `yaml` library configured as src/plan/yaml.ts configures it (copied below, so that
 * these tests keep comparing with it once the callers import this emitter instead).
 */

// Every toYaml call that generate() makes, through src/plan/yaml.ts today or src/yaml/emit.ts after the switch.
const { recorded, recording } = vi.hoisted(() => {
  const recorded = { on: false, calls: [] as Array<{ args: unknown[]; result: string; via: string }> };
  const recording = (via: string) => async (importOriginal: () => Promise<Record<string, unknown>>) => {
    const m = await importOriginal();
    const real = m.toYaml as (...args: unknown[]) => string;
    const toYaml = (...args: unknown[]) => {
      const result = real(...args);
      if (recorded.on) recorded.calls.push({ args, result, via });
      return result;
    };
    return { ...m, toYaml };
  };
  return { recorded, recording };
});
vi.mock('../../src/plan/yaml.js', recording('plan'));
vi.mock('../../src/yaml/emit.js', recording('emit'));

function oracle(value: unknown, header?: string): string {
  const doc = new Document(toLibrary(value), { aliasDuplicateObjects: false, version: '1.1' });
  if (header) doc.commentBefore = header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Folded → the library's folded Scalar, as src/plan/yaml.ts's folded() builds it. */
function toLibrary(v: unknown): unknown {
  if (v instanceof Folded) return Object.assign(new Scalar(v.text), { type: Scalar.BLOCK_FOLDED });
  if (Array.isArray(v)) return v.map(toLibrary);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toLibrary(x)]));
  return v;
}

/** A recorded argument, whichever folded() made it, in this emitter's terms. */
function fromRecorded(v: unknown): unknown {
  if (isScalar(v)) return folded(String(v.value));
  if (v instanceof Folded) return v;
  if (Array.isArray(v)) return v.map(fromRecorded);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromRecorded(x)]));
  return v;
}

/** What a reader should get back: folded text as a string, keys with undefined values left out. */
function readBack(v: unknown): unknown {
  if (v instanceof Folded) return v.text;
  if (Array.isArray(v)) return v.map(readBack);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, readBack(x)]));
  return v;
}

describe('byte-identical to the oracle on every document init generates', () => {
  function specs(): Array<Record<string, unknown>> {
    const accepted = (fields: Record<string, unknown>) => {
      try {
        parseSpec({ name: 'demo', ...fields });
        return true;
      } catch (e) {
        if (e instanceof SpecError) return false;
        throw e;
      }
    };
    const out: Array<Record<string, unknown>> = [];
    for (const framework of FRAMEWORKS) for (const target of TARGETS) for (const serving of SERVINGS) {
      const base = { framework, target, serving };
      if (!accepted(base)) continue;
      const extras = EXTRAS.filter((id) => accepted({ ...base, extras: [id] }));
      const variants = [{}, ...extras.map((id) => ({ extras: [id] })), { extras }, { nodes: 2 }, { compute: 'serverless' }, { device: 'cpu' },
        { ci: 'none', workspace: 'ws-1', resourceGroup: 'rg-1', k8sCompute: 'aks', deployInstanceType: 'Standard_F4s_v2' }];
      out.push(...variants.map((v) => ({ ...base, ...v })).filter(accepted));
    }
    return out;
  }

  it('matches on the exact toYaml arguments of every framework × target × serving, with extras and options', () => {
    recorded.calls.length = 0;
    recorded.on = true;
    const all = specs();
    try {
      for (const fields of all) tree(fields);
    } finally {
      recorded.on = false;
    }
    expect(all.length).toBeGreaterThan(150);
    const schemas = new Set<string>();
    for (const { args, result, via } of recorded.calls) {
      const [value, header] = [fromRecorded(args[0]), args[1] as string | undefined];
      const expected = oracle(value, header);
      if (via === 'plan') expect(result, 'the copied oracle is src/plan/yaml.ts').toBe(expected);
      expect(toYaml(value, header)).toBe(expected);
      schemas.add(String((value as Record<string, unknown>).$schema ?? 'conda'));
    }
    // Every kind of document was compared: conda, environment, jobs, sweeps, each endpoint and deployment,
    // and the pipeline's components, data asset and schedules.
    expect(recorded.calls.length).toBeGreaterThan(all.length * 4);
    expect([...schemas].map((s) => s.replace(/.*\/|\.schema\.json$/g, '')).sort()).toEqual([
      'batchEndpoint', 'commandComponent', 'commandJob', 'conda', 'data', 'environment', 'kubernetesOnlineDeployment',
      'kubernetesOnlineEndpoint', 'managedOnlineDeployment', 'managedOnlineEndpoint', 'modelBatchDeployment',
      'monitorSchedule', 'pipelineJob', 'schedule', 'sweepJob',
    ]);
  });
});

// Runs per property; EMIT_RUNS=20000 for a deeper search (about 20 s).
const RUNS = Number(process.env.EMIT_RUNS ?? 300);

// Strings that a reader could take for something else, or that break structure.
const SPECIAL = [
  '', ' ', '  ', 'yes', 'Yes', 'YES', 'yEs', 'no', 'No', 'NO', 'nO', 'y', 'Y', 'n', 'N', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'nULL', '~', '<<', '=', '!', '&', '*',
  '1_000', '0x1f', '0X1F', '0o7', '017', '0b101', '1:20', '-1:20', '1:20.5', '190:20:30', '1:60', '.inf', '-.inf', '+.INF', '.Inf', '.nan', '.NaN',
  '1e3', '1E3', '1.5e-3', '1.e+3', 'e5', '+e5', '.e5', '+1', '-1', '+.5', '.5', '1.', '.', '-.', '+', '-', '0', '00', '1.5', '0.001', '1e-5', '-0', '1.2.3',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43Z', '2002-1-1', '2001-12-14 x',
  '-x', '- x', '?x', '? x', ':x', ': x', 'a:', 'a: b', 'a:b', 'a #b', 'a#b', '#c', ',a', '[a]', '{a: 1}', '|', '>', '>-', "'a", '"a', 'a"b', "a'b", `a'"b`,
  '%YAML 1.1', '@a', '`a', '!!str', '&x', '*x', '---', '...', '... x', '--- x', 'a ', ' a', 'a\tb', '\ta', 'a\t', 'a\nb', '\n', 'a\n', '\na', 'a \n b',
  '\r', 'a\r\nb', '\0', '\x07', '\x1b', '\x7f', '\x85', 'a\x85b', '\x9f', '\xa0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udfff',
  'a\ud800b', '\udc00\ud800', '😀', '\\', '\\n', '"', "'", '\'"', '__proto__', 'constructor', '16g', '1Gi', 'nvidia.com/gpu', '${{inputs.x}}', 'azureml:x@latest',
];
const HOSTILE_CHARS = [' ', ':', '#', '-', '?', '"', "'", '\\', '\n', '\t', '\r', '\x85', '\u2028', '\u2029', '\ufeff', '\uffff', '\ud800', '\udc00', '\0',
  '0', '1', '.', 'e', '_', ',', '[', '{', '%', '@', '`', '!', '&', '*', '|', '>', '~', 'y', 'n', 'o', 'x', '+'];

const hostileString = fc.oneof(
  fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 })), maxLength: 10 }),
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: fc.constantFrom(...'0123456789._:+-eExobINFaN'), maxLength: 8 }), // number-like
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }), fc.constantFrom('', 'T1:2:3', ' 10:20:30.5 +1'))
    .map(([y, m, d, t]) => `${String(y).padStart(4, '0')}-${m}-${d}${t}`), // timestamp-like
  fc.string({ unit: 'binary' }),
);
const finiteNumber = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.001, 1.5, 1e-5, 1e-7, 1e21, 5e-324, -0, Number.MAX_VALUE));

function values(str: fc.Arbitrary<string>, leaf: fc.Arbitrary<unknown>) {
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(str, fc.option(tie('value'), { nil: undefined, freq: 6 }), { maxKeys: 4 }),
  })).value;
}
const hostileValue = values(hostileString, fc.oneof(hostileString, hostileString.map(folded), finiteNumber, fc.boolean(), fc.constant(null)));

describe('any value reads back the same', () => {
  it('with the yaml library, as YAML 1.2 and as YAML 1.1', () => {
    fc.assert(
      fc.property(hostileValue, (v) => {
        const text = toYaml(v);
        expect(parse(text)).toEqual(readBack(v));
        expect(parse(text, { version: '1.1' })).toEqual(readBack(v));
      }),
      { numRuns: RUNS },
    );
  });

  it('with long keys, which need the explicit `? key` form past 1024 characters', () => {
    for (const key of ['k'.repeat(1024), 'k'.repeat(1025), `${'k'.repeat(1021)}: x`, `${'k'.repeat(1022)}: x`]) {
      for (const value of [1, { a: [1, 'b'] }, [folded('c d'), []], {}]) {
        const text = toYaml({ [key]: value, after: 1 });
        expect(text.startsWith('? '), key).toBe(key.length + (key.includes(':') ? 2 : 0) > 1024);
        expect(text, key).toBe(oracle({ [key]: value, after: 1 }));
        expect(parse(text)).toEqual(readBack({ [key]: value, after: 1 }));
      }
    }
  });

  const python = '/usr/bin/python3';
  let pyyamlMissing = 'no PyYAML';
  try {
    execFileSync(python, ['-c', 'import yaml'], { stdio: 'ignore' });
    pyyamlMissing = '';
  } catch {
    pyyamlMissing = `${python} cannot import yaml (PyYAML), so the YAML 1.1 reader of the az CLI is not checked`;
  }

  /** Indices of the documents PyYAML's safe_load does not read back as exactly (type and value) the expected JSON value. */
  function pyyamlMismatches(cases: Array<{ yaml: string; value: unknown }>): Array<[number, string]> {
    const dir = mkdtempSync(join(tmpdir(), 'emit-pyyaml-'));
    try {
      const file = join(dir, 'cases.json');
      writeFileSync(file, JSON.stringify(cases));
      const script = `
import json, sys, yaml
def same(a, b):
    if type(a) is not type(b): return False
    if isinstance(a, list): return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict): return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b
bad = []
for i, c in enumerate(json.load(open(sys.argv[1], encoding='utf-8'))):
    try:
        got = yaml.safe_load(c['yaml'])
    except Exception as e:
        bad.append([i, 'error: %s' % type(e).__name__]); continue
    if not same(got, c['value']): bad.append([i, repr(got)])
print(json.dumps(bad))`;
      return JSON.parse(execFileSync(python, ['-c', script, file], { encoding: 'utf8' })) as Array<[number, string]>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.skipIf(pyyamlMissing !== '')(`with PyYAML (YAML 1.1, as the az CLI reads it)${pyyamlMissing ? `: skipped, ${pyyamlMissing}` : ''}`, () => {
    const seed = Date.now();
    const fixed = [...SPECIAL.map((s) => ({ [s]: s, list: [s] })), { numbers: [0, 1, -1, 0.001, 1.5, 1e-5, 1e-7, 2.5e-8, 1e21, 1.5e300, 5e-324, -0, 2 ** 53 + 2] }];
    const inputs = [...fixed, ...fc.sample(hostileValue, { numRuns: RUNS, seed })];
    const bad = pyyamlMismatches(inputs.map((v) => ({ yaml: toYaml(v), value: readBack(v) })));
    expect(bad.map(([i, got]) => ({ input: inputs[i], yaml: toYaml(inputs[i]), got })), `fast-check seed ${seed}`).toEqual([]);
  });

  it.skipIf(pyyamlMissing !== '')('with PyYAML where the oracle fails: the cases this emitter writes differently', () => {
    // The oracle writes these plain (or 1e-7 without a dot), and PyYAML rejects or misreads them.
    const cases = [{ v: '=' }, { v: '<<' }, { v: 'a\tb' }, { v: 'x\x85y' }, { v: 'x\u2028y' }, { v: '\x7f' }, { v: 1e-7 }, { v: 1e21 }];
    const fails = (emit: (v: unknown) => string) => pyyamlMismatches(cases.map((v) => ({ yaml: emit(v), value: v }))).map(([i]) => i);
    expect(fails((v) => oracle(v))).toEqual(cases.map((_, i) => i));
    expect(fails((v) => toYaml(v))).toEqual([]);
  });
});

describe('same output as the oracle for ordinary values', () => {
  // Strings both quote the same way (or both leave plain): everything but the differences listed below.
  const ordinary = fc.oneof(
    fc.constantFrom('a', 'demo', 'x y', 'a: b', 'a #b', 'a#b', 'a:b', 'yes', 'Y', 'no', 'off', 'true', 'null', '~', '', ' ', ' a', 'a ', '"q"', "it's", 'a"b', `a'"b`,
      '1', '1.5', '0x1f', '017', '1_000', '1:20', 'e5', '.', '.inf', '2001-12-14', '2001-12-14 x', 'nvidia.com/gpu', '${{inputs.x}}', 'python=3.10',
      '16g', '#c', '@a', '%a', '`a', '[a]', '{a}', ',a', '!a', '&a', '*a', '|a', '>a', "'a", '\0', 'x\x1b', 'é ü', '😀', '\\'),
    fc.stringMatching(/^[a-z][a-z0-9_./=-]{0,12}$/),
    fc.stringMatching(/^[0-9][0-9a-fx._:-]{0,6}$/),
  );
  const ordinaryKey = fc.oneof(ordinary, fc.constant('k'.repeat(1100)));
  const leaf = fc.oneof(ordinary, fc.constantFrom('python train.py --x ${{inputs.x}}', 'a: b #c', '- x', '"q" it', 'é').map(folded),
    fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !String(d).includes('e')), fc.boolean(), fc.constant(null));
  const header = fc.option(fc.array(fc.constantFrom('Line one.', 'Submit with: az ml job create -f x.yml', '', '  indented #x  '), { minLength: 1, maxLength: 4 })
    .map((lines) => lines.join('\n')).filter((h) => h.trim() !== ''), { nil: undefined });

  it('byte for byte, nesting, empty collections, quoting style, explicit keys and headers included', () => {
    fc.assert(
      // A folded() document is the one structural difference (see below).
      fc.property(values(ordinaryKey, leaf).filter((v) => !(v instanceof Folded)), header, (v, h) => {
        expect(toYaml(v, h)).toBe(oracle(v, h));
      }),
      { numRuns: RUNS },
    );
  });

  it('writes nested collections and folded text where the library does', () => {
    const doc = { a: null, b: [null, [], {}, [1, [2, 3], { x: 1, y: [4] }]], c: { d: {} }, e: folded('cmd --x ${{inputs.x}}'), g: [folded('y z')], h: [[folded('q')]] };
    expect(toYaml(doc)).toBe(
      'a: null\nb:\n  - null\n  - []\n  - {}\n  - - 1\n    - - 2\n      - 3\n    - x: 1\n      "y":\n        - 4\nc:\n  d: {}\n' +
        'e: >-\n  cmd --x ${{inputs.x}}\ng:\n  - >-\n    y z\nh:\n  - - >-\n      q\n',
    );
    expect(toYaml(doc)).toBe(oracle(doc));
  });

  it('writes the header as # lines and a blank line', () => {
    expect(toYaml({ a: 1 }, 'Training job.\n\nSecond line ')).toBe('# Training job.\n\n# Second line \n\na: 1\n');
    expect(toYaml({ a: 1 }, 'one\n')).toBe(oracle({ a: 1 }, 'one\n'));
    expect(toYaml({ a: 1 }, '')).toBe('a: 1\n');
  });

  it('leaves out keys whose value is undefined, as the library does', () => {
    expect(toYaml({ a: undefined, b: 1, c: { d: undefined } })).toBe('b: 1\nc: {}\n');
    expect(toYaml({ a: undefined })).toBe(oracle({ a: undefined }));
  });
});

describe('where this emitter differs from the oracle (never in generated documents)', () => {
  // [value, how this emitter writes it, how the oracle writes it]: always quoted or escaped where the oracle is not.
  const cases: Array<[unknown, string, string]> = [
    ['?x', '"?x"', '?x'], // valid plain in both versions; quoted anyway, as an indicator at the start
    ['---x', '"---x"', '---x'], // a document start marker at the start of a line
    [':x', '":x"', ':x'],
    ['...', '"..."', '...'], // a document end marker at the start of a line
    ['yEs', '"yEs"', 'yEs'], // booleans and null in any case
    ['0o7', '"0o7"', '0o7'], // an int in YAML 1.2 core
    ['=', '"="', '='], // PyYAML's value key, which safe_load rejects
    ['<<', '"<<"', '<<'], // PyYAML's merge key
    ['a\tb', '"a\\tb"', 'a\tb'], // a tab ends a plain scalar in PyYAML
    ['x\x85y', '"x\\Ny"', '"x\x85y"'], // U+0085, U+2028, U+2029 are line breaks in YAML 1.1, even inside quotes
    ['x\u2028y', '"x\\Ly"', 'x\u2028y'],
    ['\x7f"', '"\\x7f\\""', '"\x7f\\""'], // unprintable in YAML, rejected by PyYAML: escaped
    ['\ufeffx', '"\\ufeffx"', '\ufeffx'],
    ['a\nb', '"a\\nb"', '|-\n  a\n  b'], // multi-line strings stay on one line
    [1e-7, '1.0e-7', '1e-7'], // PyYAML's floats need a dot: 1e-7 would read as a string
    [1e21, '1.0e+21', '1e+21'],
    [folded(' x'), '" x"', '>2-\n   x'], // folded text that is not one line without edge spaces is quoted
    [folded('a\nb'), '"a\\nb"', '>-\n  a\n\n  b'],
    [folded('a\tb'), '"a\\tb"', '>-\n  a\tb'],
  ];
  it.each(cases)('%j', (value, ours, theirs) => {
    expect(toYaml({ v: value })).toBe(`v: ${ours}\n`);
    expect(oracle({ v: value })).toBe(`v: ${theirs}\n`);
    expect(parse(toYaml({ v: value }), { version: '1.1' })).toEqual({ v: readBack(value) });
  });

  it('quotes a folded() document instead of writing a root block', () => {
    expect(toYaml(folded('a b'))).toBe('a b\n');
    expect(toYaml(folded('...'))).toBe('"..."\n');
  });
});

describe('refuses what is not a plain value', () => {
  class Thing {}
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = { back: circular };
  it.each([
    [{ a: [1, undefined] }, /cannot write undefined at a\[1\]/],
    [{ a: [1, , 2] }, /cannot write undefined at a\[1\]/],
    [{ f: () => 1 }, /cannot write a function at f/],
    [{ n: NaN }, /cannot write NaN at n/],
    [{ n: [Infinity] }, /cannot write Infinity at n\[0\]/],
    [{ n: -Infinity }, /cannot write -Infinity/],
    [{ m: new Map() }, /cannot write a Map at m/],
    [{ d: new Date(0) }, /cannot write a Date at d/],
    [{ t: new Thing() }, /cannot write a Thing at t/],
    [{ b: 1n }, /cannot write a bigint at b/],
    [{ s: Symbol('s') }, /cannot write a symbol at s/],
    [undefined, /cannot write undefined at the top level/],
    [circular, /circular reference at self.back/],
    [{ x: folded(1 as unknown as string) }, /folded\(\) text at x is not a string/],
  ])('%#: %s', (value, message) => {
    expect(() => toYaml(value)).toThrow(message);
  });

  it('refuses a header with unprintable characters, and splits it on every YAML line break', () => {
    expect(() => toYaml({}, 'a\0b')).toThrow(/header/);
    expect(toYaml({}, 'a\rb\x85c\u2028d')).toBe('# a\n# b\n# c\n# d\n\n{}\n');
  });

  it('accepts objects without a prototype and repeated (not circular) objects', () => {
    const shared = { x: 1 };
    const bare = Object.assign(Object.create(null) as object, { a: shared, b: shared });
    expect(toYaml(bare)).toBe('a:\n  x: 1\nb:\n  x: 1\n');
  });
});
