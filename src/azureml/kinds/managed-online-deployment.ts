/**
 * Managed online deployment (facts §7). `instance_type` and `instance_count` are required; scale
 * settings only accept `default`. `model`, `environment` and `code_configuration` are optional because
 * MLflow/Triton no-code deployments omit them (facts §13.3, §13.4).
 */
import * as z from 'zod/mini';
import { anyMap, bool, byType, ciEnum, int, lazy, obj, once, opt, str } from '../fields.js';
import { deploymentBase, probe, requestSettings } from './deployment-parts.js';

export const onlineDeploymentFields = once(() => ({
  ...deploymentBase(),
  app_insights_enabled: opt(bool()),
  liveness_probe: opt(probe),
  readiness_probe: opt(probe),
  model_mount_path: opt(str()),
  data_collector: opt(anyMap()),
}));

export const managedOnlineDeployment = lazy(() => obj({
  ...onlineDeploymentFields(),
  type: opt(ciEnum(['managed'])),
  instance_type: str({ nonEmpty: true }),
  instance_count: int({ min: 1 }),
  scale_settings: opt(byType({ default: obj({ type: z.unknown() }) })),
  request_settings: opt(requestSettings(180_000)),
  egress_public_network_access: opt(ciEnum(['enabled', 'disabled'])),
  private_network_connection: opt(bool()),
}));
