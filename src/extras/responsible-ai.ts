import type { Extra } from './types.js';

export const responsibleAi: Extra = {
  id: 'responsible-ai',
  title: 'Responsible AI',
  summary: 'Fairlearn metrics by group and an InterpretML explanation',
  unsupported: () => 'not supported yet',
};
