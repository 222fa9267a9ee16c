import type { FileTree } from './core/tree.js';
import { buildManifest, MANIFEST, manifestText } from './manifest.js';
import { byCodeUnit } from './order.js';
import { planProject } from './plan/plan.js';
import { renderPlan } from './render/render.js';
import type { Spec } from './spec/schema.js';
import { loadTemplates } from './templates/store.js';
import { VERSION } from './version.js';

/** spec → plan → render, all in memory: the project's files without the manifest, sorted by path. */
export function generateFiles(spec: Spec): FileTree {
  const tree = renderPlan(planProject(spec, loadTemplates()), loadTemplates());
  return new Map([...tree].sort(([a], [b]) => byCodeUnit(a, b)));
}

/**
 * The complete project, manifest included, sorted by path: `init` writes it, `--dry-run` prints it,
 * `add`, `update` and `init --force` diff it against the disk.
 */
export function generate(spec: Spec, createdAt?: string): FileTree {
  const files = generateFiles(spec);
  files.set(MANIFEST, manifestText(buildManifest(spec, files, VERSION, createdAt)));
  return new Map([...files].sort(([a], [b]) => byCodeUnit(a, b)));
}
