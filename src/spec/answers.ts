import { UsageError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';
import { EXTRAS } from './ids.js';
import type { RawSpecInput } from './schema.js';

/** The `init` flags as commander hands them over (strings; `git` from --no-git). */
export interface InitFlags {
  name?: string;
  framework?: string;
  target?: string;
  serving?: string;
  compute?: string;
  instanceType?: string;
  nodes?: string;
  processesPerNode?: string;
  device?: string;
  extras?: string;
  ci?: string;
  workspace?: string;
  resourceGroup?: string;
  k8sCompute?: string;
  deployInstanceType?: string;
  pinActions?: string;
  training?: string;
  registry?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  git?: boolean;
  json?: boolean;
}

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`invalid ${flag}: expected a whole number, got "${oneLine(value)}"`);
  return Number(value);
}

/** A value shown back to the user in a one-line error: control characters and length tamed. */
export function oneLine(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

export function parseExtras(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const ids = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!(EXTRAS as readonly string[]).includes(id)) {
      const near = suggest(id, [...EXTRAS]);
      throw new UsageError(`unknown extra "${oneLine(id)}"; ${near ? `did you mean ${near}? ` : ''}choose from ${EXTRAS.join(', ')}`);
    }
  }
  return ids;
}

/** Flags → the raw spec fields they set (absent flags stay absent, so prompts or defaults fill them). */
export function answersFromFlags(flags: InitFlags): Partial<RawSpecInput> & Record<string, unknown> {
  const raw: Record<string, unknown> = {
    name: flags.name,
    framework: flags.framework,
    target: flags.target,
    serving: flags.serving,
    compute: flags.compute,
    instanceType: flags.instanceType,
    nodes: count('--nodes', flags.nodes),
    processesPerNode: count('--processes-per-node', flags.processesPerNode),
    device: flags.device,
    extras: parseExtras(flags.extras),
    ci: flags.ci,
    workspace: flags.workspace,
    resourceGroup: flags.resourceGroup,
    k8sCompute: flags.k8sCompute,
    deployInstanceType: flags.deployInstanceType,
    pinActions: flags.pinActions,
    training: flags.training,
    registry: flags.registry,
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  return raw;
}
