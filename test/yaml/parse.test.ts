// validate reads YAML as the Azure CLI does: PyYAML's safe_load (YAML 1.1). Compared here against
// the real PyYAML (Debian python3-yaml) on a table of tricky scalars and documents.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_EXPANDED_NODES, parseSource } from '../../src/azureml/source.js';

const PYTHON = '/usr/bin/python3';

const SCALARS = [
  // booleans: yes/no/on/off in three casings, not y/n
  'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'TRUE', 'false', 'FALSE',
  'y', 'Y', 'n', 'N', 'yEs', 'tRUE',
  // null
  '~', 'null', 'Null', 'NULL', 'nULL', '',
  // integers: decimal, underscores, octal with a leading 0, binary, hex, sexagesimal
  '0', '-0', '+1', '42', '1_000', '1__0', '017', '-017', '08', '0o17', '0b11', '+0b1', '0b', '0x1F', '-0x1f', '0x_1',
  '1:20', '-1:20', '190:20:30', '0:20', '1:60', '1:5',
  // floats: need a dot; a signed exponent; leading-dot only unsigned
  '1.5', '1.', '0.', '.5', '-.5', '+.5', '1e3', '1E3', '1.0e3', '1.0e+3', '1.0E-3', '-1.5e+2', '1_0.5', '.inf', '-.inf', '+.INF', '.Inf',
  '.nan', '.NaN', '.NAN', '1:20.5', '12e', '1.2.3',
  // timestamps: date-only needs two-digit month and day
  '2024-01-02', '2024-1-2', '2024-01-02T10:00:00Z', '2024-01-02 10:00:00', '2024-01-02t10:00:00.5+02:00', '2024-1-2T1:00:00',
  // strings that look like something else
  '"yes"', "'1e3'", 'v1.0', '1.0.0', '=x', 'latest', '@latest', 'azureml:env:1', '${{inputs.x}}', '0.1.2', '3.10', '3.9',
];

/** JSON that both sides can produce: dates as epoch milliseconds (naive times read as UTC), NaN/inf spelled out. */
function normalise(v: unknown): unknown {
  if (v instanceof Date) return { $date: v.getTime() };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $float: String(v) };
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

const PY = `
import datetime, json, math, sys, yaml
def norm(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None: v = v.replace(tzinfo=datetime.timezone.utc)
        return {"$date": round(v.timestamp() * 1000)}
    if isinstance(v, datetime.date):
        return {"$date": round(datetime.datetime(v.year, v.month, v.day, tzinfo=datetime.timezone.utc).timestamp() * 1000)}
    if isinstance(v, float) and not math.isfinite(v):
        return {"$float": "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")}
    if isinstance(v, dict): return {key(k): norm(x) for k, x in v.items()}
    if isinstance(v, list): return [norm(x) for x in v]
    return v
def key(k):
    if k is None: return "null"
    if isinstance(k, bool): return "true" if k else "false"
    return str(k)
out = []
for text in json.load(sys.stdin):
    try: out.append(norm(yaml.safe_load(text)))
    except Exception as e: out.append({"$error": type(e).__name__})
print(json.dumps(out))
`;

function pyyaml(texts: string[]): unknown[] {
  return JSON.parse(execFileSync(PYTHON, ['-c', PY], { input: JSON.stringify(texts), encoding: 'utf8' })) as unknown[];
}

const hasPyYaml = existsSync(PYTHON) && (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import yaml'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasPyYaml)('YAML scalars resolve as PyYAML safe_load resolves them', () => {
  const texts = SCALARS.map((s) => `k: ${s}\n`);
  const expected = hasPyYaml ? pyyaml(texts) : [];

  it.each(SCALARS.map((s, i) => [s, i] as const))('%j', (_s, i) => {
    const src = parseSource(texts[i]);
    // where PyYAML refuses the text (`@` is reserved), so must we
    if ((expected[i] as { $error?: string })?.$error) expect(src.errors).not.toEqual([]);
    else expect(normalise(src.value)).toEqual(expected[i]);
  });

  it('agrees on documents: merge keys, anchors, keys that are booleans or numbers, block scalars', () => {
    const docs = [
      'base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n',
      'one: &o {a: 1}\ntwo: &t {a: 2, c: 3}\nx:\n  <<: [*o, *t]\n  d: 4\n',
      'on: push\n2: two\n1.5: x\n~: nil\n',
      'cmd: >\n  python train.py\n  --lr 0.1\nscript: |\n  a\n  b\n',
      'list: [1e3, 1.0e+3, 0b11, 017, no, y]\n',
      'e: &e x\nf: [*e, *e]\n',
    ];
    expect(docs.map((d) => normalise(parseSource(d).value))).toEqual(pyyaml(docs));
  });
});

describe('aliases', () => {
  it('shares an anchor between 8,000 aliases, expanding nothing twice', () => {
    const text = `base: &b {instance_type: Standard_DS3_v2, n: [1, 2, 3]}\nitems:\n${'  - *b\n'.repeat(8000)}`;
    const src = parseSource(text);
    expect(src.errors).toEqual([]);
    const items = (src.value as { items: unknown[] }).items;
    expect(items).toHaveLength(8000);
    expect(new Set(items).size).toBe(1); // one shared value, as PyYAML builds it
  });

  it('refuses aliases that expand beyond the bound (billion laughs), at the first alias', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0; i < 9; i++) text += `l${i}: &l${i} [${Array(10).fill(i ? `*l${i - 1}` : '*a').join(', ')}]\n`;
    const src = parseSource(text);
    expect(src.value).toBeUndefined();
    expect(src.errors).toEqual([{ message: expect.stringContaining(`more than ${MAX_EXPANDED_NODES} nodes`), pos: { line: 2, column: 10 }, hostile: true }]);
  });

  it('reports an alias that refers to its own ancestor instead of looping', () => {
    const src = parseSource('a: &a [1, *a]\n');
    expect(src.errors[0]?.message).toMatch(/alias/);
  });
});
