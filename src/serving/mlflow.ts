import { frameworkById } from '../frameworks/index.js';
import type { Spec } from '../spec/schema.js';
import { requestJson } from './tensor.js';

/** `deploy/sample-request.json` for MLflow online serving (batch reads `deploy/sample-batch/` instead). */
export function mlflowRequestFiles(spec: Spec): Array<{ path: string; content: string }> {
  const sample = frameworkById(spec.framework).mlflowSampleRequest;
  if (spec.serving !== 'mlflow' || spec.target === 'batch' || spec.target === 'none' || !sample) return [];
  return [{ path: 'deploy/sample-request.json', content: `${requestJson(sample)}\n` }];
}
