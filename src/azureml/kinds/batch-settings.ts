/**
 * Batch scoring settings (facts §9; SDK `model_batch_deployment_settings.py`). In a model batch
 * deployment they live under `settings:`; in the legacy batch deployment they sit at the root.
 */
import { anyMap, ciEnum, int, lazy, obj, once, opt, scalarMap, str } from '../fields.js';

export const batchScoringFields = once(() => ({
  mini_batch_size: opt(int({ min: 1 })),
  max_concurrency_per_instance: opt(int({ min: 1 })),
  output_action: opt(ciEnum(['append_row', 'summary_only'])),
  output_file_name: opt(str({ nonEmpty: true })),
  retry_settings: opt(obj({ max_retries: opt(int({ min: 0 })), timeout: opt(int({ min: 1 })) })),
  error_threshold: opt(int({ min: -1 })),
  logging_level: opt(ciEnum(['warning', 'info', 'debug'])),
}));

export const batchSettings = lazy(() => obj({
  ...batchScoringFields(),
  environment_variables: opt(scalarMap()),
  instance_count: opt(int({ min: 1 })),
}));

/** Resources of the legacy schema (SDK ResourceConfigurationSchema). */
export const batchResources = lazy(() => obj({
  instance_count: opt(int({ min: 1 })),
  instance_type: opt(str()),
  properties: opt(anyMap()),
}));
