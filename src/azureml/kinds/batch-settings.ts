/**
 * Batch scoring settings (facts §9; SDK `model_batch_deployment_settings.py`). In a model batch
 * deployment they live under `settings:`; in the legacy batch deployment they sit at the root.
 */
import { anyMap, ciEnum, int, lazy, obj, once, scalarMap, str } from '../fields.js';

export const batchScoringFields = once(() => ({
  mini_batch_size: int({ min: 1 }).optional(),
  max_concurrency_per_instance: int({ min: 1 }).optional(),
  output_action: ciEnum(['append_row', 'summary_only']).optional(),
  output_file_name: str({ nonEmpty: true }).optional(),
  retry_settings: obj({ max_retries: int({ min: 0 }).optional(), timeout: int({ min: 1 }).optional() }).optional(),
  error_threshold: int({ min: -1 }).optional(),
  logging_level: ciEnum(['warning', 'info', 'debug']).optional(),
}));

export const batchSettings = lazy(() => obj({
  ...batchScoringFields(),
  environment_variables: scalarMap().optional(),
  instance_count: int({ min: 1 }).optional(),
}));

/** Resources of the legacy schema (SDK ResourceConfigurationSchema). */
export const batchResources = lazy(() => obj({
  instance_count: int({ min: 1 }).optional(),
  instance_type: str().optional(),
  properties: anyMap().optional(),
}));
