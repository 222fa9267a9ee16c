/** What the pipeline workflow and README templates read (`pipeline.*` in the template context). */
import { frameworkById } from '../frameworks/index.js';
import type { DerivedNames } from '../plan/names.js';
import type { Spec } from '../spec/schema.js';
import { collectsData } from '../targets/online.js';
import { ASSET_VERSION, MIN_IMPROVEMENT, hasData, pipelineNames } from './components.js';
import { pipelineReadme } from './readme.js';

export function pipelineContext(spec: Spec, names: DerivedNames) {
  const p = pipelineNames(spec, names);
  return {
    enabled: spec.training === 'pipeline',
    hasData: hasData(spec),
    dataName: p.data,
    assetVersion: ASSET_VERSION,
    minImprovement: MIN_IMPROVEMENT,
    metric: frameworkById(spec.framework).objective.metric,
    goal: frameworkById(spec.framework).objective.goal,
    monitored: collectsData(spec),
    readme: pipelineReadme(spec, names),
  };
}
