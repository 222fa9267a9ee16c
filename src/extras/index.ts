import type { ExtraId } from '../spec/ids.js';
import type { Extra } from './types.js';

const notYet = () => 'not supported yet';

/** In display order. */
export const extras: readonly Extra[] = [
  { id: 'tensorboard', title: 'TensorBoard', summary: 'training curves in TensorBoard, served from the running job', unsupported: notYet },
  { id: 'onnx', title: 'ONNX export', summary: 'export the trained model to ONNX and check it', unsupported: notYet },
  { id: 'responsible-ai', title: 'Responsible AI', summary: 'Fairlearn metrics by group and an InterpretML explanation', unsupported: notYet },
  { id: 'privacy', title: 'Differential privacy', summary: 'differentially private training with an epsilon budget', unsupported: notYet },
  { id: 'encryption', title: 'Encrypted inference', summary: 'score homomorphically encrypted features (CKKS, TenSEAL)', unsupported: notYet },
  { id: 'sweep', title: 'Hyperparameter sweep', summary: 'a sweep job over the real hyperparameters with early termination', unsupported: notYet },
];

export function extraById(id: ExtraId): Extra {
  const extra = extras.find((e) => e.id === id);
  if (!extra) throw new Error(`unknown extra ${id}`);
  return extra;
}
