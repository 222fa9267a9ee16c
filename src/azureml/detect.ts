/**
 * Which Azure ML kind is this YAML? First the `$schema` URL's file name (what the VS Code extension
 * keys off, facts §1.1), else the shape of the content, else `skipped`. GitHub workflows, MLmodel
 * files, Azure ML schemas we do not model (components, computes, …) and any other YAML are skipped.
 */
import { isPlainObject } from './fields.js';
import { KINDS, type Kind } from './kinds/index.js';

export const SKIPPED = 'skipped';
export type Detected = Kind | typeof SKIPPED;

const BY_SCHEMA_NAME = new Map<string, Kind>(KINDS.map((k) => [k.toLowerCase(), k]));

/**
 * `https://azuremlschemas.azureedge.net/latest/commandJob.schema.json` → `commandJob`.
 * Azure ML schemas we do not model, and schemas of other tools, → skipped.
 */
export function kindFromSchema(url: string): Detected {
  const m = /([A-Za-z0-9]+)(\.schema)?\.json\s*$/i.exec(url.trim());
  const azureml = /azureml/i.test(url) || Boolean(m?.[2]);
  if (!m || !azureml) return SKIPPED;
  // conda files have no $schema; never let a `conda.schema.json` URL select the conda model
  const kind = BY_SCHEMA_NAME.get(m[1].toLowerCase());
  return kind && kind !== 'conda' ? kind : SKIPPED;
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
const has = (o: Record<string, unknown>, ...keys: string[]) => keys.some((k) => Object.hasOwn(o, k) && o[k] !== undefined);

const BATCH_ROOT_SETTINGS = [
  'mini_batch_size',
  'max_concurrency_per_instance',
  'output_action',
  'output_file_name',
  'retry_settings',
  'error_threshold',
  'logging_level',
];
const MODEL_TYPES = ['custom_model', 'mlflow_model', 'triton_model'];
const DATA_TYPES = ['uri_file', 'uri_folder', 'mltable'];

function deploymentKind(o: Record<string, unknown>): Detected {
  const type = lower(o.type);
  if (type === 'kubernetes') return 'kubernetesOnlineDeployment';
  if (type === 'model' || has(o, 'settings')) return 'modelBatchDeployment';
  if (type === 'pipeline') return SKIPPED; // pipeline component batch deployments are not modelled
  if (has(o, 'compute', ...BATCH_ROOT_SETTINGS)) return 'batchDeployment';
  return 'managedOnlineDeployment';
}

/** Shape-based detection, for files without a (known) `$schema`. */
export function kindFromContent(value: unknown): Detected {
  if (!isPlainObject(value)) return SKIPPED;
  const o = value;
  if (has(o, 'on') && has(o, 'jobs')) return SKIPPED; // GitHub Actions workflow
  if (has(o, 'flavors', 'artifact_path') && !has(o, 'name')) return SKIPPED; // MLmodel
  const type = lower(o.type);
  // components also say `type: command`, but carry a version (jobs never do)
  if (!has(o, 'version', 'is_deterministic')) {
    if (type === 'command' || (type === undefined && has(o, 'command') && has(o, 'environment'))) return 'commandJob';
    if (type === 'sweep') return 'sweepJob';
    if (type === 'pipeline' && has(o, 'jobs', 'component')) return 'pipelineJob';
  }
  if (has(o, 'endpoint_name') && has(o, 'model', 'code_configuration', 'environment')) return deploymentKind(o);
  if (has(o, 'name') && !has(o, 'endpoint_name', 'command') && has(o, 'auth_mode', 'traffic', 'public_network_access', 'defaults')) {
    if (lower(o.auth_mode) === 'aad_token' || has(o, 'defaults')) return 'batchEndpoint';
    return has(o, 'compute') ? 'kubernetesOnlineEndpoint' : 'managedOnlineEndpoint';
  }
  if (has(o, 'name') && has(o, 'image', 'build') && !has(o, 'command', 'endpoint_name')) return 'environment';
  if (has(o, 'name', 'path') && type !== undefined && !has(o, 'command')) {
    if (MODEL_TYPES.includes(type)) return 'model';
    if (DATA_TYPES.includes(type)) return 'data';
  }
  if (Array.isArray(o.dependencies) || (Array.isArray(o.channels) && !has(o, 'image', 'build'))) return 'conda';
  return SKIPPED;
}

/** A `$schema` decides alone; without one the content decides. */
export function detectKind(value: unknown): Detected {
  if (isPlainObject(value) && typeof value.$schema === 'string') return kindFromSchema(value.$schema);
  return kindFromContent(value);
}
