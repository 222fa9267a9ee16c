/**
 * Managed online deployment (facts §7). `instance_type` and `instance_count` are required; scale
 * settings only accept `default`. `model`, `environment` and `code_configuration` are optional because
 * MLflow/Triton no-code deployments omit them (facts §13.3, §13.4).
 */
import * as z from 'zod';
import { anyMap, bool, byType, ciEnum, int, lazy, obj, once, str } from '../fields.js';
import { deploymentBase, probe, requestSettings } from './deployment-parts.js';

export const onlineDeploymentFields = once(() => ({
  ...deploymentBase(),
  app_insights_enabled: bool().optional(),
  liveness_probe: probe.optional(),
  readiness_probe: probe.optional(),
  model_mount_path: str().optional(),
  data_collector: anyMap().optional(),
}));

export const managedOnlineDeployment = lazy(() => obj({
  ...onlineDeploymentFields(),
  type: ciEnum(['managed']).optional(),
  instance_type: str({ nonEmpty: true }),
  instance_count: int({ min: 1 }),
  scale_settings: byType({ default: obj({ type: z.unknown() }) }).optional(),
  request_settings: requestSettings(180_000).optional(),
  egress_public_network_access: ciEnum(['enabled', 'disabled']).optional(),
  private_network_connection: bool().optional(),
}));
