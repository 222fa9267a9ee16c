import '../zod-config.js';
import * as z from 'zod/mini';
import { CIS, DEVICES, EXTRAS, flagName, FRAMEWORKS, PIN_MODES, SERVINGS, TARGETS, TRAININGS } from './ids.js';
import * as names from './names.js';
import { UsageError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';
import { oneLine } from './answers.js';
import { frameworkById } from '../frameworks/index.js';
import { extraById } from '../extras/index.js';
import { targetById } from '../targets/index.js';
import { gpusOf } from '../catalog/vm-sizes.js';
import { skus } from '../versions.js';

/**
 * The project spec: the one source of truth for options, defaults and the rules between them.
 * `RawSpec` is what flags and prompts produce (everything optional but the name); `parseSpec` fills the
 * defaults that depend on other options and enforces every cross-option rule, each with a one-line reason.
 */
const nameField = (rule: names.NameRule) =>
  z.string().check(z.refine((v) => rule.pattern.test(v), { message: `must be ${rule.describe}` }));

export const RawSpec = z.strictObject({
  name: nameField(names.projectName),
  framework: z._default(z.enum(FRAMEWORKS), 'sklearn'),
  target: z._default(z.enum(TARGETS), 'online'),
  serving: z._default(z.enum(SERVINGS), 'script'),
  device: z.optional(z.enum(DEVICES)),
  compute: z.optional(z.union([z.literal('serverless'), nameField(names.computeName)])),
  instanceType: z.optional(nameField(names.skuName)),
  nodes: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 1),
  processesPerNode: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(16))),
  extras: z._default(z.array(z.enum(EXTRAS)), []),
  ci: z._default(z.enum(CIS), 'github'),
  workspace: z.optional(nameField(names.workspaceName)),
  resourceGroup: z.optional(nameField(names.resourceGroupName)),
  k8sCompute: z._default(nameField(names.computeName), 'k8s-compute'),
  deployInstanceType: z.optional(nameField(names.skuName)),
  pinActions: z._default(z.enum(PIN_MODES), 'tag'),
  training: z.optional(z.enum(TRAININGS)),
  registry: z.optional(nameField(names.registryName)),
});

export type RawSpecInput = z.input<typeof RawSpec>;

export interface Spec {
  name: string;
  framework: (typeof FRAMEWORKS)[number];
  target: (typeof TARGETS)[number];
  serving: (typeof SERVINGS)[number];
  device: (typeof DEVICES)[number];
  compute: string;
  instanceType: string;
  nodes: number;
  processesPerNode: number;
  extras: (typeof EXTRAS)[number][];
  ci: (typeof CIS)[number];
  workspace?: string;
  resourceGroup?: string;
  k8sCompute: string;
  deployInstanceType: string;
  pinActions: (typeof PIN_MODES)[number];
  /** `pipeline`: prep → train → evaluate → register in Azure ML; `job`: one command job. */
  training: (typeof TRAININGS)[number];
  /** Azure ML registry the deploy job shares each promoted model to, so other workspaces can deploy it. */
  registry?: string;
}

/** Fill the defaults that depend on other options. */
function complete(raw: z.output<typeof RawSpec>): Spec {
  const fw = frameworkById(raw.framework);
  const device = raw.device ?? fw.defaultDevice;
  const gpu = device === 'gpu';
  const instanceType = raw.instanceType ?? (gpu ? skus.gpuTrain : skus.cpuTrain);
  const gpusPerNode = gpu ? (gpusOf(instanceType) ?? 1) : 1;
  const tritonOrGpuServe = raw.serving === 'triton';
  // A fixed key order, so the manifest reads the same however the spec was assembled (init or add).
  return {
    name: raw.name,
    framework: raw.framework,
    target: raw.target,
    serving: raw.serving,
    device,
    compute: raw.compute ?? (gpu ? 'gpu-cluster' : 'cpu-cluster'),
    instanceType,
    nodes: raw.nodes,
    processesPerNode: raw.processesPerNode ?? gpusPerNode,
    // Sorted and de-duplicated so that `init --extras b,a` and `add a` + `add b` plan the same project.
    extras: [...new Set(raw.extras)].sort((a, b) => EXTRAS.indexOf(a) - EXTRAS.indexOf(b)),
    ci: raw.ci,
    ...(raw.workspace !== undefined && { workspace: raw.workspace }),
    ...(raw.resourceGroup !== undefined && { resourceGroup: raw.resourceGroup }),
    k8sCompute: raw.k8sCompute,
    deployInstanceType: raw.deployInstanceType ?? (tritonOrGpuServe ? skus.gpuServe : skus.cpuServe),
    pinActions: raw.pinActions,
    // Triton serves a triton_model, which the pipeline's MLflow registration cannot create: one job.
    training: raw.training ?? (raw.serving === 'triton' ? 'job' : 'pipeline'),
    ...(raw.registry !== undefined && { registry: raw.registry }),
  };
}

