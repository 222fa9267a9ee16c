/** Managed online endpoint (facts §6). `traffic` cannot be set at creation, but is valid YAML for updates. */
import { ciEnum, lazy, obj, opt, rule } from '../fields.js';
import { endpointBase, onlineTraffic, trafficRules } from './endpoint-parts.js';

export const managedOnlineEndpoint = lazy(() => rule(
  obj({
    ...endpointBase(['key', 'aml_token', 'aad_token']),
    ...onlineTraffic(),
    public_network_access: opt(ciEnum(['enabled', 'disabled'])),
  }),
  trafficRules,
));
