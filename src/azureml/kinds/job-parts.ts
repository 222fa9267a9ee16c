/**
 * Blocks shared by command jobs, sweep trials and pipeline command steps
 * (facts §2, §12; SDK `_schema/job/*`, `job_resource_configuration.py`).
 */
import * as z from 'zod/mini';
import { anyMap, bool, byType, ciEnum, int, lazy, list, obj, once, opt, str, stringMap } from '../fields.js';

/** facts §12: each distribution type has its own keys; MPI needs process_count_per_instance. */
export const distribution = lazy(() => byType(
  {
    pytorch: obj({ type: z.unknown(), process_count_per_instance: opt(int({ min: 1 })) }),
    tensorflow: obj({
      type: z.unknown(),
      worker_count: opt(int({ min: 1 })),
      parameter_server_count: opt(int({ min: 0 })),
    }),
    mpi: obj({ type: z.unknown(), process_count_per_instance: int({ min: 1 }) }),
    ray: obj({
      type: z.unknown(),
      port: opt(int()),
      address: opt(str()),
      include_dashboard: opt(bool()),
      dashboard_port: opt(int()),
      head_node_additional_args: opt(str()),
      worker_node_additional_args: opt(str()),
    }),
  },
  { what: 'distribution' },
));

export const jobResources = lazy(() => obj({
  instance_count: opt(int({ min: 1 })),
  instance_type: opt(str()),
  shm_size: opt(str()),
  docker_args: opt(str()),
  locations: opt(list(str())),
  max_instance_count: opt(int({ min: 1 })),
  properties: opt(anyMap()),
}));

export const commandLimits = lazy(() => obj({ timeout: opt(int({ min: 1 })) }));

export const queueSettings = lazy(() => obj({
  job_tier: opt(ciEnum(['spot', 'basic', 'standard', 'premium'])),
  priority: opt(ciEnum(['low', 'medium', 'high'])),
}));

/** `managed_identity` is the SDK's alias of `managed`. */
export const jobIdentity = lazy(() => byType(
  {
    user_identity: obj({ type: z.unknown() }),
    managed: obj({ type: z.unknown(), client_id: opt(str()), object_id: opt(str()), msi_resource_id: opt(str()) }),
    managed_identity: obj({ type: z.unknown(), client_id: opt(str()), object_id: opt(str()), msi_resource_id: opt(str()) }),
    aml_token: obj({ type: z.unknown() }),
  },
  { what: 'identity' },
));

/** Interactive services (extras-facts §1; SDK `_schema/job/services.py`). */
const serviceBase = once(() => ({
  type: z.unknown(),
  port: opt(int()),
  nodes: opt(str()),
  properties: opt(anyMap()),
}));
const service = lazy(() => byType({
  ssh: obj({ ...serviceBase(), ssh_public_keys: opt(str()) }),
  tensor_board: obj({ ...serviceBase(), log_dir: opt(str()) }),
  vs_code: obj(serviceBase()),
  jupyter_lab: obj(serviceBase()),
}));
export const services = () => z.record(z.string(), service);

/** Keys every job kind accepts (SDK BaseJobSchema). Job tags are `Dict(Str, Str)`. */
export const jobMeta = once(() => ({
  name: opt(str()),
  display_name: opt(str()),
  experiment_name: opt(str()),
  properties: opt(stringMap(true)),
  compute: opt(str()), // omitted = serverless (facts §1.6)
  identity: opt(jobIdentity),
}));
