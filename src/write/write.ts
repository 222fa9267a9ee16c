import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CancelledError, RunError } from '../cli/errors.js';
import { watchInterrupts } from './interrupts.js';
import type { FileTree } from '../render/render.js';

/** Entries that do not make a directory "non-empty" (editor and VCS droppings). */
const HARMLESS = new Set(['.git', '.DS_Store', 'Thumbs.db', '.idea', '.vscode']);

/** The entries of a directory listing that make it "non-empty". */
export function foreignEntries(names: string[]): string[] {
  return names.filter((e) => !HARMLESS.has(e));
}

export interface WriteOptions {
  force: boolean;
  /** Asked when --force meets files whose content differs; no callback means "do not overwrite". */
  confirmOverwrite?: (paths: string[]) => Promise<boolean>;
}

export interface WriteResult {
  created: string[];
  overwritten: string[];
  unchanged: string[];
}

/** Test hook: fail after writing N files, to prove that a failure leaves nothing behind. */
function injectedFailureAfter(): number {
  const n = Number(process.env.AML_SCAFFOLD_FAIL_AFTER);
  return Number.isInteger(n) && n >= 0 ? n : Infinity;
}

/**
 * Test hook: wait N ms before each file, so a test can interrupt a write deterministically (it waits
 * for the staging folder to appear, then signals).
 */
async function injectedDelay(): Promise<void> {
  const ms = Number(process.env.AML_SCAFFOLD_WRITE_DELAY_MS);
  if (Number.isFinite(ms) && ms > 0) await new Promise((r) => setTimeout(r, Math.min(ms, 10_000)));
}

async function entryKind(path: string): Promise<'missing' | 'dir' | 'file' | 'link'> {
  try {
    const st = await lstat(path);
    if (st.isSymbolicLink()) return 'link';
    return st.isDirectory() ? 'dir' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
}

const bytesOf = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));

/**
 * Write a new project. Into a missing or empty directory: render into a hidden sibling folder, then one
 * rename (atomic). Into a non-empty one (only with --force, or when it holds only harmless entries): per
 * file, never overwriting changed content without confirmation, rolling everything back on failure.
 */
export async function writeProject(target: string, tree: FileTree, opts: WriteOptions): Promise<WriteResult> {
  const root = resolve(target);
  const kind = await entryKind(root);
  if (kind === 'file') throw new RunError(`target ${target} is a file, not a directory`);
  const entries = kind === 'dir' || kind === 'link' ? await readdir(root) : [];
  if (entries.length === 0) return writeFresh(root, tree, kind !== 'missing');
  const foreign = foreignEntries(entries);
  const clashes = [...tree.keys()].filter((p) => entries.includes(p.split('/')[0]));
  if (foreign.length > 0 && !opts.force) {
    const listed = clashes.length > 0 ? clashes : foreign.sort();
    throw new RunError(`directory ${target} is not empty; use --force to add the project to it`, listed);
  }
  return writeInto(root, tree, opts);
}

async function writeFresh(root: string, tree: FileTree, replaceEmptyDir: boolean): Promise<WriteResult> {
  const parent = dirname(root);
  // The first folder mkdir created (undefined when the parent existed): removed again on failure.
  const madeParent = await mkdir(parent, { recursive: true }).catch((e) => {
    throw new RunError(`cannot create ${parent}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  });
  const stage = join(parent, `.${basename(root)}.aml-scaffold-${randomBytes(4).toString('hex')}`);
  const signals = watchInterrupts();
  const failAfter = injectedFailureAfter();
  try {
    await mkdir(stage).catch((e) => {
      throw new RunError(`cannot write in ${parent}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    });
    let written = 0;
    for (const [path, content] of tree) {
      await injectedDelay();
      signals.check();
      if (written >= failAfter) throw new RunError(`injected write failure after ${written} files`);
      const dest = join(stage, path);
      await mkdir(dirname(dest), { recursive: true });
      await writeFile(dest, bytesOf(content), { flag: constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY });
      written++;
    }
    signals.check();
    // An existing empty folder is kept (it may be the user's shell's working directory, or a link):
    // the staged entries move into it. A missing one is created by a single rename.
    if (replaceEmptyDir) {
      await moveEntries(stage, root);
      await rm(stage, { recursive: true, force: true });
    } else await rename(stage, root);
    return { created: [...tree.keys()], overwritten: [], unchanged: [] };
  } catch (e) {
    await rm(stage, { recursive: true, force: true });
    if (madeParent) await rm(madeParent, { recursive: true, force: true });
    if (e instanceof RunError || e instanceof CancelledError) throw e;
    throw new RunError(`could not write ${root}: ${(e as Error).message}`);
  } finally {
    signals.stop();
  }
}

