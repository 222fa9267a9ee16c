import type { Extra } from './types.js';

export const privacy: Extra = {
  id: 'privacy',
  title: 'Differential privacy',
  summary: 'differentially private training with an epsilon budget',
  unsupported: () => 'not supported yet',
};
