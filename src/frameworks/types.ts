import type { Spec } from '../spec/schema.js';
import type { PipName } from '../versions.js';

/** A template file of a module (or every file below a folder, when `path` ends in `/`), included when `when` holds. */
export interface FileRule {
  path: string;
  when?: (spec: Spec) => boolean;
}

/** A hyperparameter the training script takes as a flag; the job passes it as an input, a sweep searches it. */
export interface Hyperparameter {
  flag: string; // e.g. --learning-rate
  input: string; // job input name, e.g. learning_rate
  default: number;
  search: Record<string, unknown>; // sweep search-space expression
}

export interface JobInput {
  type: 'uri_file' | 'uri_folder';
  path: string;
  mode?: string;
}

/** One framework: what files, which dependencies, which job settings. Data, no behaviour beyond small rules. */
export interface Framework {
  id: Spec['framework'];
  title: string;
  summary: string;
  defaultDevice: 'cpu' | 'gpu';
  gpuCapable: boolean;
  /** Tabular input (CSV rows), as MLflow batch deployments and Responsible AI reports need. */
  tabular: boolean;
  /** What it learns from, in words, for the reasons an option is refused ("trains on images"). */
  learnsFrom: string;
  /** A linear model that encrypted inference (TenSEAL) can evaluate on ciphertext. */
  linearModel: boolean;
  /** The project's own tests train and score for real offline (its packages install on any CI runner). */
  testsTrain: boolean;
  /** MLflow flavor module used by train.py, or null when MLflow has none (RLlib). */
  mlflowFlavor: string | null;
  /** How the job's `model` output is typed and registered: an MLflow model, or a plain folder (RLlib checkpoint). */
  modelType: 'mlflow_model' | 'custom_model';
  /** The metric train.py logs for sweeps to optimise (exact name). */
  objective: { metric: string; goal: 'maximize' | 'minimize' };
  /**
   * How train.py exports ONNX (for Triton, and for the onnx extra when `afterTraining`), or null when the
   * framework has no maintained exporter. `packages`: what the export needs in the environment.
   */
  onnx: { exporter: string; packages: PipName[]; afterTraining: boolean } | null;
  /** Python version of the training and serving environment. */
  python: string;
  /** Curated GPU training environment, used when no extra needs more packages. */
  curatedGpu?: string;
  /** Packages the curated image already has (facts §10), so extras that need only these keep it. */
  curatedProvides?: string[];
  /** Pinned pip requirements for training and serving. */
  pip: (spec: Spec) => string[];
  /** Extra job environment variables. */
  environmentVariables?: (spec: Spec) => Record<string, string>;
  /** The job's `data` input, when the framework trains on one. */
  dataInput?: JobInput;
  hyperparameters: Hyperparameter[];
  /** Extra fixed train.py arguments (after data, hyperparameters and outputs). */
  extraArgs?: (spec: Spec) => string[];
  /** The `distribution` block for multi-process training, or null when the framework is single-node only. */
  distribution: ((spec: Spec) => Record<string, unknown> | undefined) | null;
  /** Shared memory for DataLoader workers, when the framework needs more than Azure ML's default. */
  shmSize?: string;
  /** The mlflow no-code sample request (`input_data`), when the framework has a flavor. */
  mlflowSampleRequest?: unknown;
  files: FileRule[];
  /** Template folders below templates/shared/ that this framework shares with others (same file rules). */
  shared?: string[];
  unsupported?: (spec: Spec) => string | undefined;
}
