import type { FileTree } from '../core/tree.js';
import type { Plan } from '../plan/plan.js';
import { templateContext } from '../plan/context.js';
import type { TemplateStore } from '../templates/store.js';
import { renderTemplate } from './engine.js';


export function renderPlan(plan: Plan, store: TemplateStore): FileTree {
  const context = templateContext(plan.spec, plan.names);
  const tree: FileTree = new Map();
  for (const file of plan.files) {
    if (file.content !== undefined) {
      tree.set(file.path, file.content);
      continue;
    }
    const key = file.template as string;
    if (!store.has(key)) throw new Error(`render: template ${key} is missing`);
    if (!key.endsWith('.hbs')) {
      tree.set(file.path, store.get(key) as string | Uint8Array);
      continue;
    }
    try {
      // The source is read only when the template has no build-time compiled form (running from source).
      tree.set(file.path, renderTemplate(key, () => store.get(key) as string, context));
    } catch (e) {
      throw new Error(`render: ${key}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return tree;
}
