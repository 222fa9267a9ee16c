/**
 * Pipeline job, `type: pipeline` (SDK `_schema/pipeline/pipeline_job.py`).
 *
 * Checked strictly: the top level and inline command steps under `jobs:` (a step with no `component`
 * and `type: command` or no type). Deliberately loose, because the SDK loads them with
 * `unknown=INCLUDE` or through component schemas we do not model:
 * - steps that reference a `component:` (only their inputs/outputs values are checked);
 * - other step types (sweep, parallel, spark, automl, pipeline, data_transfer, import, …);
 * - `settings:` (default_compute, default_datastore, continue_on_step_failure, … any key).
 * Bindings such as `${{parent.inputs.x}}` are checked in references.ts.
 */
import * as z from 'zod/mini';
import {
  bool,
  ciEnum,
  forward,
  isPlainObject,
  lazy,
  obj,
  opt,
  refined,
  rootMeta,
  rule,
  str,
  stringMap,
  typeName,
} from '../fields.js';
import { stepNameProblem } from '../names.js';
import { commandFields } from './command-job.js';
import { inputs, outputs } from './io.js';
import { commandLimits, jobMeta, services } from './job-parts.js';

const commandStep = lazy(() => obj({
  ...rootMeta(stringMap(true)),
  ...jobMeta(),
  ...commandFields(),
  type: opt(z.unknown()),
  inputs: opt(inputs()),
  outputs: opt(outputs(true)),
  limits: opt(commandLimits),
  services: opt(services()),
}));

/** Step types a pipeline accepts (SDK `_schema/pipeline/component_job.py` and the node schemas). */
export const STEP_TYPES = ['command', 'sweep', 'parallel', 'spark', 'automl', 'pipeline', 'data_transfer', 'import', 'flow', 'finetuning', 'distillation'];

const looseStep = lazy(() => z.looseObject({
  type: opt(ciEnum(STEP_TYPES)),
  inputs: opt(inputs()),
  outputs: opt(outputs(true)),
}));

const step = lazy(() => refined((v, ctx) => {
  if (!isPlainObject(v)) {
    ctx.addIssue({ code: 'custom', message: `expected a step mapping, got ${typeName(v)}` });
    return;
  }
  const type = typeof v.type === 'string' ? v.type.toLowerCase() : v.type;
  const inlineCommand = v.component === undefined && (type === undefined || type === 'command');
  forward(inlineCommand ? commandStep : looseStep, v, ctx);
}));

export const pipelineJobs = lazy(() => rule(z.record(z.string(), step), (v, ctx) => {
  for (const name of Object.keys(v)) {
    const problem = stepNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem, params: { atKey: true } });
  }
}));

/** SDK `PipelineJobSettingsSchema` (unknown=INCLUDE: other keys are kept and ignored, so warnings). */
const pipelineSettings = lazy(() => obj({
  default_compute: opt(str({ nonEmpty: true })),
  default_datastore: opt(str({ nonEmpty: true })),
  default_environment: opt(str()),
  continue_on_step_failure: opt(bool()),
  force_rerun: opt(bool()),
  on_init: opt(str()),
  on_finalize: opt(str()),
}, { open: true }));

export const pipelineJob = lazy(() => rule(
  obj({
    ...rootMeta(stringMap(true)),
    ...jobMeta(),
    type: ciEnum(['pipeline']),
    jobs: opt(pipelineJobs),
    component: opt(str()),
    inputs: opt(inputs()),
    outputs: opt(outputs()),
    settings: opt(pipelineSettings),
    services: opt(services()),
  }),
  (v, ctx) => {
    if (v.jobs === undefined && v.component === undefined)
      ctx.addIssue({ code: 'custom', path: ['jobs'], message: 'missing jobs', params: { hint: 'a pipeline needs jobs: or component:' } });
  },
));
