/**
 * Which Azure ML kind is this YAML? Decided as the Azure CLI decides: the command picks the family
 * (job, component, deployment, compute…) and the file's `type:` picks the kind within it. A file alone
 * does not say which command will read it, so the family comes from the `$schema` URL when there is
 * one, else from the shape of the content; the kind inside the family always follows `type:`. When the
 * `$schema` names another kind of the same family, the file is checked as its `type:` says and the
 * mismatch is a warning.
 *
 * Files that are not Azure ML kinds (GitHub workflows, MLflow artefacts, conda files are their own
 * kind, prompt flow, tool configs…) are skipped, each with a reason.
 */
import { isPlainObject } from './fields.js';
import { suggest } from '../core/suggest.js';
import type { Kind } from './kinds/index.js';
import { COMPUTE_TYPES, CONNECTION_TYPES, DATASTORE_TYPES } from './kinds/type-names.js';

export const SKIPPED = 'skipped';
export type Detected = Kind | typeof SKIPPED;

export interface Detection {
  kind: Detected;
  /** why a file is skipped */
  reason?: string;
  /** a `$schema` that names another kind than the content's `type:` */
  schemaMismatch?: string;
  /** a `type:` the family does not have (the family's default kind is checked, and `type` reported) */
  badType?: { value: unknown; expected: string[] };
}

type Family =
  | 'job'
  | 'component'
  | 'onlineDeployment'
  | 'batchDeployment'
  | 'onlineEndpoint'
  | 'batchEndpoint'
  | 'single'
  | 'promptflow';

/** `$schema` file names (lower case, without `.schema.json` / `.json`) → family and the kind they name. */
const SCHEMAS: Record<string, [Family, Kind | undefined]> = {
  commandjob: ['job', 'commandJob'],
  sweepjob: ['job', 'sweepJob'],
  pipelinejob: ['job', 'pipelineJob'],
  automljob: ['job', 'automlJob'],
  sparkjob: ['job', 'sparkJob'],
  finetuningjob: ['job', 'fineTuningJob'],
  commandcomponent: ['component', 'commandComponent'],
  pipelinecomponent: ['component', 'pipelineComponent'],
  sparkcomponent: ['component', 'sparkComponent'],
  parallelcomponent: ['component', 'parallelComponent'],
  managedonlinedeployment: ['onlineDeployment', 'managedOnlineDeployment'],
  kubernetesonlinedeployment: ['onlineDeployment', 'kubernetesOnlineDeployment'],
  batchdeployment: ['batchDeployment', 'batchDeployment'],
  modelbatchdeployment: ['batchDeployment', 'modelBatchDeployment'],
  pipelinecomponentbatchdeployment: ['batchDeployment', 'pipelineComponentBatchDeployment'],
  managedonlineendpoint: ['onlineEndpoint', 'managedOnlineEndpoint'],
  kubernetesonlineendpoint: ['onlineEndpoint', 'kubernetesOnlineEndpoint'],
  batchendpoint: ['batchEndpoint', 'batchEndpoint'],
  environment: ['single', 'environment'],
  model: ['single', 'model'],
  data: ['single', 'data'],
  amlcompute: ['single', 'compute'],
  computeinstance: ['single', 'compute'],
  vmcompute: ['single', 'compute'],
  kubernetescompute: ['single', 'compute'],
  synapsesparkcompute: ['single', 'compute'],
  azureblob: ['single', 'datastore'],
  azurefile: ['single', 'datastore'],
  azuredatalakegen1: ['single', 'datastore'],
  azuredatalakegen2: ['single', 'datastore'],
  onelake: ['single', 'datastore'],
  connection: ['single', 'connection'],
  workspace: ['single', 'workspace'],
  registry: ['single', 'registry'],
  schedule: ['single', 'schedule'],
  dataimport: ['single', 'dataImport'],
  modelversionpackage: ['single', 'modelPackage'],
  modelpackage: ['single', 'modelPackage'],
  serverlessendpoint: ['single', 'serverlessEndpoint'],
  flow: ['promptflow', undefined],
  run: ['promptflow', undefined],
};

const JOB_TYPES: Record<string, Kind> = {
  command: 'commandJob',
  sweep: 'sweepJob',
  pipeline: 'pipelineJob',
  automl: 'automlJob',
  spark: 'sparkJob',
  finetuning: 'fineTuningJob',
  distillation: 'distillationJob',
};
const COMPONENT_TYPES: Record<string, Kind> = {
  command: 'commandComponent',
  pipeline: 'pipelineComponent',
  spark: 'sparkComponent',
  parallel: 'parallelComponent',
};

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
const has = (o: Record<string, unknown>, ...keys: string[]) => keys.some((k) => Object.hasOwn(o, k) && o[k] !== undefined);

