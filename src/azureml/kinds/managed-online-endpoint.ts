/** Managed online endpoint (facts §6). `traffic` cannot be set at creation, but is valid YAML for updates. */
import * as z from 'zod/mini';
import { ciEnum, lazy, obj, rule } from '../fields.js';
import { endpointBase, onlineTraffic, trafficRules } from './endpoint-parts.js';

export const managedOnlineEndpoint = lazy(() => rule(
  obj({
    ...endpointBase(['key', 'aml_token', 'aad_token']),
    ...onlineTraffic(),
    public_network_access: z.optional(ciEnum(['enabled', 'disabled'])),
  }),
  trafficRules,
));
