/**
 * Fields shared by online and batch deployments (facts §7–§9; SDK `_schema/_deployment/deployment.py`).
 */
import { anyMap, int, lazy, obj, once, opt, rootMeta, scalarMap, str } from '../fields.js';
import { endpointName } from '../names.js';
import { environmentField } from './environment.js';
import { modelField } from './model.js';

/** `endpoint_name` may come from `--endpoint-name` instead (facts §7), so it is optional online. */
export const deploymentBase = once(() => ({
  ...rootMeta(),
  name: endpointName('deployment name'),
  endpoint_name: opt(endpointName('endpoint_name')),
  properties: opt(anyMap()),
  model: opt(modelField),
  code_configuration: opt(obj({ code: str({ nonEmpty: true }), scoring_script: str({ nonEmpty: true }) })),
  environment: opt(environmentField),
  environment_variables: opt(scalarMap()),
}));

/** Liveness/readiness probe settings (facts §7). */
export const probe = lazy(() => obj({
  initial_delay: opt(int({ min: 0 })),
  period: opt(int({ min: 1 })),
  timeout: opt(int({ min: 1 })),
  success_threshold: opt(int({ min: 1 })),
  failure_threshold: opt(int({ min: 1 })),
}));

/** request_timeout_ms tops out at 180 s on managed and 300 s on Kubernetes (facts §8). */
export const requestSettings = (maxTimeoutMs: number) =>
  obj({
    request_timeout_ms: opt(int({ min: 1, max: maxTimeoutMs })),
    max_concurrent_requests_per_instance: opt(int({ min: 1 })),
    max_queue_wait_ms: opt(int({ min: 0 })),
  });