/** `https://azuremlschemas.azureedge.net/latest/commandJob.schema.json` → its family and kind. */
function schemaEntry(url: string): [Family, Kind | undefined] | undefined {
  const m = /([A-Za-z0-9]+)(\.schema)?\.json\s*$/i.exec(url.trim());
  const azureml = /azureml|azure-ai-ml|promptflow/i.test(url) || Boolean(m?.[2]);
  if (!m || !azureml) return undefined;
  return SCHEMAS[m[1].toLowerCase()];
}

/** The kind a `$schema` URL names, or `skipped` (other tools' schemas, prompt flow). */
export function kindFromSchema(url: string): Detected {
  return schemaEntry(url)?.[1] ?? SKIPPED;
}

const BATCH_ROOT_SETTINGS = ['mini_batch_size', 'max_concurrency_per_instance', 'output_action', 'output_file_name', 'retry_settings', 'error_threshold', 'logging_level'];
const MODEL_TYPES = ['custom_model', 'mlflow_model', 'triton_model'];
const DATA_TYPES = ['uri_file', 'uri_folder', 'mltable'];

/** One kind within a family, by `type:`. */
function inFamily(family: Family, o: Record<string, unknown>, named: Kind | undefined): Detection {
  const type = lower(o.type);
  const byType = (table: Record<string, Kind>, fallback: Kind): Detection => {
    if (o.type === undefined || o.type === null) return { kind: named && Object.values(table).includes(named) ? named : fallback };
    const kind = type !== undefined ? table[type] : undefined;
    return kind ? { kind } : { kind: named ?? fallback, badType: { value: o.type, expected: Object.keys(table) } };
  };
  switch (family) {
    case 'job':
      return byType(JOB_TYPES, 'commandJob');
    case 'component':
      return byType(COMPONENT_TYPES, 'commandComponent');
    case 'onlineDeployment':
      if (type === 'kubernetes') return { kind: 'kubernetesOnlineDeployment' };
      if (type === 'managed') return { kind: 'managedOnlineDeployment' };
      if (type !== undefined) return { kind: named ?? 'managedOnlineDeployment', badType: { value: o.type, expected: ['managed', 'kubernetes'] } };
      return { kind: named ?? 'managedOnlineDeployment' };
    case 'batchDeployment':
      if (type === 'model') return { kind: 'modelBatchDeployment' };
      if (type === 'pipeline') return { kind: 'pipelineComponentBatchDeployment' };
      if (type !== undefined) return { kind: 'modelBatchDeployment', badType: { value: o.type, expected: ['model', 'pipeline'] } };
      // like `az ml batch-deployment create`: no type is the legacy batch deployment (settings at the root)
      return { kind: 'batchDeployment' };
    case 'onlineEndpoint':
      return { kind: named ?? (has(o, 'compute') ? 'kubernetesOnlineEndpoint' : 'managedOnlineEndpoint') };
    case 'batchEndpoint':
      return { kind: 'batchEndpoint' };
    case 'single':
      return { kind: named! };
    case 'promptflow':
      return { kind: SKIPPED, reason: 'prompt flow file (read by the pf CLI, not az ml)' };
  }
}

