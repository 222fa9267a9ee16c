/**
 * Schedule (SDK `_schema/schedule/*`; learn.microsoft.com "CLI (v2) schedule YAML schema"): a cron or
 * recurrence trigger and exactly one action: `create_job` (a job file or inline job),
 * `create_monitor` (model monitoring) or `import_data` (a data import).
 */
import * as z from 'zod/mini';
import { anyMap, byType, ciEnum, int, lazy, obj, once, opt, rootMeta, rule, str } from '../fields.js';

const triggerBase = once(() => ({ type: z.unknown(), start_time: opt(str()), end_time: opt(str()), time_zone: opt(str()) }));
const trigger = lazy(() => byType({
  cron: obj({ ...triggerBase(), expression: str({ nonEmpty: true }) }),
  recurrence: obj({
    ...triggerBase(),
    frequency: ciEnum(['minute', 'hour', 'day', 'week', 'month']),
    interval: int({ min: 1 }),
    schedule: opt(obj({ hours: opt(z.unknown()), minutes: opt(z.unknown()), week_days: opt(z.unknown()), month_days: opt(z.unknown()) })),
  }),
}, { what: 'trigger' }));

const ACTIONS = ['create_job', 'create_monitor', 'import_data'];

export const schedule = lazy(() => rule(
  obj({
    ...rootMeta(),
    name: str({ nonEmpty: true }),
    display_name: opt(str()),
    properties: opt(anyMap()),
    trigger,
    create_job: opt(z.unknown()),
    create_monitor: opt(anyMap()),
    import_data: opt(z.unknown()),
  }),
  (v, ctx) => {
    const given = ACTIONS.filter((a) => v[a] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({ code: 'custom', message: `a schedule needs exactly one of ${ACTIONS.join(', ')} (${given.length ? `got ${given.join(' and ')}` : 'none is set'})` });
  },
));
