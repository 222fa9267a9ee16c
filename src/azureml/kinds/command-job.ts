/**
 * Command job, `type: command` (facts §2; SDK `_schema/job/command_job.py`).
 * `type` may be omitted (command is the default); `compute` may be omitted (serverless, facts §1.6).
 */
import * as z from 'zod/mini';
import { ciEnum, lazy, obj, once, rootMeta, str, stringMap } from '../fields.js';
import { environmentField } from './environment.js';
import { inputs, outputs } from './io.js';
import { commandLimits, distribution, jobMeta, jobResources, queueSettings, services } from './job-parts.js';

/** Fields of a runnable command, shared with sweep trials and pipeline command steps. */
export const commandFields = once(() => ({
  command: str({ nonEmpty: true }),
  code: z.optional(str({ nonEmpty: true })),
  environment: environmentField,
  environment_variables: z.optional(stringMap()),
  resources: z.optional(jobResources),
  distribution: z.optional(distribution),
  queue_settings: z.optional(queueSettings),
}));

export const commandJob = lazy(() => obj({
  ...rootMeta(stringMap(true)),
  ...jobMeta(),
  ...commandFields(),
  type: z.optional(ciEnum(['command'])),
  inputs: z.optional(inputs()),
  outputs: z.optional(outputs()),
  limits: z.optional(commandLimits),
  services: z.optional(services()),
  parent_job_name: z.optional(str()),
}));
