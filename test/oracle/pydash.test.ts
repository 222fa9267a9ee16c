/** The pydash stand-in behaves as pydash does for the three calls azure-ai-ml 1.4.0 makes. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR, ORACLE_PYTHON } from './oracle.js';

const script = `
import json
import pydash
from pydash import objects
d = {"a": {"b": 1}, "l": [10, 20]}
out = {
  "get": pydash.get(d, "a.b"), "get_list": pydash.get(d, "l.1"), "get_missing": pydash.get(d, "a.x.y", "dflt"),
  "get_keys": pydash.get(d, ["a", "b"]),
}
objects.set_(d, "a.c.d", 2)
objects.set_(d, "top", 3)
out["set"] = d
out["omit"] = pydash.omit({"x": 1, "y": 2, "z": 3}, ["x", "z"])
out["omit_args"] = pydash.omit({"x": 1, "y": 2}, "x")
print(json.dumps(out, sort_keys=True))
`;

describe('pydash stand-in', () => {
  it('get, set_ and omit', async () => {
    const r = await execa(ORACLE_PYTHON, ['-c', script], { env: { PYTHONPATH: ORACLE_DIR }, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      get: 1, get_list: 20, get_missing: 'dflt', get_keys: 1,
      set: { a: { b: 1, c: { d: 2 } }, l: [10, 20], top: 3 },
      omit: { y: 2 }, omit_args: { y: 2 },
    });
  });
});
