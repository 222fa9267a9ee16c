/**
 * Kubernetes online deployment (facts §8): `type: kubernetes`, cluster instance types, resource
 * requests/limits as strings, `default` or `target_utilization` scaling, 300 s request timeout, and
 * endpoint + deployment names of at most 62 characters together.
 */
import * as z from 'zod';
import { byType, ciEnum, int, isPlainObject, lazy, obj, rule, str, stringMap } from '../fields.js';
import { requestSettings } from './deployment-parts.js';
import { onlineDeploymentFields } from './managed-online-deployment.js';

const scaleSettings = lazy(() => byType({
  default: obj({ type: z.unknown() }),
  target_utilization: obj({
    type: z.unknown(),
    min_instances: int({ min: 0 }).optional(),
    max_instances: int({ min: 1 }).optional(),
    target_utilization_percentage: int({ min: 1, max: 100 }).optional(),
    polling_interval: int({ min: 1 }).optional(),
  }),
}));

export const kubernetesOnlineDeployment = lazy(() => rule(
  obj({
    ...onlineDeploymentFields(),
    type: ciEnum(['kubernetes']).optional(),
    instance_type: str().optional(),
    instance_count: int({ min: 1 }).optional(),
    // keys are Kubernetes resource names (cpu, memory, nvidia.com/gpu); values must be strings ("0.1")
    resources: obj({ requests: stringMap().optional(), limits: stringMap().optional() }).optional(),
    scale_settings: scaleSettings.optional(),
    request_settings: requestSettings(300_000).optional(),
  }),
  (v, ctx) => {
    const scaleType = isPlainObject(v.scale_settings) ? String(v.scale_settings.type).toLowerCase() : undefined;
    if (scaleType === 'default' && v.instance_count === undefined)
      ctx.addIssue({ code: 'custom', path: ['instance_count'], message: 'missing instance_count', params: { hint: 'required with scale_settings type default' } });
    const combined = typeof v.name === 'string' && typeof v.endpoint_name === 'string' ? v.name.length + v.endpoint_name.length : 0;
    if (combined > 62)
      ctx.addIssue({ code: 'custom', path: ['name'], message: `endpoint_name and name together must be at most 62 characters on Kubernetes (got ${combined})` });
  },
));
