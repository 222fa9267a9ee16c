/**
 * Blocks shared by command jobs, sweep trials and pipeline command steps
 * (facts §2, §12; SDK `_schema/job/*`, `job_resource_configuration.py`).
 */
import * as z from 'zod';
import { anyMap, bool, byType, ciEnum, int, lazy, list, obj, once, str, stringMap } from '../fields.js';

/** facts §12: each distribution type has its own keys; MPI needs process_count_per_instance. */
export const distribution = lazy(() => byType(
  {
    pytorch: obj({ type: z.unknown(), process_count_per_instance: int({ min: 1 }).optional() }),
    tensorflow: obj({
      type: z.unknown(),
      worker_count: int({ min: 1 }).optional(),
      parameter_server_count: int({ min: 0 }).optional(),
    }),
    mpi: obj({ type: z.unknown(), process_count_per_instance: int({ min: 1 }) }),
    ray: obj({
      type: z.unknown(),
      port: int().optional(),
      address: str().optional(),
      include_dashboard: bool().optional(),
      dashboard_port: int().optional(),
      head_node_additional_args: str().optional(),
      worker_node_additional_args: str().optional(),
    }),
  },
  { what: 'distribution' },
));

export const jobResources = lazy(() => obj({
  instance_count: int({ min: 1 }).optional(),
  instance_type: str().optional(),
  shm_size: str().optional(),
  docker_args: str().optional(),
  locations: list(str()).optional(),
  max_instance_count: int({ min: 1 }).optional(),
  properties: anyMap().optional(),
}));

export const commandLimits = lazy(() => obj({ timeout: int({ min: 1 }).optional() }));

export const queueSettings = lazy(() => obj({
  job_tier: ciEnum(['spot', 'basic', 'standard', 'premium']).optional(),
  priority: ciEnum(['low', 'medium', 'high']).optional(),
}));

/** `managed_identity` is the SDK's alias of `managed`. */
export const jobIdentity = lazy(() => byType(
  {
    user_identity: obj({ type: z.unknown() }),
    managed: obj({ type: z.unknown(), client_id: str().optional(), object_id: str().optional(), msi_resource_id: str().optional() }),
    managed_identity: obj({ type: z.unknown(), client_id: str().optional(), object_id: str().optional(), msi_resource_id: str().optional() }),
    aml_token: obj({ type: z.unknown() }),
  },
  { what: 'identity' },
));

/** Interactive services (extras-facts §1; SDK `_schema/job/services.py`). */
const serviceBase = once(() => ({ type: z.unknown(), port: int().optional(), nodes: str().optional(), properties: anyMap().optional() }));
const service = lazy(() => byType({
  ssh: obj({ ...serviceBase(), ssh_public_keys: str().optional() }),
  tensor_board: obj({ ...serviceBase(), log_dir: str().optional() }),
  vs_code: obj(serviceBase()),
  jupyter_lab: obj(serviceBase()),
}));
export const services = () => z.record(z.string(), service);

/** Keys every job kind accepts (SDK BaseJobSchema). Job tags are `Dict(Str, Str)`. */
export const jobMeta = once(() => ({
  name: str().optional(),
  display_name: str().optional(),
  experiment_name: str().optional(),
  properties: stringMap(true).optional(),
  compute: str().optional(), // omitted = serverless (facts §1.6)
  identity: jobIdentity.optional(),
}));
