import type { FileTree } from '../core/tree.js';
import { generateFiles } from '../generate.js';
import { buildManifest, type Manifest, manifestText, sameProject } from '../manifest.js';
import type { Spec } from '../spec/schema.js';
import { VERSION } from '../version.js';
import { type Change, diffTree } from './diff.js';

/** What a command proposes for an existing project: the files of `spec`, each classified against the disk. */
export interface Proposal {
  files: FileTree;
  changes: Change[];
  /** The new manifest, when anything changes; undefined when the project on disk is exactly `spec`'s. */
  manifest?: string;
}

/**
 * `spec` rendered and diffed against the project in `root` and its manifest (`previous`, if any): the one
 * comparison that `init --force`, `add` and `update` share. Timestamps alone never make a change.
 */
export function propose(root: string, spec: Spec, previous: Manifest | undefined): Proposal {
  const files = generateFiles(spec);
  const dropped = previous ? Object.keys(previous.files).filter((p) => !files.has(p)) : [];
  const changes = diffTree(root, files, previous?.files ?? {}, dropped);
  const next = buildManifest(spec, files, VERSION, previous?.createdAt);
  const changed = !previous || !sameProject(previous, next) || changes.some((c) => c.action !== 'unchanged' && c.action !== 'keep');
  return { files, changes, manifest: changed ? manifestText(next) : undefined };
}
