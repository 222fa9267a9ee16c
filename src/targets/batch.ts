import type { Spec } from '../spec/schema.js';
import type { DerivedNames } from '../plan/names.js';
import { schemaUrl } from '../plan/yaml.js';
import { modelRef, scoringParts } from './online.js';

export function batchEndpoint(spec: Spec, names: DerivedNames) {
  return {
    $schema: schemaUrl('batchEndpoint'),
    name: names.endpoint,
    description: `Batch endpoint of ${spec.name}.`,
  };
}

export function batchDeployment(spec: Spec, names: DerivedNames) {
  return {
    $schema: schemaUrl('modelBatchDeployment'),
    name: names.deployment,
    endpoint_name: names.endpoint,
    type: 'model',
    model: modelRef(spec, names),
    ...scoringParts(spec, 'batch_score.py'),
    compute: `azureml:${spec.compute}`,
    resources: { instance_count: 1 },
    settings: {
      max_concurrency_per_instance: 2,
      mini_batch_size: 10,
      output_action: 'append_row',
      output_file_name: 'predictions.csv',
      retry_settings: { max_retries: 3, timeout: 300 },
      error_threshold: 10,
      logging_level: 'info',
    },
  };
}
