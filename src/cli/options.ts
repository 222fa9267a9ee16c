/**
 * Every `init` option, listed once: commander's options and help, the prompts, the printed one-shot
 * command, shell completion and did-you-mean all come from this table. The choices are the registries'
 * ids (src/spec/ids.ts, which src/frameworks, src/targets, src/serving and src/extras are checked against),
 * so `--help` needs no registry loaded; prompts take the titles from the registries themselves.
 */
import { CIS, DEVICES, EXTRAS, FRAMEWORKS, PIN_MODES, SERVINGS, TARGETS, TRAININGS } from '../spec/ids.js';

export interface InitOption {
  /** The spec field (and commander's key). */
  key: string;
  /** `--framework <id>`, as commander reads it. */
  flags: string;
  description: string;
  /** The values it takes, when they are a fixed list (a comma list for `many`). */
  choices?: readonly string[];
  many?: boolean;
  /** What the default is, in words, for help. */
  defaultText?: string;
}

export const INIT_OPTIONS: readonly InitOption[] = [
  { key: 'name', flags: '--name <name>', description: 'project name: letters, digits, single hyphens; starts with a letter; at most 24 characters', defaultText: 'the directory name' },
  { key: 'framework', flags: '--framework <id>', description: 'what to train', choices: FRAMEWORKS, defaultText: 'sklearn' },
  { key: 'target', flags: '--target <id>', description: 'where to deploy', choices: TARGETS, defaultText: 'online' },
  { key: 'serving', flags: '--serving <id>', description: 'how the deployment serves the model', choices: SERVINGS, defaultText: 'script' },
  { key: 'extras', flags: '--extras <a,b>', description: 'comma list of add-ons', choices: EXTRAS, many: true, defaultText: 'none' },
  { key: 'compute', flags: '--compute <name>', description: 'training compute cluster, or "serverless"', defaultText: 'cpu-cluster, gpu-cluster for GPU frameworks' },
  { key: 'instanceType', flags: '--instance-type <sku>', description: 'training VM size', defaultText: 'Standard_D4ds_v5, Standard_NC4as_T4_v3 on GPU' },
  { key: 'nodes', flags: '--nodes <n>', description: 'training nodes; more than one starts the framework\'s distributed launcher', defaultText: '1' },
  { key: 'processesPerNode', flags: '--processes-per-node <n>', description: 'processes per node for distributed training', defaultText: 'the GPUs of the instance type' },
  { key: 'device', flags: '--device <id>', description: 'train on CPU or GPU', choices: DEVICES, defaultText: 'by framework' },
  { key: 'ci', flags: '--ci <id>', description: 'CI/CD workflows to generate', choices: CIS, defaultText: 'github' },
  { key: 'workspace', flags: '--workspace <name>', description: 'Azure ML workspace written as the default into workflows and README' },
  { key: 'resourceGroup', flags: '--resource-group <name>', description: 'resource group written as the default into workflows and README' },
  { key: 'k8sCompute', flags: '--k8s-compute <name>', description: 'attached Kubernetes compute for --target kubernetes', defaultText: 'k8s-compute' },
  { key: 'deployInstanceType', flags: '--deploy-instance-type <sku>', description: 'VM size of the online deployment', defaultText: 'CPU; GPU for Triton' },
  { key: 'training', flags: '--training <mode>', description: 'prep → train → evaluate → register pipeline, or one command job', choices: TRAININGS, defaultText: 'pipeline (job with --serving triton)' },
  { key: 'registry', flags: '--registry <name>', description: 'Azure ML registry to share each promoted model to, so other workspaces can deploy it (needs --training pipeline)', defaultText: 'none: the workspace registry only' },
  { key: 'pinActions', flags: '--pin-actions <mode>', description: 'pin GitHub Actions by tag or by full commit SHA', choices: PIN_MODES, defaultText: 'tag' },
];

/** The help line of an option: its description, its values and its default. */
export function helpText(o: InitOption): string {
  const values = o.choices ? ` (${o.choices.join(' | ')})` : '';
  return `${o.description}${values}${o.defaultText ? `; default: ${o.defaultText}` : ''}`;
}