/** The family of a file without a `$schema`, from its shape. */
function familyFromContent(o: Record<string, unknown>): Detection | [Family, Kind | undefined] {
  const type = lower(o.type);
  if (has(o, 'jobs') && (has(o, 'on') || has(o, 'true'))) return { kind: SKIPPED, reason: 'GitHub Actions workflow' };
  if (has(o, 'flavors', 'artifact_path') && !has(o, 'name', '$schema')) return { kind: SKIPPED, reason: 'MLflow MLmodel file' };
  if (has(o, 'python') && has(o, 'build_dependencies', 'dependencies') && !has(o, 'name', 'channels')) return { kind: SKIPPED, reason: 'MLflow python_env.yaml (model artefact)' };
  if (has(o, 'endpoint_name') || (has(o, 'name') && has(o, 'code_configuration', 'instance_type') && !has(o, 'command'))) {
    if (type === 'kubernetes' || type === 'managed') return ['onlineDeployment', undefined];
    if (type === 'model' || type === 'pipeline' || has(o, 'settings', 'compute', 'component', ...BATCH_ROOT_SETTINGS)) return ['batchDeployment', undefined];
    return ['onlineDeployment', undefined];
  }
  if (type !== undefined) {
    const versioned = has(o, 'version', 'is_deterministic');
    if (Object.hasOwn(COMPONENT_TYPES, type) && versioned && type !== 'sweep') return ['component', undefined];
    if (Object.hasOwn(JOB_TYPES, type) && (type !== 'pipeline' || has(o, 'jobs', 'component'))) return ['job', undefined];
    if (COMPUTE_TYPES.includes(type)) return ['single', 'compute'];
    if (DATASTORE_TYPES.includes(type) && !has(o, 'path')) return ['single', 'datastore'];
    if (CONNECTION_TYPES.includes(type) && has(o, 'target', 'credentials', 'endpoint', 'api_key')) return ['single', 'connection'];
    if (has(o, 'source') && has(o, 'path') && DATA_TYPES.includes(type)) return ['single', 'dataImport'];
  }
  if (type === undefined && has(o, 'command', 'environment') && has(o, 'command', 'code', 'inputs', 'compute', 'outputs', 'distribution', 'resources') && !has(o, 'name', 'image', 'build')) return ['job', undefined];
  if (type !== undefined) {
    // a misspelled type (`comand`, `pipelne`) still names its family; the type itself is then reported
    const near = suggest(type, [...Object.keys(JOB_TYPES), ...COMPUTE_TYPES, ...DATASTORE_TYPES]);
    if (near && Object.hasOwn(JOB_TYPES, near) && !has(o, 'version', 'is_deterministic')) return ['job', undefined];
    if (near && Object.hasOwn(COMPONENT_TYPES, near) && has(o, 'version', 'is_deterministic')) return ['component', undefined];
    if (near && COMPUTE_TYPES.includes(near)) return ['single', 'compute'];
    if (near && DATASTORE_TYPES.includes(near)) return ['single', 'datastore'];
  }
  if (has(o, 'trigger') && has(o, 'create_job', 'create_monitor', 'import_data')) return ['single', 'schedule'];
  if (has(o, 'model_id') && !has(o, 'type')) return ['single', 'serverlessEndpoint'];
  if (has(o, 'target') && has(o, 'credentials') && !has(o, 'command')) return ['single', 'connection'];
  if (has(o, 'replication_locations')) return ['single', 'registry'];
  if (has(o, 'base_environment_source', 'target_environment', 'inferencing_server')) return ['single', 'modelPackage'];
  if (!has(o, 'type', 'command') && has(o, 'managed_network', 'storage_account', 'key_vault', 'application_insights', 'hbi_workspace', 'customer_managed_key'))
    return ['single', 'workspace'];
  if (has(o, 'name') && !has(o, 'endpoint_name', 'command') && has(o, 'auth_mode', 'traffic', 'public_network_access', 'defaults')) {
    if (lower(o.auth_mode) === 'aad_token' || has(o, 'defaults')) return ['batchEndpoint', undefined];
    return ['onlineEndpoint', undefined];
  }
  if (has(o, 'name') && has(o, 'image', 'build') && !has(o, 'command')) return ['single', 'environment'];
  if (has(o, 'name', 'path') && type !== undefined && !has(o, 'command')) {
    if (MODEL_TYPES.includes(type)) return ['single', 'model'];
    if (DATA_TYPES.includes(type)) return ['single', 'data'];
  }
  if (Array.isArray(o.dependencies) || (Array.isArray(o.channels) && !has(o, 'image', 'build'))) return ['single', 'conda'];
  return { kind: SKIPPED, reason: 'not an Azure ML file (no $schema, no type or shape of a kind it checks)' };
}

/** Kind of a parsed document: `$schema` (a hint for the family), else the shape; then `type:`. */
export function detect(value: unknown): Detection {
  if (value === null || value === undefined) return { kind: SKIPPED, reason: 'empty file (nothing to validate)' };
  if (!isPlainObject(value)) return { kind: SKIPPED, reason: 'not a mapping (no Azure ML file is a list or a single value)' };
  const schema = typeof value.$schema === 'string' ? value.$schema : undefined;
  const entry = schema ? schemaEntry(schema) : undefined;
  if (schema && !entry && /azureml|azure-ai-ml/i.test(schema)) {
    const fromShape = familyFromContent(value);
    if (!Array.isArray(fromShape)) return { kind: SKIPPED, reason: `Azure ML schema not checked here: ${schema.trim()}` };
  }
  const found = entry ?? familyFromContent(value);
  if (!Array.isArray(found)) return found;
  const [family, named] = found;
  const d = inFamily(family, value, named);
  // batchDeployment.schema.json is the umbrella schema the docs use for every batch deployment type
  if (entry && named && named !== 'batchDeployment' && d.kind !== SKIPPED && d.kind !== named && !d.badType)
    d.schemaMismatch = `$schema names ${named} but the content is a ${d.kind} (type: ${String(value.type ?? '-')}); checked as ${d.kind}, as the CLI reads type:`;
  return d;
}

/** The kind alone, for callers that need no reason. */
export const detectKind = (value: unknown): Detected => detect(value).kind;
