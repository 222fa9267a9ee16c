import type { FileRule } from '../frameworks/types.js';
import type { Spec } from '../spec/schema.js';

/** A serving mode: its own template files below templates/serving/<id>/ (when any). */
export interface Serving {
  id: Spec['serving'];
  title: string;
  summary: string;
  files: FileRule[];
}

/** In display order. */
export const servings: readonly Serving[] = [
  { id: 'script', title: 'Scoring script', summary: 'score.py on the Azure ML inference server', files: [] },
  { id: 'mlflow', title: 'MLflow no-code', summary: 'the registered MLflow model, no code or environment', files: [] },
  { id: 'triton', title: 'ONNX on Triton', summary: 'the ONNX export on NVIDIA Triton, GPU, no code', files: [] },
];

export function servingById(id: Spec['serving']): Serving {
  const s = servings.find((x) => x.id === id);
  if (!s) throw new Error(`unknown serving ${id}`);
  return s;
}
