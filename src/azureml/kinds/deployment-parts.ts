/**
 * Fields shared by online and batch deployments (facts §7–§9; SDK `_schema/_deployment/deployment.py`).
 */
import * as z from 'zod/mini';
import { anyMap, int, lazy, obj, once, rootMeta, scalarMap, str } from '../fields.js';
import { endpointName } from '../names.js';
import { environmentField } from './environment.js';
import { modelField } from './model.js';

/** `endpoint_name` may come from `--endpoint-name` instead (facts §7), so it is optional online. */
export const deploymentBase = once(() => ({
  ...rootMeta(),
  name: endpointName('deployment name'),
  endpoint_name: z.optional(endpointName('endpoint_name')),
  properties: z.optional(anyMap()),
  model: z.optional(modelField),
  code_configuration: z.optional(obj({ code: str({ nonEmpty: true }), scoring_script: str({ nonEmpty: true }) })),
  environment: z.optional(environmentField),
  environment_variables: z.optional(scalarMap()),
}));

/** Liveness/readiness probe settings (facts §7). */
export const probe = lazy(() => obj({
  initial_delay: z.optional(int({ min: 0 })),
  period: z.optional(int({ min: 1 })),
  timeout: z.optional(int({ min: 1 })),
  success_threshold: z.optional(int({ min: 1 })),
  failure_threshold: z.optional(int({ min: 1 })),
}));

/** request_timeout_ms tops out at 180 s on managed and 300 s on Kubernetes (facts §8). */
export const requestSettings = (maxTimeoutMs: number) =>
  obj({
    request_timeout_ms: z.optional(int({ min: 1, max: maxTimeoutMs })),
    max_concurrent_requests_per_instance: z.optional(int({ min: 1 })),
    max_queue_wait_ms: z.optional(int({ min: 0 })),
  });
