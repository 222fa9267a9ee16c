/**
 * Workspace resources: compute, datastores, connections, workspaces, registries (SDK `_schema/compute`,
 * `_datastore`, `workspace`, `registry`; the learn.microsoft.com CLI (v2) YAML schema pages). These
 * schemas gain keys with every release, so they are `lenient`: a key close to a known one is an error
 * (a typo), any other unknown key a warning. Types and enums are strict.
 */
import * as z from 'zod/mini';
import { anyMap, bool, byType, ciEnum, int, lazy, list, obj, once, openEnum, opt, rootMeta, str } from '../fields.js';
import { CONNECTION_TYPES } from './type-names.js';
import { endpointIdentity } from './endpoint-parts.js';

const any = () => opt(z.unknown());
const lenient = { lenient: true };
const common = once(() => ({ ...rootMeta(), name: str({ nonEmpty: true }), type: z.unknown(), properties: opt(anyMap()) }));
const computeCommon = once(() => ({ ...common(), location: opt(str()), resource_id: opt(str()), identity: opt(endpointIdentity) }));
const sshSettings = lazy(() => obj({ admin_username: opt(str()), admin_password: opt(str()), ssh_key_value: opt(str()), ssh_private_key_file: opt(str()) }, lenient));

export const compute = lazy(() => byType({
  amlcompute: obj({
    ...computeCommon(),
    size: opt(str()),
    tier: opt(ciEnum(['dedicated', 'low_priority'])),
    min_instances: opt(int({ min: 0 })),
    max_instances: opt(int({ min: 1 })),
    idle_time_before_scale_down: opt(int({ min: 0 })),
    ssh_public_access_enabled: opt(bool()),
    ssh_settings: opt(sshSettings),
    network_settings: any(),
    enable_node_public_ip: opt(bool()),
  }, lenient),
  computeinstance: obj({
    ...computeCommon(),
    size: opt(str()),
    create_on_behalf_of: any(),
    network_settings: any(),
    ssh_public_access_enabled: opt(bool()),
    ssh_settings: any(),
    schedules: opt(anyMap()),
    setup_scripts: opt(anyMap()),
    idle_time_before_shutdown: any(),
    idle_time_before_shutdown_minutes: opt(int({ min: 0 })),
    enable_node_public_ip: opt(bool()),
    custom_applications: any(),
    enable_sso: opt(bool()),
    enable_root_access: opt(bool()),
    enable_os_patching: opt(bool()),
    release_quota_on_stop: opt(bool()),
    os_image_metadata: any(),
  }, lenient),
  virtualmachine: obj({ ...computeCommon(), resource_id: str({ nonEmpty: true }), ssh_settings: opt(sshSettings), compute_location: any(), ssh_port: any() }, lenient),
  kubernetes: obj({ ...computeCommon(), resource_id: str({ nonEmpty: true }), namespace: opt(str()) }, lenient),
  synapsespark: obj({ ...computeCommon(), resource_id: str({ nonEmpty: true }), auto_pause_settings: any(), scale_settings: any() }, lenient),
}, { what: 'compute' }));

const credentials = () => opt(anyMap());
export const datastore = lazy(() => byType({
  azure_blob: obj({ ...common(), account_name: str({ nonEmpty: true }), container_name: str({ nonEmpty: true }), protocol: opt(ciEnum(['https', 'wasbs'])), endpoint: opt(str()), credentials: credentials() }, lenient),
  azure_file: obj({ ...common(), account_name: str({ nonEmpty: true }), file_share_name: str({ nonEmpty: true }), protocol: opt(ciEnum(['https', 'wasbs'])), endpoint: opt(str()), credentials: credentials() }, lenient),
  azure_data_lake_gen1: obj({ ...common(), store_name: str({ nonEmpty: true }), credentials: credentials() }, lenient),
  azure_data_lake_gen2: obj({ ...common(), account_name: str({ nonEmpty: true }), filesystem: str({ nonEmpty: true }), protocol: opt(ciEnum(['https', 'abfss'])), endpoint: opt(str()), credentials: credentials() }, lenient),
  one_lake: obj({ ...common(), one_lake_workspace_name: str({ nonEmpty: true }), endpoint: opt(str()), artifact: any(), credentials: credentials() }, lenient),
}, { what: 'datastore' }));

export const connection = lazy(() => obj({
  ...common(),
  type: openEnum(CONNECTION_TYPES),
  target: opt(str()),
  endpoint: opt(str()),
  credentials: credentials(),
  metadata: opt(anyMap()),
  api_key: any(),
  api_version: any(),
  azure_endpoint: any(),
  url: any(),
  is_shared: opt(bool()),
  resource_id: any(),
}, lenient));

export const workspace = lazy(() => obj({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  display_name: opt(str()),
  location: opt(str()),
  resource_group: opt(str()),
  storage_account: opt(str()),
  container_registry: opt(str()),
  key_vault: opt(str()),
  application_insights: opt(str()),
  customer_managed_key: opt(anyMap()),
  hbi_workspace: opt(bool()),
  image_build_compute: opt(str()),
  public_network_access: opt(ciEnum(['enabled', 'disabled'])),
  identity: any(),
  primary_user_assigned_identity: opt(str()),
  managed_network: opt(anyMap()),
  discovery_url: any(),
  kind: opt(ciEnum(['default', 'hub', 'project', 'featurestore'])),
  hub_id: opt(str()),
  serverless_compute: opt(anyMap()),
  enable_data_isolation: opt(bool()),
  system_datastores_auth_mode: opt(str()),
  feature_store_settings: opt(anyMap()),
}, lenient));

export const registry = lazy(() => obj({
  ...rootMeta(),
  name: str({ nonEmpty: true }),
  location: str({ nonEmpty: true }),
  replication_locations: list(anyMap(), 1),
  container_registry: opt(str()),
  intellectual_property_publisher: opt(str()),
  public_network_access: opt(ciEnum(['enabled', 'disabled'])),
  identity: any(),
  managed_resource_group: any(),
}, lenient));
