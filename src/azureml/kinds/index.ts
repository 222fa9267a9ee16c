/** Every kind `validate` understands, keyed by the id used in `--kind` and in reports. */
import type * as z from 'zod/mini';
import { batchDeployment } from './batch-deployment.js';
import { batchEndpoint } from './batch-endpoint.js';
import { commandJob } from './command-job.js';
import { conda } from './conda.js';
import { data } from './data.js';
import { environment } from './environment.js';
import { kubernetesOnlineDeployment } from './kubernetes-online-deployment.js';
import { kubernetesOnlineEndpoint } from './kubernetes-online-endpoint.js';
import { managedOnlineDeployment } from './managed-online-deployment.js';
import { managedOnlineEndpoint } from './managed-online-endpoint.js';
import { model } from './model.js';
import { modelBatchDeployment } from './model-batch-deployment.js';
import { pipelineJob } from './pipeline-job.js';
import { sweepJob } from './sweep-job.js';
import { commandComponent, parallelComponent, pipelineComponent, sparkComponent } from './component.js';
import { automlJob, distillationJob, fineTuningJob, sparkJob } from './more-jobs.js';
import { compute, connection, datastore, registry, workspace } from './resources.js';
import { schedule } from './schedule.js';
import { dataImport } from './data-import.js';
import { modelPackage } from './model-package.js';
import { serverlessEndpoint } from './serverless-endpoint.js';
import { pipelineComponentBatchDeployment } from './pipeline-batch-deployment.js';

export const KIND_SCHEMAS = {
  commandJob,
  sweepJob,
  pipelineJob,
  environment,
  model,
  data,
  managedOnlineEndpoint,
  kubernetesOnlineEndpoint,
  managedOnlineDeployment,
  kubernetesOnlineDeployment,
  batchEndpoint,
  modelBatchDeployment,
  batchDeployment,
  conda,
  automlJob,
  sparkJob,
  fineTuningJob,
  distillationJob,
  commandComponent,
  pipelineComponent,
  sparkComponent,
  parallelComponent,
  pipelineComponentBatchDeployment,
  serverlessEndpoint,
  schedule,
  compute,
  datastore,
  connection,
  workspace,
  registry,
  dataImport,
  modelPackage,
} satisfies Record<string, z.ZodMiniType>;

export type Kind = keyof typeof KIND_SCHEMAS;
export const KINDS = Object.keys(KIND_SCHEMAS) as readonly Kind[];

export const isKind = (k: string): k is Kind => Object.hasOwn(KIND_SCHEMAS, k);

export const ENDPOINT_KINDS: readonly Kind[] = ['managedOnlineEndpoint', 'kubernetesOnlineEndpoint', 'batchEndpoint'];
export const DEPLOYMENT_KINDS: readonly Kind[] = [
  'managedOnlineDeployment',
  'kubernetesOnlineDeployment',
  'modelBatchDeployment',
  'batchDeployment',
  'pipelineComponentBatchDeployment',
];
export const JOB_KINDS: readonly Kind[] = ['commandJob', 'sweepJob', 'pipelineJob', 'automlJob', 'sparkJob', 'fineTuningJob', 'distillationJob'];
