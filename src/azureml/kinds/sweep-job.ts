/**
 * Sweep job, `type: sweep` (facts §3; SDK `_schema/_sweep/*`).
 * `compute` and `limits` stay optional: `hello-sweep.yml` omits compute and the facts list limits as optional.
 * `services` is not part of the sweep schema (facts §3).
 */
import * as z from 'zod/mini';
import {
  byType,
  check,
  ciEnum,
  forward,
  int,
  isPlainObject,
  lazy,
  list,
  num,
  obj,
  once,
  opt,
  refined,
  rootMeta,
  rule,
  str,
  stringMap,
  typeName,
} from '../fields.js';
import { commandFields } from './command-job.js';
import { inputs, outputs } from './io.js';
import { jobMeta, jobResources, queueSettings } from './job-parts.js';

const SAMPLING = ['random', 'grid', 'bayesian'];

/** `random | grid | bayesian`, or `{type: random, seed, rule: random|sobol}`. */
const samplingObject = lazy(() => byType({
  random: obj({
    type: z.unknown(),
    seed: opt(int()),
    rule: opt(ciEnum(['random', 'sobol'])),
    logbase: opt(check((v) => (typeof v === 'number' || typeof v === 'string' ? undefined : `expected a number or string, got ${typeName(v)}`))),
  }),
  grid: obj({ type: z.unknown() }),
  bayesian: obj({ type: z.unknown() }),
}));
const samplingAlgorithm = lazy(() => refined((v, ctx) => {
  if (typeof v === 'string') {
    if (!SAMPLING.includes(v.toLowerCase())) ctx.addIssue({ code: 'custom', message: `must be one of: ${SAMPLING.join(', ')}` });
    return;
  }
  if (isPlainObject(v)) return forward(samplingObject, v, ctx);
  ctx.addIssue({ code: 'custom', message: `expected one of ${SAMPLING.join(', ')} or a mapping with type, got ${typeName(v)}` });
}));

const t = once(() => ({ type: z.unknown() }));
const minMax = once(() => ({ ...t(), min_value: num(), max_value: num() }));
const muSigma = once(() => ({ ...t(), mu: num(), sigma: num() }));
/** Search-space expressions and their keys (facts §3 table); each is built when a file first uses it. */
export const SEARCH_SPACE_TYPES = {
  choice: lazy(() => obj({ ...t(), values: list(z.unknown(), 1) })),
  randint: lazy(() => obj({ ...t(), upper: int() })),
  uniform: lazy(() => obj(minMax())),
  loguniform: lazy(() => obj(minMax())),
  quniform: lazy(() => obj({ ...minMax(), q: num() })),
  qloguniform: lazy(() => obj({ ...minMax(), q: num() })),
  normal: lazy(() => obj(muSigma())),
  lognormal: lazy(() => obj(muSigma())),
  qnormal: lazy(() => obj({ ...muSigma(), q: num() })),
  qlognormal: lazy(() => obj({ ...muSigma(), q: num() })),
};
const searchExpression = lazy(() => byType(SEARCH_SPACE_TYPES, { what: 'search-space expression' }));

const policyBase = once(() => ({
  type: z.unknown(),
  evaluation_interval: opt(int({ min: 0 })),
  delay_evaluation: opt(int({ min: 0 })),
}));
const earlyTermination = lazy(() => byType({
  bandit: rule(obj({ ...policyBase(), slack_factor: opt(num()), slack_amount: opt(num()) }), (v, ctx) => {
    if (v.slack_factor !== undefined && v.slack_amount !== undefined)
      ctx.addIssue({ code: 'custom', path: ['slack_amount'], message: 'set slack_factor or slack_amount, not both' });
  }),
  median_stopping: obj(policyBase()),
  truncation_selection: obj({ ...policyBase(), truncation_percentage: int({ min: 1, max: 99 }) }),
}));

const trial = lazy(() => obj({ ...commandFields(), resources: opt(jobResources) }));

/** facts §3: grid works only with choice; bayesian only with choice, uniform, quniform. */
const ALLOWED_BY_SAMPLING: Record<string, string[]> = { grid: ['choice'], bayesian: ['choice', 'uniform', 'quniform'] };
function samplingMatchesSpace(v: Record<string, unknown>, ctx: z.core.$RefinementCtx<unknown>) {
  const raw = isPlainObject(v.sampling_algorithm) ? v.sampling_algorithm.type : v.sampling_algorithm;
  const allowed = typeof raw === 'string' ? ALLOWED_BY_SAMPLING[raw.toLowerCase()] : undefined;
  if (!allowed || !isPlainObject(v.search_space)) return;
  for (const [name, expr] of Object.entries(v.search_space)) {
    const type = isPlainObject(expr) && typeof expr.type === 'string' ? expr.type.toLowerCase() : undefined;
    if (type && Object.hasOwn(SEARCH_SPACE_TYPES, type) && !allowed.includes(type))
      ctx.addIssue({
        code: 'custom',
        path: ['search_space', name, 'type'],
        message: `${String(raw).toLowerCase()} sampling supports only ${allowed.join(', ')} (got ${type})`,
      });
  }
}

export const sweepJob = lazy(() => rule(
  obj({
    ...rootMeta(stringMap(true)),
    ...jobMeta(),
    type: ciEnum(['sweep']),
    trial,
    sampling_algorithm: samplingAlgorithm,
    search_space: z.record(z.string(), searchExpression),
    objective: obj({ goal: ciEnum(['maximize', 'minimize']), primary_metric: str({ nonEmpty: true }) }),
    early_termination: opt(earlyTermination),
    limits: opt(obj({
      max_total_trials: opt(int({ min: 1 })),
      max_concurrent_trials: opt(int({ min: 1 })),
      timeout: opt(int({ min: 1 })),
      trial_timeout: opt(int({ min: 1 })),
    })),
    inputs: opt(inputs()),
    outputs: opt(outputs()),
    queue_settings: opt(queueSettings),
    resources: opt(jobResources),
  }),
  samplingMatchesSpace,
));
