/**
 * Kubernetes online deployment (facts §8): `type: kubernetes`, cluster instance types, resource
 * requests/limits as strings, `default` or `target_utilization` scaling, 300 s request timeout, and
 * endpoint + deployment names of at most 62 characters together.
 */
import * as z from 'zod/mini';
import { byType, ciEnum, int, isPlainObject, lazy, obj, opt, rule, str, stringMap } from '../fields.js';
import { requestSettings } from './deployment-parts.js';
import { onlineDeploymentFields } from './managed-online-deployment.js';

const scaleSettings = lazy(() => byType({
  default: obj({ type: z.unknown() }),
  target_utilization: obj({
    type: z.unknown(),
    min_instances: opt(int({ min: 0 })),
    max_instances: opt(int({ min: 1 })),
    target_utilization_percentage: opt(int({ min: 1, max: 100 })),
    polling_interval: opt(int({ min: 1 })),
  }),
}));

export const kubernetesOnlineDeployment = lazy(() => rule(
  obj({
    ...onlineDeploymentFields(),
    type: opt(ciEnum(['kubernetes'])),
    instance_type: opt(str()),
    instance_count: opt(int({ min: 1 })),
    // keys are Kubernetes resource names (cpu, memory, nvidia.com/gpu); values must be strings ("0.1")
    resources: opt(obj({ requests: opt(stringMap()), limits: opt(stringMap()) })),
    scale_settings: opt(scaleSettings),
    request_settings: opt(requestSettings(300_000)),
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
