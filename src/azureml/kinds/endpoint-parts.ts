/**
 * Pieces shared by online and batch endpoints (facts §6, §8, §9; SDK `_schema/_endpoint/*`).
 */
import * as z from 'zod/mini';
import { anyMap, ciEnum, intMap, lazy, list, obj, once, opt, rootMeta, rule, str } from '../fields.js';
import { endpointName } from '../names.js';

const userAssigned = lazy(() =>
  obj({ resource_id: str({ nonEmpty: true }), client_id: opt(str()), principal_id: opt(str()) }),
);

/** Managed identity of an endpoint (facts §6): system_assigned, or user_assigned with identities. */
export const endpointIdentity = lazy(() => rule(
  obj({
    type: ciEnum(['system_assigned', 'user_assigned', 'system_assigned,user_assigned', 'none']),
    user_assigned_identities: opt(list(userAssigned)),
    principal_id: opt(str()),
    tenant_id: opt(str()),
  }),
  (v, ctx) => {
    const type = typeof v.type === 'string' ? v.type.toLowerCase() : '';
    if (type.includes('user_assigned') && v.user_assigned_identities === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['user_assigned_identities'],
        message: 'missing user_assigned_identities',
        params: { hint: 'needed for type user_assigned' },
      });
  },
));

/** Fields of every endpoint kind; `auth_mode` values differ per kind (facts §6, §8, §9). */
export const endpointBase = (authModes: string[]) => ({
  ...rootMeta(),
  name: endpointName('endpoint name'),
  auth_mode: opt(ciEnum(authModes)),
  identity: opt(endpointIdentity),
  properties: opt(anyMap()),
});

/** facts §6: traffic must sum to 0 or 100; mirror_traffic takes one deployment at <= 50 %. */
export function trafficRules(v: Record<string, unknown>, ctx: z.core.$RefinementCtx<unknown>) {
  const sum = (m: unknown) =>
    m && typeof m === 'object' ? Object.values(m).reduce<number>((s, x) => s + (Number(x) || 0), 0) : 0;
  if (v.traffic && typeof v.traffic === 'object' && ![0, 100].includes(sum(v.traffic)))
    ctx.addIssue({ code: 'custom', path: ['traffic'], message: `traffic percentages must sum to 0 or 100 (got ${sum(v.traffic)})` });
  if (v.mirror_traffic && typeof v.mirror_traffic === 'object') {
    const entries = Object.entries(v.mirror_traffic);
    if (entries.length > 1) ctx.addIssue({ code: 'custom', path: ['mirror_traffic'], message: 'mirror_traffic accepts a single deployment' });
    for (const [name, pct] of entries)
      if (Number(pct) > 50) ctx.addIssue({ code: 'custom', path: ['mirror_traffic', name], message: 'mirror_traffic must be <= 50' });
  }
}

export const onlineTraffic = once(() => ({
  traffic: opt(intMap()),
  mirror_traffic: opt(intMap()),
}));
