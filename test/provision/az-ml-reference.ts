/**
 * The arguments of the `az ml` commands that provision and doctor build, as the Azure CLI reference
 * documents them. The `ml` extension is not in Debian, so these commands cannot be parsed offline by
 * the real CLI; the tests check the built commands against this table instead.
 *
 * Source: MicrosoftDocs/azure-docs-cli, latest/docs-ref-autogen/ml/workspace.yml (commit 048a9825)
 * and latest/docs-ref-autogen/ml/compute.yml (commit 185961bc), the generated reference of
 * learn.microsoft.com/cli/azure/ml. Documentation content © Microsoft, CC BY 4.0; only the argument
 * names and allowed values are copied here.
 */
export interface AzCommandReference {
  required: string[];
  optional: string[];
  /** Flags that take no value. */
  switches?: string[];
  /** Allowed values, where the reference lists them. */
  values?: Record<string, string[]>;
}

/** Every az command accepts these. */
export const GLOBAL_ARGS: AzCommandReference = {
  required: [],
  optional: ['--debug', '--help', '--only-show-errors', '--output', '--query', '--subscription', '--verbose'],
  switches: ['--debug', '--help', '--only-show-errors', '--verbose'],
  values: { '--output': ['json', 'jsonc', 'none', 'table', 'tsv', 'yaml', 'yamlc'] },
};

export const AZ_ML_REFERENCE: Record<string, AzCommandReference> = {
  'ml workspace show': { required: ['--name', '--resource-group'], optional: [] },
  'ml workspace create': {
    required: ['--resource-group'],
    optional: [
      '--application-insights', '--container-registry', '--description', '--display-name', '--file', '--image-build-compute',
      '--location', '--managed-network', '--name', '--no-wait', '--primary-user-assigned-identity', '--public-network-access',
      '--set', '--tags', '--update-dependent-resources',
    ],
    switches: ['--no-wait', '--update-dependent-resources'],
  },
  'ml compute show': { required: ['--name', '--resource-group', '--workspace-name'], optional: [] },
  'ml compute create': {
    required: ['--resource-group', '--workspace-name'],
    optional: [
      '--admin-password', '--admin-username', '--description', '--enable-node-public-ip', '--file', '--identity-type',
      '--idle-time-before-scale-down', '--location', '--max-instances', '--min-instances', '--name', '--no-wait', '--set', '--size',
      '--ssh-key-value', '--ssh-public-access-enabled', '--subnet', '--tags', '--tier', '--type', '--user-assigned-identities',
      '--user-object-id', '--user-tenant-id', '--vnet-name',
    ],
    switches: ['--no-wait'],
    values: { '--tier': ['dedicated', 'low_priority'], '--type': ['AmlCompute', 'ComputeInstance'] },
  },
  'ml compute attach': {
    required: ['--resource-group', '--workspace-name'],
    optional: [
      '--admin-password', '--admin-username', '--file', '--identity-type', '--name', '--namespace', '--no-wait', '--resource-id',
      '--ssh-port', '--ssh-private-key-file', '--type', '--user-assigned-identities',
    ],
    switches: ['--no-wait'],
    values: { '--type': ['virtualmachine', 'Kubernetes'] },
  },
  'ml compute list-sizes': { required: ['--resource-group', '--workspace-name'], optional: ['--location', '--type'], values: { '--type': ['AmlCompute', 'ComputeInstance'] } },
  // learn.microsoft.com/cli/azure/ml/registry (ml extension reference, fetched 2026-12): --name and
  // --resource-group for show; create takes the YAML file.
  'ml registry show': { required: ['--name', '--resource-group'], optional: [] },
  'ml registry create': {
    required: ['--resource-group'],
    optional: ['--display-name', '--file', '--name', '--no-wait', '--public-network-access', '--set', '--tags'],
    switches: ['--no-wait'],
  },
  'ml compute list-usage': { required: ['--resource-group', '--workspace-name'], optional: ['--location'] },
};

/** Problems of one `az ml ...` argv (without the leading `az`) against the table; empty when it conforms. */
export function checkAzMl(argv: string[]): string[] {
  const words: string[] = [];
  for (const w of argv) {
    if (w.startsWith('-')) break;
    words.push(w);
  }
  const name = words.join(' ');
  const ref = AZ_ML_REFERENCE[name];
  if (!ref) return [`az ${name} is not in the reference table`];
  const problems: string[] = [];
  const allowed = new Set([...ref.required, ...ref.optional, ...GLOBAL_ARGS.optional]);
  const switches = new Set([...(ref.switches ?? []), ...(GLOBAL_ARGS.switches ?? [])]);
  const values = { ...GLOBAL_ARGS.values, ...ref.values };
  const seen = new Set<string>();
  for (let i = words.length; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--')) {
      problems.push(`az ${name}: stray word "${flag}"`);
      continue;
    }
    if (!allowed.has(flag)) problems.push(`az ${name}: unknown argument ${flag}`);
    if (seen.has(flag)) problems.push(`az ${name}: ${flag} given twice`);
    seen.add(flag);
    if (switches.has(flag)) continue;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) problems.push(`az ${name}: ${flag} needs a value`);
    else if (values[flag] && !values[flag].includes(value)) problems.push(`az ${name}: ${flag} ${value} is not one of ${values[flag].join(', ')}`);
    i++;
  }
  for (const r of ref.required) if (!seen.has(r)) problems.push(`az ${name}: missing required ${r}`);
  return problems;
}
