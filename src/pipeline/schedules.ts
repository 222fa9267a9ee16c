/**
 * Azure ML schedules of a pipeline project: retraining (cron, runs jobs/pipeline.yml) and, for online
 * targets, model monitoring (create_monitor: data drift and prediction drift against the training
 * data asset). The workflow creates the retraining schedule only when the repository variable
 * RETRAIN_SCHEDULE is "true"; it points the monitor at the deployment that takes the traffic.
 */
import { frameworkById } from '../frameworks/index.js';
import type { DerivedNames } from '../plan/names.js';
import { schemaUrl, toYaml } from '../plan/yaml.js';
import type { Spec } from '../spec/schema.js';
import { collectsData } from '../targets/online.js';
import { ASSET_VERSION, pipelineNames } from './components.js';

/** Mondays 03:00 UTC: weekly retraining; the gate keeps the champion unless the new model is better. */
export const RETRAIN_CRON = '0 3 * * 1';

export function retrainSchedule(spec: Spec, names: DerivedNames): string {
  return toYaml({
    $schema: schemaUrl('schedule'),
    name: `${spec.name.toLowerCase()}-retrain`,
    display_name: `Retrain ${spec.name}`,
    description: 'Runs the training pipeline on a schedule; its gate registers a model only when it beats the champion.',
    trigger: { type: 'cron', expression: RETRAIN_CRON, time_zone: 'UTC' },
    create_job: '../jobs/pipeline.yml',
  }, `Retraining schedule. Created by the workflow when the repository variable RETRAIN_SCHEDULE is "true";\nby hand: az ml schedule create -f schedules/retrain.yml. Experiment: ${names.experiment}.`);
}

/** Monitoring: managed and Kubernetes online deployments collect production data (data_collector); Triton cannot. */
export function monitorSchedule(spec: Spec, names: DerivedNames): string | undefined {
  if (!collectsData(spec)) return undefined;
  const fw = frameworkById(spec.framework);
  const p = pipelineNames(spec, names);
  // Data drift compares tabular features, so it runs for tabular models, against the training data.
  // Image and RL requests are not tabular (score_monitored.py collects only their predictions):
  // prediction drift alone, against recent past production data (Azure ML's default baseline).
  const signals: Record<string, unknown> = {};
  if (fw.tabular && fw.dataInput) {
    signals.data_drift = {
      type: 'data_drift',
      reference_data: { input_data: { path: `azureml:${p.data}:${ASSET_VERSION}`, type: fw.dataInput.type }, data_context: 'training' },
      production_data: { data_context: 'model_inputs' },
    };
  }
  signals.prediction_drift = { type: 'prediction_drift', production_data: { data_context: 'model_outputs' } };
  return toYaml({
    $schema: schemaUrl('monitorSchedule'),
    name: `${spec.name.toLowerCase()}-monitor`,
    display_name: `Monitor ${names.endpoint}`,
    description: fw.tabular
      ? 'Daily data drift (against the training data) and prediction drift of the live deployment.'
      : 'Daily prediction drift of the live deployment.',
    trigger: { type: 'recurrence', frequency: 'day', interval: 1, schedule: { hours: 4, minutes: 0 } },
    create_monitor: {
      compute: { instance_type: 'standard_e4s_v3', runtime_version: '3.3' },
      monitoring_target: {
        ml_task: 'classification',
        // The workflow sets the deployment that takes the traffic after each rollout.
        endpoint_deployment_id: `azureml:${names.endpoint}:${names.deployment}`,
      },
      monitoring_signals: signals,
    },
  }, 'Model monitoring schedule (Azure ML model monitoring, serverless Spark).\nCreated by the workflow after each rollout: az ml schedule create -f monitoring/monitor.yml');
}
