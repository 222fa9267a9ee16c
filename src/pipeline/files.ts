/** The generated (not templated) files of `--training pipeline`, for src/plan/plan.ts. */
import type { DerivedNames } from '../plan/names.js';
import type { Spec } from '../spec/schema.js';
import { dataAsset, evaluateComponent, hasData, pipelineJob, prepComponent, registerComponent, trainComponent } from './components.js';
import { monitorSchedule, retrainSchedule } from './schedules.js';

export function pipelineFiles(spec: Spec, names: DerivedNames): Array<{ path: string; content: string; origin: string }> {
  if (spec.training !== 'pipeline') return [];
  const files: Array<{ path: string; content: string | undefined }> = [
    { path: 'components/prep.yml', content: hasData(spec) ? prepComponent(spec, names) : undefined },
    { path: 'components/train.yml', content: trainComponent(spec, names) },
    { path: 'components/evaluate.yml', content: evaluateComponent(spec, names) },
    { path: 'components/register.yml', content: registerComponent(spec, names) },
    { path: 'jobs/pipeline.yml', content: pipelineJob(spec, names) },
    { path: 'data/training-data.yml', content: dataAsset(spec, names) },
    { path: 'schedules/retrain.yml', content: retrainSchedule(spec, names) },
    { path: 'monitoring/monitor.yml', content: monitorSchedule(spec, names) },
  ];
  return files
    .filter((f): f is { path: string; content: string } => f.content !== undefined)
    .map((f) => ({ ...f, origin: 'pipeline' }));
}
