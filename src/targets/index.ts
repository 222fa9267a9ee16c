import type { Spec } from '../spec/schema.js';
import type { DerivedNames } from '../plan/names.js';
import { batchDeployment, batchEndpoint } from './batch.js';
import { kubernetesDeployment, managedDeployment, onlineEndpoint } from './online.js';

export interface Target {
  id: Spec['target'];
  title: string;
  summary: string;
  unsupported?: (spec: Spec) => string | undefined;
  /** deploy/endpoint.yml and deploy/deployment.yml as objects, or null for a training-only project. */
  deploy: ((spec: Spec, names: DerivedNames) => { endpoint: object; deployment: object }) | null;
}

/** In display order. */
export const targets: readonly Target[] = [
  {
    id: 'online',
    title: 'Managed online endpoint',
    summary: 'a real-time HTTPS endpoint on Azure-managed VMs',
    deploy: (s, n) => ({ endpoint: onlineEndpoint(s, n, 'managed'), deployment: managedDeployment(s, n) }),
  },
  {
    id: 'kubernetes',
    title: 'Kubernetes online endpoint',
    summary: 'a real-time endpoint on your attached AKS or Arc cluster',
    deploy: (s, n) => ({ endpoint: onlineEndpoint(s, n, 'kubernetes'), deployment: kubernetesDeployment(s, n) }),
  },
  {
    id: 'batch',
    title: 'Batch endpoint',
    summary: 'scores folders of files on a compute cluster',
    unsupported: (s) =>
      s.compute === 'serverless' ? 'batch deployments run on a compute cluster; pass --compute <cluster-name>' : undefined,
    deploy: (s, n) => ({ endpoint: batchEndpoint(s, n), deployment: batchDeployment(s, n) }),
  },
  { id: 'none', title: 'No deployment', summary: 'training only; add a target later with `aml-scaffold add target`', deploy: null },
];

export function targetById(id: Spec['target']): Target {
  const t = targets.find((x) => x.id === id);
  if (!t) throw new Error(`unknown target ${id}`);
  return t;
}
