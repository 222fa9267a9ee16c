// Realistic single mistakes, made in every valid file of the azureml-examples corpus: a misspelled key,
// a wrong value type, a bad enum value, a missing required key, a wrong pipeline step type, an input
// the step's component does not declare. Each mutated file must fail validation (an error, not only a
// warning). MUTATION_REPORT=1 prints the catch rate per kind and per mistake.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateFiles } from '../../src/azureml/lint.js';
import { parseSource } from '../../src/azureml/source.js';
import { examplesRoot } from './helpers.js';

type Value = Record<string, unknown>;
const expectations = JSON.parse(readFileSync(join(import.meta.dirname, 'corpus-expectations.json'), 'utf8')) as Record<string, { verdict: string; kind?: string }>;
const isMap = (v: unknown): v is Value => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
const clone = <T>(v: T): T => structuredClone(v);

/** Keys whose values are free-form or whose misspelling changes nothing the CLI checks. */
const FREE = new Set(['$schema', 'description', 'tags', 'properties', 'display_name', 'experiment_name', 'version', 'is_deterministic']);

/** Realistic typo: the second-to-last two letters swapped (`environmnet`), or a letter dropped for short keys. */
function typo(key: string): string {
  if (key.length >= 5) return key.slice(0, -3) + key[key.length - 2] + key[key.length - 3] + key[key.length - 1];
  return key.slice(0, -1);
}

const ENUM_PATHS = [
  ['auth_mode'], ['tier'], ['log_verbosity'], ['task'], ['trigger', 'type'], ['trigger', 'frequency'], ['distribution', 'type'],
  ['sampling_algorithm'], ['objective', 'goal'], ['public_network_access'], ['protocol'], ['os_type'], ['queue_settings', 'job_tier'],
  ['scale_settings', 'type'], ['settings', 'output_action'], ['output_action'], ['logging_level'], ['source', 'type'], ['identity', 'type'],
  ['type'],
];

/** Required keys the CLI cannot supply (name, endpoint_name, model, compute, instance_type are create-time keys). */
const REQUIRED: Record<string, string[]> = {
  commandJob: ['command', 'environment'],
  sweepJob: ['trial', 'objective', 'search_space', 'sampling_algorithm'],
  environment: ['image', 'build'],
  data: ['path'],
  managedOnlineDeployment: ['instance_count'],
  kubernetesOnlineEndpoint: ['compute'],
  commandComponent: ['command', 'environment'],
  pipelineComponent: ['jobs'],
  sparkComponent: ['entry'],
  sparkJob: ['entry'],
  automlJob: ['task', 'training_data'],
  fineTuningJob: ['task', 'training_data'],
  distillationJob: ['student_model', 'teacher_model_endpoint_connection'],
  schedule: ['trigger'],
  datastore: ['account_name', 'store_name'],
  dataImport: ['source', 'path'],
  registry: ['location', 'replication_locations'],
  serverlessEndpoint: ['model_id'],
  connection: ['type'],
  pipelineComponentBatchDeployment: ['component'],
};

/**
 * Mutations that are not errors: a Kubernetes endpoint's `compute` can be given at create time
 * (`--set compute=…`, a warning), and a serverless endpoint without `model_id` (and no $schema) is
 * just `name: …`, not an Azure ML file.
 */
const UNDETECTABLE = [/^kubernetesOnlineEndpoint \/ missing required key: /, /^serverlessEndpoint \/ missing required key: /];

type Mutation = (v: Value, kind: string) => Value | undefined;

