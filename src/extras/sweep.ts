import type { Extra } from './types.js';

export const sweep: Extra = {
  id: 'sweep',
  title: 'Hyperparameter sweep',
  summary: 'a sweep job over the real hyperparameters with early termination',
  unsupported: () => 'not supported yet',
};
