/**
 * Managed online deployment (facts §7). `instance_type` and `instance_count` are required; scale
 * settings only accept `default`. `model`, `environment` and `code_configuration` are optional because
 * MLflow/Triton no-code deployments omit them (facts §13.3, §13.4).
 */
import * as z from 'zod/mini';
import { anyMap, bool, byType, ciEnum, int, lazy, obj, once, str } from '../fields.js';
import { deploymentBase, probe, requestSettings } from './deployment-parts.js';

export const onlineDeploymentFields = once(() => ({
  ...deploymentBase(),
  app_insights_enabled: z.optional(bool()),
  liveness_probe: z.optional(probe),
  readiness_probe: z.optional(probe),
  model_mount_path: z.optional(str()),
  data_collector: z.optional(anyMap()),
}));

export const managedOnlineDeployment = lazy(() => obj({
  ...onlineDeploymentFields(),
  type: z.optional(ciEnum(['managed'])),
  instance_type: str({ nonEmpty: true }),
  instance_count: int({ min: 1 }),
  scale_settings: z.optional(byType({ default: obj({ type: z.unknown() }) })),
  request_settings: z.optional(requestSettings(180_000)),
  egress_public_network_access: z.optional(ciEnum(['enabled', 'disabled'])),
  private_network_connection: z.optional(bool()),
}));
