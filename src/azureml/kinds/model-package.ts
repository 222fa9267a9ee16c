/** Model package (`ModelVersionPackage.json`; SDK `_schema/assets/package/*`): a model packed with its serving environment. */
import * as z from 'zod/mini';
import { anyMap, check, isPlainObject, lazy, obj, opt, rootMeta, str, typeName } from '../fields.js';

export const modelPackage = lazy(() => obj({
  ...rootMeta(),
  /** the environment to create: a name, or {name, version} */
  target_environment: check((v) => (typeof v === 'string' || isPlainObject(v) ? undefined : `expected an environment name or mapping, got ${typeName(v)}`)),
  target_environment_version: opt(str()),
  base_environment_source: opt(anyMap()),
  inferencing_server: opt(anyMap()),
  model_configuration: opt(anyMap()),
  environment_variables: opt(anyMap()),
  inputs: opt(z.unknown()),
  properties: opt(anyMap()),
}, { lenient: true }));
