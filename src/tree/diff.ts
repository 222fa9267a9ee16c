import { sha256 } from '../hash/sha256.js';
import type { FileTree } from '../core/tree.js';
import { hashAt } from './disk.js';

/**
 * create: missing on disk · unchanged: the same content, or the user changed a file whose generated
 * content is the same as before (theirs stands) · update: on disk as we generated it (its hash is the
 * manifest's) · conflict: the user changed it, or made a file we never generated · delete: a
 * file the new project no longer has, unchanged since we generated it · keep: such a file the user changed.
 */
export type Action = 'create' | 'update' | 'conflict' | 'unchanged' | 'delete' | 'keep';

export interface Change {
  path: string;
  action: Action;
}

/**
 * Compare the tree a command wants with the disk and with what was generated before (`generated`: the
 * manifest's sha256 per path). `dropped`: paths generated before that the new tree no longer has.
 * Every existing file compared is read whole; one that cannot be read stops the run (hashAt).
 */
export function diffTree(root: string, next: FileTree, generated: Readonly<Record<string, string>> = {}, dropped: readonly string[] = []): Change[] {
  const changes: Change[] = [];
  for (const [path, content] of next) {
    const current = hashAt(root, path);
    let action: Action;
    if (current === undefined) action = 'create';
    else if (current === sha256(content) || generated[path] === sha256(content)) action = 'unchanged';
    else if (generated[path] === current) action = 'update';
    else action = 'conflict';
    changes.push({ path, action });
  }
  for (const path of dropped) {
    const current = hashAt(root, path);
    if (current !== undefined) changes.push({ path, action: current === generated[path] ? 'delete' : 'keep' });
  }
  return changes;
}
