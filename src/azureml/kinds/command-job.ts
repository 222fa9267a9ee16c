/**
 * Command job, `type: command` (facts §2; SDK `_schema/job/command_job.py`).
 * `type` may be omitted (command is the default); `compute` may be omitted (serverless, facts §1.6).
 */
import { ciEnum, lazy, obj, once, rootMeta, str, stringMap } from '../fields.js';
import { environmentField } from './environment.js';
import { inputs, outputs } from './io.js';
import { commandLimits, distribution, jobMeta, jobResources, queueSettings, services } from './job-parts.js';

/** Fields of a runnable command, shared with sweep trials and pipeline command steps. */
export const commandFields = once(() => ({
  command: str({ nonEmpty: true }),
  code: str({ nonEmpty: true }).optional(),
  environment: environmentField,
  environment_variables: stringMap().optional(),
  resources: jobResources.optional(),
  distribution: distribution.optional(),
  queue_settings: queueSettings.optional(),
}));

export const commandJob = lazy(() => obj({
  ...rootMeta(stringMap(true)),
  ...jobMeta(),
  ...commandFields(),
  type: ciEnum(['command']).optional(),
  inputs: inputs().optional(),
  outputs: outputs().optional(),
  limits: commandLimits.optional(),
  services: services().optional(),
  parent_job_name: str().optional(),
}));
