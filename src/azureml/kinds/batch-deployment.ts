/**
 * Legacy batch deployment (`batchDeployment.schema.json`, facts §1.1): no `type`, scoring settings at
 * the root, no `settings:` block. New files should use modelBatchDeployment.
 */
import { lazy, obj, opt, str } from '../fields.js';
import { endpointName } from '../names.js';
import { batchResources, batchScoringFields } from './batch-settings.js';
import { deploymentBase } from './deployment-parts.js';
import { modelField } from './model.js';

const MODERN = 'use modelBatchDeployment.schema.json with type: model for a settings: block';

export const batchDeployment = lazy(() => obj(
  {
    ...deploymentBase(),
    ...batchScoringFields(),
    endpoint_name: endpointName('endpoint_name'),
    model: modelField,
    compute: str({ nonEmpty: true }),
    resources: opt(batchResources),
  },
  { hints: { type: `the legacy batch deployment has no type; ${MODERN}`, settings: `the legacy batch deployment takes these keys at the root; ${MODERN}` } },
));