/** Move every top-level entry of `from` into the existing folder `to`; on failure move them back. */
async function moveEntries(from: string, to: string): Promise<void> {
  const moved: string[] = [];
  try {
    for (const name of await readdir(from)) {
      await rename(join(from, name), join(to, name));
      moved.push(name);
    }
  } catch (e) {
    for (const name of moved.reverse()) await rename(join(to, name), join(from, name));
    throw e;
  }
}

/** Refuse to write through a symbolic link: it could point outside the target. */
export async function assertNoLinks(root: string, path: string): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const p = join(root, ...parts.slice(0, i));
    if ((await entryKind(p)) === 'link') {
      throw new RunError(`refusing to write through the symbolic link ${parts.slice(0, i).join('/')}`);
    }
  }
}

async function writeInto(root: string, tree: FileTree, opts: WriteOptions): Promise<WriteResult> {
  const result: WriteResult = { created: [], overwritten: [], unchanged: [] };
  for (const [path, content] of tree) {
    await assertNoLinks(root, path);
    const dest = join(root, path);
    const kind = await entryKind(dest);
    if (kind === 'missing') result.created.push(path);
    else if (kind === 'dir') throw new RunError(`cannot write ${path}: a directory is in the way`);
    else if (bytesOf(content).equals(await readFile(dest))) result.unchanged.push(path);
    else result.overwritten.push(path);
  }
  if (result.overwritten.length > 0) {
    const ok = opts.confirmOverwrite ? await opts.confirmOverwrite(result.overwritten) : false;
    if (!ok) throw new RunError('these files exist with other content and were not overwritten', result.overwritten);
  }
  await applyFiles(root, tree, [...result.created, ...result.overwritten]);
  return result;
}

/**
 * Write files into an existing directory as one unit: stage every file beside the target, then move each
 * into place, keeping the originals aside; on any failure undo every move.
 */
export async function applyFiles(root: string, tree: FileTree, paths: string[]): Promise<void> {
  const stage = join(dirname(root), `.${basename(root)}.aml-scaffold-${randomBytes(4).toString('hex')}`);
  const signals = watchInterrupts();
  const failAfter = injectedFailureAfter();
  const done: Array<{ path: string; backup?: string; createdDirs: string[] }> = [];
  try {
    await mkdir(join(stage, 'new'), { recursive: true });
    await mkdir(join(stage, 'old'), { recursive: true });
    for (const [i, path] of paths.entries()) {
      await writeFile(join(stage, 'new', String(i)), bytesOf(tree.get(path) as string | Uint8Array));
    }
    for (const [i, path] of paths.entries()) {
      await injectedDelay();
      signals.check();
      if (done.length >= failAfter) throw new RunError(`injected write failure after ${done.length} files`);
      const dest = join(root, path);
      const createdDirs = await mkdirTracked(root, dirname(path));
      const step: (typeof done)[number] = { path, createdDirs };
      if ((await entryKind(dest)) === 'file') {
        step.backup = join(stage, 'old', String(i));
        await rename(dest, step.backup);
      }
      done.push(step);
      await rename(join(stage, 'new', String(i)), dest);
    }
  } catch (e) {
    for (const step of done.reverse()) {
      await rm(join(root, step.path), { force: true });
      if (step.backup) await rename(step.backup, join(root, step.path));
      for (const d of step.createdDirs.reverse()) await rm(d, { recursive: true, force: true });
    }
    if (e instanceof RunError || e instanceof CancelledError) throw e;
    throw new RunError(`could not write into ${root}: ${(e as Error).message}`);
  } finally {
    signals.stop();
    await rm(stage, { recursive: true, force: true });
  }
}

/** mkdir -p that reports which directories it created (so a rollback removes exactly those). */
async function mkdirTracked(root: string, rel: string): Promise<string[]> {
  const created: string[] = [];
  if (rel === '.' || rel === '') return created;
  let current = root;
  for (const part of rel.split('/')) {
    current = join(current, part);
    if ((await entryKind(current)) === 'missing') {
      await mkdir(current);
      created.push(current);
    }
  }
  return created;
}
