/** Serverless endpoint (SDK `_schema/_endpoint/serverless_endpoint.py`): a model from the catalog served pay-as-you-go. */
import * as z from 'zod/mini';
import { anyMap, ciEnum, lazy, obj, opt, rootMeta, str } from '../fields.js';
import { endpointName } from '../names.js';

export const serverlessEndpoint = lazy(() => obj({
  ...rootMeta(),
  name: endpointName('endpoint name'),
  model_id: str({ nonEmpty: true }),
  auth_mode: opt(ciEnum(['key', 'aad'])),
  content_safety: opt(anyMap()),
  location: opt(str()),
  properties: opt(anyMap()),
  inference_endpoint: opt(z.unknown()),
}, { lenient: true }));
