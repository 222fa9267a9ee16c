import type { Extra } from './types.js';

export const encryption: Extra = {
  id: 'encryption',
  title: 'Encrypted inference',
  summary: 'score homomorphically encrypted features (CKKS, TenSEAL)',
  unsupported: () => 'not supported yet',
};
