/** Model package (`ModelVersionPackage.json`; SDK `_schema/assets/package/*`): a model packed with its serving environment. */
import * as z from 'zod/mini';
import { anyMap, lazy, obj, opt, rootMeta, str } from '../fields.js';

export const modelPackage = lazy(() => obj({
  ...rootMeta(),
  target_environment: z.unknown(),
  target_environment_version: opt(str()),
  base_environment_source: opt(anyMap()),
  inferencing_server: opt(anyMap()),
  model_configuration: opt(anyMap()),
  environment_variables: opt(anyMap()),
  inputs: opt(z.unknown()),
  properties: opt(anyMap()),
}, { lenient: true }));