/** Every rule between options. Returns the reasons a spec is not supported (empty when it is). */
export function unsupportedReasons(spec: Spec): string[] {
  const reasons: string[] = [];
  const fw = frameworkById(spec.framework);
  for (const why of [fw.unsupported?.(spec), targetById(spec.target).unsupported?.(spec)]) {
    if (why) reasons.push(why);
  }
  if (spec.target === 'none' && spec.serving !== 'script') {
    reasons.push(`--serving ${spec.serving} needs a deployment target; use --target online, kubernetes or batch`);
  }
  if (spec.serving === 'mlflow' && !fw.mlflowFlavor) {
    reasons.push(`--serving mlflow needs an MLflow model flavor, and ${fw.title} has none; use --serving script`);
  }
  if (spec.serving === 'mlflow' && spec.target === 'kubernetes') {
    // MicrosoftDocs how-to-deploy-mlflow-models, "Deployment tools": no-code MLflow deployment is
    // supported on managed online and batch endpoints only.
    reasons.push('--serving mlflow (no-code MLflow deployment) works on managed online and batch endpoints only, not on Kubernetes; use --target online, or --serving script with --target kubernetes');
  }
  if (spec.serving === 'mlflow' && spec.target === 'batch' && !fw.tabular) {
    reasons.push(`MLflow batch deployments read CSV or Parquet files; ${fw.title} takes images, so use --serving script with --target batch`);
  }
  if (spec.serving === 'triton') {
    if (spec.training === 'pipeline') {
      reasons.push('--serving triton needs --training job: the pipeline registers through MLflow, which cannot create the triton_model Triton serves');
    }
    if (!fw.onnx) reasons.push(`--serving triton needs an ONNX export, which ${fw.title} does not have; use --serving script`);
    if (spec.target === 'batch') reasons.push('--serving triton works on online and kubernetes targets only, not batch');
  }
  if (spec.registry !== undefined && spec.training !== 'pipeline') {
    reasons.push('--registry shares the model the pipeline\'s evaluation gate promoted; it needs --training pipeline');
  }
  if (spec.registry !== undefined && spec.ci !== 'github') {
    reasons.push('--registry is used by the generated GitHub workflows (they share each promoted model); it needs --ci github');
  }
  if (spec.nodes > 1 && !fw.distribution) {
    reasons.push(`${fw.title} trains on a single node; --nodes must be 1`);
  }
  if (spec.device === 'gpu' && !fw.gpuCapable) {
    reasons.push(`${fw.title} does not use a GPU here; use --device cpu`);
  }
  for (const id of spec.extras) {
    const why = extraById(id).unsupported?.(spec);
    if (why) reasons.push(`--extras ${id}: ${why}`);
  }
  return reasons;
}

/** A spec that is not valid or not supported: bad usage, so the CLI exits 2 with the message. */
export class SpecError extends UsageError {}

/** Flags and answers → a complete, valid spec, or a SpecError with a one-line reason. */
export function parseSpec(input: unknown): Spec {
  const parsed = RawSpec.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.join('.') || 'spec';
    const given = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], input);
    throw new SpecError(`invalid ${flagName(key)}: ${describeIssue(issue, given)}`);
  }
  const spec = complete(parsed.data);
  const reasons = unsupportedReasons(spec);
  if (reasons.length > 0) throw new SpecError(reasons[0]);
  return spec;
}

function describeIssue(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const values = (issue.values as unknown[]).map(String);
    const near = typeof given === 'string' ? suggest(given, values) : undefined;
    const shown = typeof given === 'string' ? `"${oneLine(given)}" is not one of` : 'expected one of';
    return `${shown} ${values.join(', ')}${near ? `; did you mean ${near}?` : ''}`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.join(', ')}`;
  return issue.message;
}
