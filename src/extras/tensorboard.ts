import type { Extra } from './types.js';

export const tensorboard: Extra = {
  id: 'tensorboard',
  title: 'TensorBoard',
  summary: 'training curves in TensorBoard, served from the running job',
  unsupported: () => 'not supported yet',
};
