/** Batch endpoint (facts §9): auth is aad_token only; `defaults.deployment_name` picks the default deployment. */
import { lazy, obj, opt } from '../fields.js';
import { endpointName } from '../names.js';
import { endpointBase } from './endpoint-parts.js';

export const batchEndpoint = lazy(() => obj({
  ...endpointBase(['aad_token']),
  defaults: opt(obj({ deployment_name: endpointName('deployment name') })),
}));
