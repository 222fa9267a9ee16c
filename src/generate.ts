import { buildManifest, MANIFEST, manifestText } from './manifest.js';
import { byCodeUnit } from './order.js';
import { planProject, type Plan } from './plan/plan.js';
import { renderPlan, type FileTree } from './render/render.js';
import type { Spec } from './spec/schema.js';
import { loadTemplates, templateHash } from './templates/store.js';
import { VERSION } from './version.js';

/** A planned project: the paths it will have, known before any content is rendered. */
export interface PlannedProject {
  /** Every path `render` returns, in the same order. */
  paths: string[];
  /** render → manifest. */
  render(createdAt?: string): FileTree;
}

/** The build-time hashes of the files copied from templates as they are (none running from source). */
function copiedHashes(plan: Plan): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const { path, template } of plan.files) {
    const hash = template && !template.endsWith('.hbs') ? templateHash(template) : undefined;
    if (hash) hashes.set(path, hash);
  }
  return hashes;
}

/**
 * spec → plan, all in memory. The paths are known now; `render` makes the content. `init` starts
 * creating the files from the paths while the content is rendered (write.ts stageProject).
 */
export function planFiles(spec: Spec): PlannedProject {
  const store = loadTemplates();
  const plan = planProject(spec, store);
  const paths = [...plan.files.map((f) => f.path), MANIFEST].sort(byCodeUnit);
  return {
    paths,
    render(createdAt) {
      const tree = renderPlan(plan, store);
      const manifest = buildManifest(spec, tree, VERSION, createdAt, copiedHashes(plan));
      tree.set(MANIFEST, manifestText(manifest));
      return new Map(paths.map((p) => [p, tree.get(p) as string | Uint8Array]));
    },
  };
}

/**
 * spec → plan → render, all in memory. Returns the complete tree including the manifest.
 * `init` writes it, `--dry-run` prints it, `add` diffs it against the disk.
 */
export function generate(spec: Spec, createdAt?: string): FileTree {
  return planFiles(spec).render(createdAt);
}
