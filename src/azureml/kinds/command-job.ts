/**
 * Command job, `type: command` (facts §2; SDK `_schema/job/command_job.py`).
 * `type` may be omitted (command is the default); `compute` may be omitted (serverless, facts §1.6).
 */
import { ciEnum, lazy, obj, once, opt, rootMeta, str, stringMap } from '../fields.js';
import { environmentField } from './environment.js';
import { inputs, outputs } from './io.js';
import { commandLimits, distribution, jobMeta, jobResources, queueSettings, services } from './job-parts.js';

/** Fields of a runnable command, shared with sweep trials and pipeline command steps. */
export const commandFields = once(() => ({
  command: str({ nonEmpty: true }),
  code: opt(str({ nonEmpty: true })),
  environment: environmentField,
  environment_variables: opt(stringMap()),
  resources: opt(jobResources),
  distribution: opt(distribution),
  queue_settings: opt(queueSettings),
}));

export const commandJob = lazy(() => obj({
  ...rootMeta(stringMap(true)),
  ...jobMeta(),
  ...commandFields(),
  type: opt(ciEnum(['command'])),
  inputs: opt(inputs()),
  outputs: opt(outputs()),
  limits: opt(commandLimits),
  services: opt(services()),
  parent_job_name: opt(str()),
}));
