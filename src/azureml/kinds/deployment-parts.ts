/**
 * Fields shared by online and batch deployments (facts §7–§9; SDK `_schema/_deployment/deployment.py`).
 */
import { anyMap, int, lazy, obj, once, rootMeta, scalarMap, str } from '../fields.js';
import { endpointName } from '../names.js';
import { environmentField } from './environment.js';
import { modelField } from './model.js';

/** `endpoint_name` may come from `--endpoint-name` instead (facts §7), so it is optional online. */
export const deploymentBase = once(() => ({
  ...rootMeta(),
  name: endpointName('deployment name'),
  endpoint_name: endpointName('endpoint_name').optional(),
  properties: anyMap().optional(),
  model: modelField.optional(),
  code_configuration: obj({ code: str({ nonEmpty: true }), scoring_script: str({ nonEmpty: true }) }).optional(),
  environment: environmentField.optional(),
  environment_variables: scalarMap().optional(),
}));

/** Liveness/readiness probe settings (facts §7). */
export const probe = lazy(() => obj({
  initial_delay: int({ min: 0 }).optional(),
  period: int({ min: 1 }).optional(),
  timeout: int({ min: 1 }).optional(),
  success_threshold: int({ min: 1 }).optional(),
  failure_threshold: int({ min: 1 }).optional(),
}));

/** request_timeout_ms tops out at 180 s on managed and 300 s on Kubernetes (facts §8). */
export const requestSettings = (maxTimeoutMs: number) =>
  obj({
    request_timeout_ms: int({ min: 1, max: maxTimeoutMs }).optional(),
    max_concurrent_requests_per_instance: int({ min: 1 }).optional(),
    max_queue_wait_ms: int({ min: 0 }).optional(),
  });
