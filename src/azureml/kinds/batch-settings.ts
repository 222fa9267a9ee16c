/**
 * Batch scoring settings (facts §9; SDK `model_batch_deployment_settings.py`). In a model batch
 * deployment they live under `settings:`; in the legacy batch deployment they sit at the root.
 */
import * as z from 'zod/mini';
import { anyMap, ciEnum, int, lazy, obj, once, scalarMap, str } from '../fields.js';

export const batchScoringFields = once(() => ({
  mini_batch_size: z.optional(int({ min: 1 })),
  max_concurrency_per_instance: z.optional(int({ min: 1 })),
  output_action: z.optional(ciEnum(['append_row', 'summary_only'])),
  output_file_name: z.optional(str({ nonEmpty: true })),
  retry_settings: z.optional(obj({ max_retries: z.optional(int({ min: 0 })), timeout: z.optional(int({ min: 1 })) })),
  error_threshold: z.optional(int({ min: -1 })),
  logging_level: z.optional(ciEnum(['warning', 'info', 'debug'])),
}));

export const batchSettings = lazy(() => obj({
  ...batchScoringFields(),
  environment_variables: z.optional(scalarMap()),
  instance_count: z.optional(int({ min: 1 })),
}));

/** Resources of the legacy schema (SDK ResourceConfigurationSchema). */
export const batchResources = lazy(() => obj({
  instance_count: z.optional(int({ min: 1 })),
  instance_type: z.optional(str()),
  properties: z.optional(anyMap()),
}));
