// Second opinion on disputed corpus files: the official loader (Debian python3-azure, azure-ai-ml 1.4.0,
// with the pydash stand-in in test/oracle/pydash), run offline. corpus-expectations.json
// records its verdict in `oracle` for the files validate rejects; this test keeps those records honest.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesRoot, repoRoot } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const env = { ...process.env, PYTHONPATH: join(repoRoot, 'test', 'oracle'), PYTHONWARNINGS: 'ignore' };

const LOADER = `
import json, sys, warnings
warnings.simplefilter("ignore")
from azure.ai.ml import load_job, load_online_deployment, load_component
out = {}
for kind, path in json.load(sys.stdin):
    load = load_online_deployment if kind.endswith("OnlineDeployment") else load_component if kind.endswith("Component") else load_job
    try:
        entity = load(path)
        result = getattr(entity, "_validate", None)
        ok = result is None or result().passed
        out[path] = "accepts" if ok else "rejects"
    except Exception as e:
        out[path] = "rejects"
print(json.dumps(out))
`;

const available = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import azure.ai.ml'], { env, stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

const expectations = JSON.parse(readFileSync(join(import.meta.dirname, 'corpus-expectations.json'), 'utf8')) as Record<string, { kind: string; oracle?: string }>;
const judged = Object.entries(expectations).filter(([, e]) => e.oracle);

describe.runIf(available)('official loader (azure-ai-ml 1.4.0) on the files validate rejects', () => {
  it('gives the verdict recorded for each', () => {
    expect(judged.length).toBeGreaterThan(0);
    const input = JSON.stringify(judged.map(([p, e]) => [e.kind, join(examplesRoot, p)]));
    const out = JSON.parse(execFileSync(PYTHON, ['-c', LOADER], { env, input, encoding: 'utf8', timeout: 120_000 })) as Record<string, string>;
    expect(Object.fromEntries(judged.map(([p]) => [p, out[join(examplesRoot, p)]]))).toEqual(Object.fromEntries(judged.map(([p, e]) => [p, e.oracle])));
  }, 180_000);
});
