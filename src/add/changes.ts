import { sha256 } from '../hash/sha256.js';
import type { FileTree } from '../render/render.js';

export type Action = 'create' | 'update' | 'conflict' | 'unchanged';

export interface Change {
  path: string;
  action: Action;
}

/**
 * Classify each file of the re-planned project against the disk and the manifest (a 3-way rule by hash):
 * missing on disk → create; same content → unchanged; on disk as we generated it (hash = manifest) →
 * update; anything else — the user changed it, or made a file we never generated — → conflict.
 */
export function classify(
  next: FileTree,
  disk: ReadonlyMap<string, Uint8Array | undefined>,
  generated: Readonly<Record<string, string>>,
): Change[] {
  const changes: Change[] = [];
  for (const [path, content] of next) {
    const current = disk.get(path);
    let action: Action;
    if (current === undefined) action = 'create';
    else if (sha256(current) === sha256(content)) action = 'unchanged';
    else if (generated[path] === sha256(current)) action = 'update';
    else action = 'conflict';
    changes.push({ path, action });
  }
  return changes;
}
