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
