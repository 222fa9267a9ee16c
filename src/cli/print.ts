import type { Io } from './io.js';
import { line } from './io.js';
import type { FileTree } from '../core/tree.js';

export function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

const byteLength = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength);

/** The tree of files, folders first-level grouped, with sizes: what --dry-run shows. */
export function printTree(io: Io, root: string, tree: FileTree): void {
  line(io.human, `${root}/`);
  let previous: string[] = [];
  for (const [path, content] of tree) {
    const parts = path.split('/');
    const dirs = parts.slice(0, -1);
    let common = 0;
    while (common < dirs.length && dirs[common] === previous[common]) common++;
    for (let i = common; i < dirs.length; i++) line(io.human, `${'  '.repeat(i + 1)}${dirs[i]}/`);
    line(io.human, `${'  '.repeat(dirs.length + 1)}${parts.at(-1)}  (${size(byteLength(content))})`);
    previous = dirs;
  }
}
