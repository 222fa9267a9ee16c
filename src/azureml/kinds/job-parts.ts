/**
 * Blocks shared by command jobs, sweep trials and pipeline command steps
 * (facts §2, §12; SDK `_schema/job/*`, `job_resource_configuration.py`).
 */
import * as z from 'zod/mini';
import { anyMap, bool, byType, ciEnum, int, lazy, list, obj, once, str, stringMap } from '../fields.js';

/** facts §12: each distribution type has its own keys; MPI needs process_count_per_instance. */
export const distribution = lazy(() => byType(
  {
    pytorch: obj({ type: z.unknown(), process_count_per_instance: z.optional(int({ min: 1 })) }),
    tensorflow: obj({
      type: z.unknown(),
      worker_count: z.optional(int({ min: 1 })),
      parameter_server_count: z.optional(int({ min: 0 })),
    }),
    mpi: obj({ type: z.unknown(), process_count_per_instance: int({ min: 1 }) }),
    ray: obj({
      type: z.unknown(),
      port: z.optional(int()),
      address: z.optional(str()),
      include_dashboard: z.optional(bool()),
      dashboard_port: z.optional(int()),
      head_node_additional_args: z.optional(str()),
      worker_node_additional_args: z.optional(str()),
    }),
  },
  { what: 'distribution' },
));

export const jobResources = lazy(() => obj({
  instance_count: z.optional(int({ min: 1 })),
  instance_type: z.optional(str()),
  shm_size: z.optional(str()),
  docker_args: z.optional(str()),
  locations: z.optional(list(str())),
  max_instance_count: z.optional(int({ min: 1 })),
  properties: z.optional(anyMap()),
}));

export const commandLimits = lazy(() => obj({ timeout: z.optional(int({ min: 1 })) }));

export const queueSettings = lazy(() => obj({
  job_tier: z.optional(ciEnum(['spot', 'basic', 'standard', 'premium'])),
  priority: z.optional(ciEnum(['low', 'medium', 'high'])),
}));

/** `managed_identity` is the SDK's alias of `managed`. */
export const jobIdentity = lazy(() => byType(
  {
    user_identity: obj({ type: z.unknown() }),
    managed: obj({ type: z.unknown(), client_id: z.optional(str()), object_id: z.optional(str()), msi_resource_id: z.optional(str()) }),
    managed_identity: obj({ type: z.unknown(), client_id: z.optional(str()), object_id: z.optional(str()), msi_resource_id: z.optional(str()) }),
    aml_token: obj({ type: z.unknown() }),
  },
  { what: 'identity' },
));

/** Interactive services (extras-facts §1; SDK `_schema/job/services.py`). */
const serviceBase = once(() => ({
  type: z.unknown(),
  port: z.optional(int()),
  nodes: z.optional(str()),
  properties: z.optional(anyMap()),
}));
const service = lazy(() => byType({
  ssh: obj({ ...serviceBase(), ssh_public_keys: z.optional(str()) }),
  tensor_board: obj({ ...serviceBase(), log_dir: z.optional(str()) }),
  vs_code: obj(serviceBase()),
  jupyter_lab: obj(serviceBase()),
}));
export const services = () => z.record(z.string(), service);

/** Keys every job kind accepts (SDK BaseJobSchema). Job tags are `Dict(Str, Str)`. */
export const jobMeta = once(() => ({
  name: z.optional(str()),
  display_name: z.optional(str()),
  experiment_name: z.optional(str()),
  properties: z.optional(stringMap(true)),
  compute: z.optional(str()), // omitted = serverless (facts §1.6)
  identity: z.optional(jobIdentity),
}));
