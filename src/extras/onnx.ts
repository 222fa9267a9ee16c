import type { Extra } from './types.js';

export const onnx: Extra = {
  id: 'onnx',
  title: 'ONNX export',
  summary: 'export the trained model to ONNX and check it',
  unsupported: () => 'not supported yet',
};
