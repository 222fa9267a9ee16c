/**
 * External oracles: every Azure ML file generated across the option matrix loads with the official
 * azure-ai-ml loaders (Debian python3-azure, 1.4.0, with our pydash stand-in), except the fields that
 * SDK predates, listed once in sdk_1_4_exceptions.json with the docs that define them. And every
 * generated YAML file reads the same with PyYAML's safe_load (what the Azure CLI uses) as with the
 * `yaml` library our tests parse with.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixSpecs, projects } from './matrix.js';
import { kindOf, loadWithSdk, ORACLE_DIR, sdkAvailable, type Verdict } from './oracle.js';

const available = await sdkAvailable();
if (!available && process.env.CI) throw new Error('CI needs python3-azure and python3-yaml for /usr/bin/python3 (see .ci/run)');

/** Files Azure ML reads as assets or jobs: each must carry a $schema the loader can be chosen by. */
const azureMlFile = (path: string) => /^(jobs\/[^/]+|deploy\/[^/]+|environment\/environment)\.ya?ml$/.test(path);
const yamlFile = (path: string) => /\.ya?ml$/.test(path);

describe.skipIf(!available)('generated projects against azure-ai-ml 1.4.0 and PyYAML', () => {
  const root = mkdtempSync(join(tmpdir(), 'aml-oracle-'));
  const specs = matrixSpecs();
  const requests: Array<{ path: string; kind: string; rel: string; text: string; label: string }> = [];
  let verdicts: Verdict[] = [];

  beforeAll(async () => {
    const seen = new Set<string>();
    projects(specs).forEach(({ spec, tree }, i) => {
      const dir = join(root, String(i));
      const label = JSON.stringify({ ...spec, name: undefined });
      for (const [rel, content] of tree) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
      }
      for (const [rel, content] of tree) {
        if (!yamlFile(rel) || typeof content !== 'string') continue;
        // Identical files are loaded once (the same content at the same place in the project).
        const key = `${rel}\0${content}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const kind = azureMlFile(rel) ? (kindOf(content) ?? 'unknown') : 'yaml';
        requests.push({ path: join(dir, rel), kind, rel, text: content, label });
      }
    });
    verdicts = await loadWithSdk(requests.map(({ path, kind }) => ({ path, kind })));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('covers the matrix', () => {
    // 5 frameworks x valid targets and servings, plus extras, serverless, multi-node and device variants.
    expect(specs.length).toBeGreaterThan(60);
    const kinds = new Set(requests.map((r) => r.kind));
    for (const k of ['commandJob', 'sweepJob', 'environment', 'managedOnlineEndpoint', 'managedOnlineDeployment',
      'kubernetesOnlineEndpoint', 'kubernetesOnlineDeployment', 'batchEndpoint', 'modelBatchDeployment']) {
      expect(kinds, k).toContain(k);
    }
    console.log(`oracle: ${specs.length} projects, ${requests.filter((r) => r.kind !== 'yaml').length} distinct Azure ML files loaded by azure-ai-ml, ${requests.length} distinct YAML files read by PyYAML`);
  });

  it('every Azure ML file has a $schema naming its kind', () => {
    expect(requests.filter((r) => r.kind === 'unknown').map((r) => `${r.label} ${r.rel}`)).toEqual([]);
  });

  it('every Azure ML file loads with the official loader (only the listed 1.4.0 exceptions removed)', () => {
    const failures = verdicts
      .map((v, i) => ({ v, r: requests[i] }))
      .filter(({ v }) => v.kind !== 'yaml' && !v.ok)
      .map(({ v, r }) => `${r.rel} (${r.label}): ${v.error}`);
    expect(failures).toEqual([]);
  });

  it('applies nothing beyond the exceptions list, and every listed exception is needed', () => {
    const table = JSON.parse(readFileSync(join(ORACLE_DIR, 'sdk_1_4_exceptions.json'), 'utf8')) as {
      exceptions: Array<{ kinds: string[]; path: string; doc: string; why: string }>;
    };
    for (const e of table.exceptions) expect(e.doc, e.path).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    const uses = verdicts.flatMap((v) => v.applied.map((p) => `${v.kind}:${p}`));
    const used = new Set(uses);
    const counts = Object.fromEntries([...used].map((u) => [u, uses.filter((x) => x === u).length]));
    console.log(`oracle: 1.4.0 exceptions applied (kind:field → files): ${JSON.stringify(counts)}`);
    for (const e of table.exceptions) {
      expect(e.kinds.some((k) => used.has(`${k}:${e.path}`)), `exception ${e.path} is never used`).toBe(true);
    }
  });

  it('PyYAML (safe_load) reads every generated YAML file as the yaml library does', () => {
    const diffs: string[] = [];
    verdicts.forEach((v, i) => {
      const r = requests[i];
      let ours = parse(r.text) as unknown;
      let theirs = v.yaml;
      if (r.rel.startsWith('.github/workflows/')) {
        // GitHub's parser is not PyYAML: PyYAML (YAML 1.1) reads the trigger key `on` as the boolean true.
        // Only that key is mapped back; every other value must match.
        const t = theirs as Record<string, unknown>;
        if ('true' in t) theirs = Object.fromEntries(Object.entries(t).map(([k, val]) => [k === 'true' ? 'on' : k, val]));
        ours = ours as Record<string, unknown>;
      }
      try {
        expect(theirs).toEqual(ours);
      } catch {
        diffs.push(`${r.rel} (${r.label}): PyYAML ${JSON.stringify(theirs).slice(0, 300)} vs yaml ${JSON.stringify(ours).slice(0, 300)}`);
      }
    });
    expect(diffs).toEqual([]);
  });
});

describe.skipIf(!available)('the oracle itself', () => {
  it('rejects what Azure ML rejects: an unknown key, a wrong enum, a job without a command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aml-oracle-neg-'));
    try {
      mkdirSync(join(dir, 'src'));
      const job = (extra: string) =>
        `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\ncode: src\nenvironment: azureml:env:1\ncompute: azureml:cpu\n${extra}`;
      const files: Record<string, [string, string]> = {
        good: ['commandJob', job('command: python train.py\n')],
        unknownKey: ['commandJob', job('command: python train.py\nresources:\n  instance_count: 1\n  gpus: 2\n')],
        noCommand: ['commandJob', job('')],
        badEnum: ['managedOnlineEndpoint', 'name: my-endpoint\nauth_mode: password\n'],
        goodEndpoint: ['managedOnlineEndpoint', 'name: my-endpoint\nauth_mode: key\n'],
      };
      for (const [name, [, text]] of Object.entries(files)) writeFileSync(join(dir, `${name}.yml`), text);
      const verdicts = await loadWithSdk(Object.entries(files).map(([name, [kind]]) => ({ path: join(dir, `${name}.yml`), kind })));
      expect(Object.fromEntries(Object.keys(files).map((name, i) => [name, verdicts[i].ok]))).toEqual({
        good: true, unknownKey: false, noCommand: false, badEnum: false, goodEndpoint: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