const MUTATIONS: Record<string, Mutation> = {
  'misspelled key': (v) => {
    const key = Object.keys(v).find((k) => !FREE.has(k) && k !== 'type');
    if (!key) return undefined;
    const out: Value = {};
    for (const [k, x] of Object.entries(v)) out[k === key ? typo(k) : k] = x;
    return out;
  },
  'wrong type': (v) => {
    const key = Object.keys(v).find((k) => !FREE.has(k) && k !== 'type' && (typeof v[k] === 'string' || typeof v[k] === 'number' || isMap(v[k])));
    if (!key) return undefined;
    return { ...v, [key]: typeof v[key] === 'string' || typeof v[key] === 'number' ? [v[key]] : 'a-string-not-a-mapping' };
  },
  'bad enum': (v) => {
    for (const path of ENUM_PATHS) {
      let parent: unknown = v;
      for (const seg of path.slice(0, -1)) parent = isMap(parent) ? parent[seg] : undefined;
      const last = path[path.length - 1];
      if (isMap(parent) && typeof parent[last] === 'string') {
        const out = clone(v);
        let p: Value = out;
        for (const seg of path.slice(0, -1)) p = p[seg] as Value;
        p[last] = `${String(parent[last])}x`;
        return out;
      }
    }
    return undefined;
  },
  'missing required key': (v, kind) => {
    const key = (REQUIRED[kind] ?? []).find((k) => v[k] !== undefined);
    if (!key) return undefined;
    const out = { ...v };
    delete out[key];
    // environment: image or build — dropping the one present leaves neither
    return out;
  },
  'wrong step type': (v) => {
    if (!isMap(v.jobs)) return undefined;
    const step = Object.keys(v.jobs).find((s) => isMap((v.jobs as Value)[s]) && typeof ((v.jobs as Value)[s] as Value).type === 'string');
    if (!step) return undefined;
    const out = clone(v);
    const s = (out.jobs as Value)[step] as Value;
    s.type = `${String(s.type)}s`;
    return out;
  },
  'unknown component input': (v) => {
    if (!isMap(v.jobs)) return undefined;
    const step = Object.keys(v.jobs).find((s) => {
      const st = (v.jobs as Value)[s];
      return isMap(st) && typeof st.component === 'string' && /\.ya?ml$/i.test(st.component) && !/^azureml:/i.test(st.component) && isMap(st.inputs) && Object.keys(st.inputs).length > 0;
    });
    if (!step) return undefined;
    const out = clone(v);
    const inputs = ((out.jobs as Value)[step] as Value).inputs as Value;
    const first = Object.keys(inputs)[0];
    inputs[typo(first) === first ? `${first}_` : typo(first)] = inputs[first];
    delete inputs[first];
    return out;
  },
};

const bases = Object.entries(expectations)
  .filter(([, e]) => e.verdict === 'valid' && e.kind !== 'conda')
  .map(([path, e]) => ({ path, kind: e.kind!, value: parseSource(readFileSync(join(examplesRoot, path), 'utf8')).value }))
  .filter((b) => isMap(b.value));

const inRoot = (p: string) => join(examplesRoot, p);
const opts = { exists: (p: string) => existsSync(inRoot(p)), read: (p: string) => (existsSync(inRoot(p)) ? readFileSync(inRoot(p), 'utf8') : undefined) };

interface Tally {
  tried: number;
  caught: number;
  missed: string[];
}

function run(): Record<string, Record<string, Tally>> {
  const table: Record<string, Record<string, Tally>> = {};
  for (const b of bases) {
    for (const [name, mutate] of Object.entries(MUTATIONS)) {
      const mutated = mutate(clone(b.value) as Value, b.kind);
      if (!mutated) continue;
      const report = validateFiles([{ path: b.path, text: stringify(mutated) }], opts).files[0];
      const t = ((table[b.kind] ??= {})[name] ??= { tried: 0, caught: 0, missed: [] });
      t.tried++;
      if (!report.valid) t.caught++;
      else t.missed.push(b.path);
    }
  }
  return table;
}

describe('realistic mistakes in the corpus', () => {
  const table = run();
  const all = Object.values(table).flatMap((byName) => Object.values(byName));
  const tried = all.reduce((s, t) => s + t.tried, 0);
  const caught = all.reduce((s, t) => s + t.caught, 0);

  if (process.env.MUTATION_REPORT) {
    for (const [kind, byName] of Object.entries(table))
      for (const [name, t] of Object.entries(byName)) console.log(`${kind.padEnd(34)} ${name.padEnd(24)} ${t.caught}/${t.tried}${t.missed.length ? `  missed: ${t.missed.slice(0, 3).join(', ')}` : ''}`);
    console.log(`total ${caught}/${tried} = ${((100 * caught) / tried).toFixed(1)} %`);
  }

  it('mutates files of every kind the corpus has', () => {
    expect(Object.keys(table).length).toBeGreaterThanOrEqual(25);
    expect(tried).toBeGreaterThan(1500);
  });

  it('catches every mistake, except where the mutated file is a different valid file', () => {
    const missed = Object.entries(table).flatMap(([kind, byName]) => Object.entries(byName).flatMap(([name, t]) => t.missed.map((p) => `${kind} / ${name}: ${p}`)));
    expect(missed.filter((m) => !UNDETECTABLE.some((u) => u.test(m)))).toEqual([]);
    expect(caught / tried).toBeGreaterThan(0.99);
  });
});
