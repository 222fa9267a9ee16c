import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { RunError } from '../core/errors.js';

/** What stands at a path: nothing, a regular file, or something we must not touch (named for the message). */
export type Entry = { kind: 'missing' } | { kind: 'file'; size: number } | { kind: 'other'; what: string };

function describe(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a directory';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * What stands at `root/path`, checking every folder on the way: a link or a file where a folder must
 * be is refused (writing through a link could leave the project). Never opens anything, so a FIFO
 * cannot block.
 */
export function entryAt(root: string, path: string): Entry {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    let st: Stats | undefined;
    try {
      st = lstatSync(join(root, ...parts.slice(0, i)), { throwIfNoEntry: false });
    } catch (e) {
      throw new RunError(`cannot inspect ${path} (${(e as NodeJS.ErrnoException).code}); nothing was changed`);
    }
    if (st === undefined) return { kind: 'missing' };
    const here = parts.slice(0, i).join('/');
    if (st.isSymbolicLink()) throw new RunError(`refusing to write through the symbolic link ${here} (it could point outside the project); nothing was changed`);
    if (i < parts.length) {
      if (!st.isDirectory()) throw new RunError(`cannot write ${path}: ${here} is ${describe(st)}, not a folder; nothing was changed`);
    } else if (st.isFile()) return { kind: 'file', size: st.size };
    else return { kind: 'other', what: describe(st) };
  }
  return { kind: 'missing' };
}

/**
 * The sha256 of a regular file, read in chunks (any size), or undefined when nothing is there. Anything
 * that is not a regular file, or cannot be read, stops the run with a clear error before any change:
 * treating an unreadable file as missing would overwrite it.
 */
export function hashAt(root: string, path: string): string | undefined {
  const entry = entryAt(root, path);
  if (entry.kind === 'missing') return undefined;
  if (entry.kind === 'other') throw new RunError(`${path} is ${entry.what}, not a regular file; move it away and run again (nothing was changed)`);
  let fd: number;
  try {
    // O_NONBLOCK: should the file have become a FIFO since the check, opening it still returns at once.
    fd = openSync(join(root, path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    throw new RunError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code}); nothing was changed`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new RunError(`${path} is not a regular file; move it away and run again (nothing was changed)`);
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
    return hash.digest('hex');
  } catch (e) {
    if (e instanceof RunError) throw e;
    throw new RunError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code}); nothing was changed`);
  } finally {
    closeSync(fd);
  }
}
