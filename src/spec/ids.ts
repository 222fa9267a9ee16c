/** The option values, in display order. Modules in src/frameworks, src/targets, src/extras carry the details. */
export const FRAMEWORKS = ['sklearn', 'pytorch', 'tensorflow', 'keras', 'rllib'] as const;
export const TARGETS = ['online', 'kubernetes', 'batch', 'none'] as const;
export const SERVINGS = ['script', 'mlflow', 'triton'] as const;
export const EXTRAS = ['tensorboard', 'onnx', 'responsible-ai', 'privacy', 'encryption', 'sweep'] as const;
export const CIS = ['github', 'none'] as const;
export const DEVICES = ['cpu', 'gpu'] as const;
export const PIN_MODES = ['tag', 'sha'] as const;
export const TRAININGS = ['pipeline', 'job'] as const;

export type FrameworkId = (typeof FRAMEWORKS)[number];
export type TargetId = (typeof TARGETS)[number];
export type ServingId = (typeof SERVINGS)[number];
export type ExtraId = (typeof EXTRAS)[number];

/** `processesPerNode` (or a zod path such as `extras.0`) → `--processes-per-node`: the flag the user types. */
export function flagName(key: string): string {
  const head = key.split('.')[0];
  return `--${head.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A spec value as a flag value: lists comma-separated. */
export function flagValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
