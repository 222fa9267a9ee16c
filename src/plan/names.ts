import type { Spec } from '../spec/schema.js';

/** Azure resource names derived from the project name (each within the limits of azureml-facts.md §15). */
export interface DerivedNames {
  endpoint: string;
  deployment: string;
  model: string;
  tritonModel: string;
  environment: string;
  experiment: string;
}

const suffix: Record<Spec['target'], string> = { online: 'online', kubernetes: 'k8s', batch: 'batch', none: 'online' };

export function deriveNames(spec: Spec): DerivedNames {
  const slug = spec.name.toLowerCase();
  return {
    // ≤ 24 + 7 characters: within the 32 allowed; lowercase because it becomes a host name.
    endpoint: `${slug}-${suffix[spec.target]}`,
    deployment: 'blue',
    model: `${slug}-model`,
    tritonModel: slug.replace(/-/g, '_'),
    environment: `${slug}-env`,
    experiment: slug,
  };
}
