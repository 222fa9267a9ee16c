import type { FileRule } from '../frameworks/types.js';
import type { DerivedNames } from '../plan/names.js';
import type { JobBuilders } from '../plan/job.js';
import type { Spec } from '../spec/schema.js';
import type { ExtraId } from '../spec/ids.js';

/** What an extra changes in the one training job (merged, never copied per combination). */
export interface JobChanges {
  args?: string[]; // appended to the train.py command line
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  services?: Record<string, unknown>;
  environmentVariables?: Record<string, string>;
}

/** One optional add-on: its files, its dependencies, its job changes and the rules that exclude it. */
export interface Extra {
  id: ExtraId;
  title: string;
  summary: string;
  /** Why this extra cannot be used with `spec`, or undefined when it can. */
  unsupported?: (spec: Spec) => string | undefined;
  /** Pinned pip requirements merged into environment/conda.yaml. */
  pip?: (spec: Spec) => string[];
  /** Ships `src/extra_<id>.py` (hooks into train.py through src/extensions.py). */
  python?: boolean;
  /** Template files below templates/extras/<id>/. */
  files?: FileRule[];
  job?: (spec: Spec) => JobChanges;
  /**
   * Files generated from code, e.g. jobs/sweep.yml (YAML built as objects, see src/plan/yaml.ts).
   * The planner hands over the job builders, so extras never import src/plan (no import cycle).
   */
  generate?: (spec: Spec, names: DerivedNames, job: JobBuilders) => Array<{ path: string; content: string }>;
  /** A Markdown section for the generated README (starts with `## `). */
  readme?: (spec: Spec, names: DerivedNames) => string;
}
