/**
 * Kubernetes online endpoint (facts §8): `compute` (the attached cluster) is required, there is no
 * Entra-token data plane (no aad_token) and no public_network_access.
 */
import { lazy, obj, rule, str } from '../fields.js';
import { endpointBase, onlineTraffic, trafficRules } from './endpoint-parts.js';

export const kubernetesOnlineEndpoint = lazy(() => rule(
  obj({
    ...endpointBase(['key', 'aml_token']),
    ...onlineTraffic(),
    compute: str({ nonEmpty: true }),
  }),
  trafficRules,
));
