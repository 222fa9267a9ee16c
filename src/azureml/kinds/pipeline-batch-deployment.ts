/**
 * Pipeline component batch deployment, `type: pipeline` (`pipelineComponentBatchDeployment.schema.json`;
 * SDK `_schema/_deployment/batch/pipeline_component_batch_deployment_schema.py`): a component run per
 * invocation, with `settings` (default_compute, continue_on_step_failure…) passed to the pipeline.
 */
import * as z from 'zod/mini';
import { anyMap, ciEnum, lazy, obj, opt, rootMeta, rule } from '../fields.js';
import { endpointName } from '../names.js';

export const pipelineComponentBatchDeployment = lazy(() => rule(obj({
  ...rootMeta(),
  name: endpointName('deployment name'),
  endpoint_name: opt(endpointName('endpoint_name')),
  type: ciEnum(['pipeline']),
  component: opt(z.unknown()),
  settings: opt(anyMap()),
  /** a pipeline job to deploy, by reference (`azureml:<job name>`) or inline */
  job_definition: opt(z.unknown()),
  properties: opt(anyMap()),
}), (v, ctx) => {
  if (v.component === undefined && v.job_definition === undefined)
    ctx.addIssue({ code: 'custom', path: ['component'], message: 'missing component', params: { hint: 'a pipeline deployment needs component: or job_definition:' } });
}));
