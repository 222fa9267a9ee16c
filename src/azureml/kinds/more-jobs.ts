/**
 * Job kinds beyond command/sweep/pipeline: automl, spark, fine-tuning and distillation (SDK
 * `_schema/automl/*`, `_schema/spark/*`, `_schema/job/finetuning_*`, `distillation_job.py`; the
 * learn.microsoft.com CLI (v2) YAML schema pages). AutoML is huge and grows each release: its
 * top-level keys and the enums below are checked, its nested settings are not.
 */
import * as z from 'zod/mini';
import { anyMap, ciEnum, lazy, obj, once, openEnum, opt, rootMeta, str, stringMap } from '../fields.js';
import { environmentField } from './environment.js';
import { inputs, outputs } from './io.js';
import { jobMeta, jobResources, queueSettings, services } from './job-parts.js';
import { sparkFields } from './component.js';

const any = () => opt(z.unknown());
const jobBase = once(() => ({ ...rootMeta(stringMap(true)), ...jobMeta() }));

export const AUTOML_TASKS = [
  'classification', 'regression', 'forecasting',
  'image_classification', 'image_classification_multilabel', 'image_object_detection', 'image_instance_segmentation',
  'text_classification', 'text_classification_multilabel', 'text_ner',
];

export const FINETUNING_TASKS = [
  'chat_completion', 'text_completion', 'text_generation', 'text_classification', 'token_classification', 'question_answering',
  'summarization', 'translation', 'image_classification', 'image_classification_multilabel', 'image_object_detection',
  'image_instance_segmentation',
];

export const automlJob = lazy(() => obj({
  ...jobBase(),
  type: ciEnum(['automl']),
  task: ciEnum(AUTOML_TASKS),
  log_verbosity: opt(ciEnum(['not_set', 'debug', 'info', 'warning', 'error', 'critical'])),
  primary_metric: opt(str()),
  target_column_name: opt(str()),
  training_data: z.unknown(),
  validation_data: any(),
  test_data: any(),
  validation_data_size: any(),
  test_data_size: any(),
  n_cross_validations: any(),
  cv_split_column_names: any(),
  weight_column_name: any(),
  positive_label: any(),
  featurization: opt(anyMap()),
  forecasting: opt(anyMap()),
  training: opt(anyMap()),
  limits: opt(anyMap()),
  training_parameters: opt(anyMap()),
  search_space: any(),
  sweep: opt(anyMap()),
  environment_id: opt(str()),
  environment_variables: opt(stringMap()),
  outputs: opt(outputs()),
  resources: opt(jobResources),
  queue_settings: opt(queueSettings),
  services: opt(services()),
}));

export const sparkJob = lazy(() => obj({
  ...jobBase(),
  ...sparkFields(),
  type: ciEnum(['spark']),
  inputs: opt(inputs()),
  outputs: opt(outputs()),
  resources: opt(obj({ instance_type: opt(str()), runtime_version: opt(str()) })),
  services: opt(services()),
  queue_settings: opt(queueSettings),
  environment: opt(environmentField),
}));

export const fineTuningJob = lazy(() => obj({
  ...jobBase(),
  type: ciEnum(['finetuning']),
  task: openEnum(FINETUNING_TASKS),
  model: z.unknown(),
  model_provider: opt(ciEnum(['custom', 'azure_openai', 'azureopenai'])),
  training_data: z.unknown(),
  validation_data: any(),
  hyperparameters: opt(anyMap()),
  outputs: opt(outputs()),
  resources: opt(anyMap()),
  queue_settings: opt(queueSettings),
}));

export const distillationJob = lazy(() => obj({
  ...jobBase(),
  type: ciEnum(['distillation']),
  data_generation_type: opt(openEnum(['label_generation', 'data_generation'])),
  data_generation_task_type: opt(openEnum(['nli', 'nlu_qa', 'conversation', 'math', 'summarization'])),
  teacher_model_endpoint_connection: z.unknown(),
  student_model: z.unknown(),
  training_data: any(),
  validation_data: any(),
  teacher_model_settings: opt(anyMap()),
  prompt_settings: opt(anyMap()),
  hyperparameters: opt(anyMap()),
  outputs: opt(outputs()),
  resources: opt(anyMap()),
}));
