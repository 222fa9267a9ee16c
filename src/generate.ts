import { checkTree } from './check/check.js';
import { buildManifest, MANIFEST, manifestText } from './manifest.js';
import { planProject } from './plan/plan.js';
import { renderPlan, type FileTree } from './render/render.js';
import type { Spec } from './spec/schema.js';
import { loadTemplates } from './templates/store.js';
import { VERSION } from './version.js';

export class GenerationError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`the generated project failed its self-check (${problems[0].path}: ${problems[0].message}); please report this`);
  }
}

/**
 * spec → plan → render → check, all in memory. Returns the complete tree including the manifest.
 * `init` writes it, `--dry-run` prints it, `add` diffs it against the disk.
 */
export function generate(spec: Spec, createdAt?: string): FileTree {
  const store = loadTemplates();
  const plan = planProject(spec, store);
  const tree = renderPlan(plan, store);
  const problems = checkTree(tree);
  if (problems.length > 0) throw new GenerationError(problems);
  const manifest = buildManifest(spec, tree, VERSION, createdAt);
  tree.set(MANIFEST, manifestText(manifest));
  // Code-unit order, not localeCompare: the same on every machine, and no ICU collator to start up.
  return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
