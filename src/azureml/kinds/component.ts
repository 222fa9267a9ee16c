/**
 * Components (SDK `_schema/component/*.py`; learn.microsoft.com "CLI (v2) command component YAML
 * schema" and siblings): command, pipeline, spark and parallel. Top-level keys are strict; nested
 * blocks that only the service reads (spark conf, parallel task, pipeline steps) are checked loosely.
 */
import * as z from 'zod/mini';
import { anyMap, bool, ciEnum, forward, isPlainObject, lazy, list, obj, once, opt, refined, rootMeta, str, stringMap, typeName, version } from '../fields.js';
import { environmentField } from './environment.js';
import { distribution, jobResources } from './job-parts.js';
import { pipelineJobs } from './pipeline-job.js';

/** `path` is the SDK's legacy port type (LegacyAssetTypes.PATH), still accepted. */
export const PORT_TYPES = ['path', 'uri_folder', 'uri_file', 'mltable', 'mlflow_model', 'custom_model', 'triton_model'];
export const PARAM_TYPES = ['string', 'integer', 'number', 'boolean'];
const MODES = ['ro_mount', 'rw_mount', 'download', 'upload', 'direct', 'eval_mount', 'eval_download', 'mount'];

/** One declared input: a data port or a literal parameter. */
const componentInput = lazy(() => obj({
  type: ciEnum([...PARAM_TYPES, ...PORT_TYPES]),
  description: opt(str({ nullable: true })),
  default: opt(z.unknown()),
  optional: opt(bool()),
  min: opt(z.unknown()),
  max: opt(z.unknown()),
  enum: opt(list(z.unknown())),
  mode: opt(ciEnum(MODES)),
  path: opt(str()),
  datastore: opt(str()),
  is_resource: opt(bool()),
}));

const componentOutput = lazy(() => obj({
  type: ciEnum([...PORT_TYPES, ...PARAM_TYPES]),
  description: opt(str({ nullable: true })),
  mode: opt(ciEnum(MODES)),
  path: opt(str()),
  name: opt(str()),
  version: opt(version()),
  datastore: opt(str()),
  is_control: opt(bool()),
  early_available: opt(bool()),
}));

const ports = (port: z.ZodMiniType) => refined((v, ctx) => {
  if (v === null) return;
  if (!isPlainObject(v)) return ctx.addIssue({ code: 'custom', message: `expected a mapping of names to declarations, got ${typeName(v)}` });
  for (const [name, p] of Object.entries(v)) {
    const r = port.safeParse(p);
    if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...(issue as object), path: [name, ...issue.path] } as never);
  }
});

const componentBase = once(() => ({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  version: opt(version()),
  display_name: opt(str()),
  is_deterministic: opt(bool()),
  id: opt(str()),
  inputs: opt(ports(componentInput)),
  outputs: opt(ports(componentOutput)),
  additional_includes: opt(list(str())),
  properties: opt(anyMap()),
}));

export const commandComponent = lazy(() => obj({
  ...componentBase(),
  type: opt(ciEnum(['command'])),
  command: str({ nonEmpty: true }),
  code: opt(str()),
  environment: environmentField,
  environment_variables: opt(stringMap(true)),
  distribution: opt(distribution),
  resources: opt(jobResources),
  instance_count: opt(z.unknown()),
}));

export const pipelineComponent = lazy(() => obj({
  ...componentBase(),
  type: ciEnum(['pipeline']),
  jobs: pipelineJobs,
}));

export const sparkFields = once(() => ({
  code: opt(str()),
  entry: obj({ file: opt(str()), class_name: opt(str()) }),
  py_files: opt(list(str())),
  jars: opt(list(str())),
  files: opt(list(str())),
  archives: opt(list(str())),
  conf: opt(anyMap()),
  args: opt(str()),
  environment: opt(environmentField),
}));

export const sparkComponent = lazy(() => obj({ ...componentBase(), ...sparkFields(), type: ciEnum(['spark']) }));

const parallelTask = lazy(() => refined((v, ctx) => {
  if (!isPlainObject(v)) return ctx.addIssue({ code: 'custom', message: `expected a mapping, got ${typeName(v)}` });
  forward(obj({
    type: opt(ciEnum(['run_function', 'function'])),
    code: opt(str()),
    entry_script: opt(str()),
    program_arguments: opt(str()),
    environment: environmentField,
    append_row_to: opt(str()),
    model: opt(z.unknown()),
  }), v, ctx);
}));

export const parallelComponent = lazy(() => obj({
  ...componentBase(),
  type: ciEnum(['parallel']),
  task: parallelTask,
  input_data: opt(str()),
  mini_batch_size: opt(z.unknown()),
  partition_keys: opt(list(str())),
  max_concurrency_per_instance: opt(z.unknown()),
  error_threshold: opt(z.unknown()),
  mini_batch_error_threshold: opt(z.unknown()),
  logging_level: opt(ciEnum(['debug', 'info', 'warning', 'error', 'critical'])),
  retry_settings: opt(obj({ max_retries: opt(z.unknown()), timeout: opt(z.unknown()) })),
  resources: opt(jobResources),
  environment_variables: opt(stringMap(true)),
}));
