/**
 * Model batch deployment, `type: model` (facts §9; `modelBatchDeployment.schema.json`): settings in a
 * `settings:` block, a real cluster in `compute`. MLflow models need no code or environment.
 */
import { ciEnum, lazy, obj, opt, str } from '../fields.js';
import { endpointName } from '../names.js';
import { batchSettings } from './batch-settings.js';
import { deploymentBase } from './deployment-parts.js';
import { jobResources } from './job-parts.js';
import { modelField } from './model.js';

export const modelBatchDeployment = lazy(() => obj(
  {
    ...deploymentBase(),
    endpoint_name: endpointName('endpoint_name'),
    type: opt(ciEnum(['model'])),
    model: modelField,
    compute: str({ nonEmpty: true }),
    resources: opt(jobResources),
    settings: opt(batchSettings),
  },
  {
    hints: Object.fromEntries(
      ['mini_batch_size', 'max_concurrency_per_instance', 'output_action', 'output_file_name', 'retry_settings', 'error_threshold', 'logging_level'].map(
        (k) => [k, `with type: model, ${k} goes under settings:`],
      ),
    ),
  },
));
