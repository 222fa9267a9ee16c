import type { FileRule } from '../frameworks/types.js';
import type { DerivedNames } from '../plan/names.js';
import type { Spec } from '../spec/schema.js';
import { frameworkById } from '../frameworks/index.js';
import { pin } from '../versions.js';
import { mlflowRequestFiles } from './mlflow.js';

/** A serving mode: its template files below templates/serving/<id>/, packages and generated files. */
export interface Serving {
  id: Spec['serving'];
  title: string;
  summary: string;
  files: FileRule[];
  /** Pinned pip requirements added to the one project environment (training job and scoring). */
  pip?: (spec: Spec) => string[];
  /** Requirements the offline tests need on top (requirements-dev.txt only). */
  devPip?: (spec: Spec) => string[];
  /** Files generated from code rather than templates. */
  generate?: (spec: Spec, names: DerivedNames) => Array<{ path: string; content: string }>;
}

/** What the framework's train.py needs to export ONNX for `--onnx-output`. */
function onnxExporter(spec: Spec): string[] {
  return (frameworkById(spec.framework).onnx?.packages ?? []).map(pin);
}

/** In display order. */
export const servings: readonly Serving[] = [
  { id: 'script', title: 'Scoring script', summary: 'score.py on the Azure ML inference server', files: [] },
  {
    id: 'mlflow',
    title: 'MLflow no-code',
    summary: 'the registered MLflow model, no code or environment',
    files: [{ path: 'tests/test_mlflow_request.py' }],
    generate: (spec) => mlflowRequestFiles(spec),
  },
  {
    id: 'triton',
    title: 'ONNX on Triton',
    summary: 'the ONNX export on NVIDIA Triton, GPU, no code',
    files: [{ path: 'src/triton_client.py' }, { path: 'tests/test_triton_client.py' }, { path: 'tests/test_triton_export.py' }],
    pip: onnxExporter,
    // The tests run the export through onnxruntime where it is installed (the project's CI).
    devPip: () => [pin('onnxruntime')],
  },
];

export function servingById(id: Spec['serving']): Serving {
  const s = servings.find((x) => x.id === id);
  if (!s) throw new Error(`unknown serving ${id}`);
  return s;
}
