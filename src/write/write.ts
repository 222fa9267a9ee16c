import { randomBytes } from 'node:crypto';
import { writeFile, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
 * Test hook: N ms to wait per file, so a test can interrupt a write deterministically (it waits for the
 * staging folder to appear, then signals). 0 when unset.
 */
function injectedDelayMs(): number {
  const ms = Number(process.env.AML_SCAFFOLD_WRITE_DELAY_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Write new files (never through an existing file or link: O_EXCL), all at once; settles when all have. */
function writeAll(files: ReadonlyArray<readonly [string, string | Uint8Array]>): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = files.length;
    let first: Error | undefined;
    if (pending === 0) resolve();
    for (const [dest, content] of files) {
      writeFile(dest, content, { flag: 'wx' }, (e) => {
        first ??= e ?? undefined;
        // Settle only when every write has, so a rollback never races a write still in flight.
        if (--pending === 0) (first ? reject(first) : resolve());
      });
    }
  });
}

/**
 * Into an existing folder (--force, `add`) files are moved into place one at a time with synchronous
 * calls: a round trip through libuv's thread pool per call would cost more than the calls themselves.
 * Signals are only seen when the event loop runs, so between files the writer gives it a turn whenever
 * the disk has been slow (a network drive), which keeps Ctrl-C prompt without slowing a fast disk down.
 */
const YIELD_EVERY_MS = 10;

function pacer() {
  const delay = injectedDelayMs();
  let last = Date.now(); // not performance.now(): loading perf_hooks costs more than a whole write
  return async (): Promise<void> => {
    if (delay > 0) await sleep(Math.min(delay, 10_000));
    else if (Date.now() - last > YIELD_EVERY_MS) await new Promise((r) => setImmediate(r));
    else return;
    last = Date.now();
  };
}

function entryKind(path: string): 'missing' | 'dir' | 'file' | 'link' {
  try {
    const st = lstatSync(path);
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
  const kind = entryKind(root);
  if (kind === 'file') throw new RunError(`target ${target} is a file, not a directory`);
  const entries = kind === 'dir' || kind === 'link' ? readdirSync(root) : [];
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
  let madeParent: string | undefined;
  try {
    madeParent = mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new RunError(`cannot create ${parent}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const stage = join(parent, `.${basename(root)}.aml-scaffold-${randomBytes(4).toString('hex')}`);
  const signals = watchInterrupts();
  const failAfter = injectedFailureAfter();
  try {
    try {
      mkdirSync(stage);
    } catch (e) {
      throw new RunError(`cannot write in ${parent}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    // Folders first (a few), then every file at once: creating a file waits on the disk's journal, and
    // libuv's threads overlap those waits. The event loop stays free meanwhile, so Ctrl-C is seen.
    const entries = [...tree].map(([path, content]) => [join(stage, path), content] as const);
    for (const dir of new Set(entries.map(([dest]) => dirname(dest)))) mkdirSync(dir, { recursive: true });
    const delay = injectedDelayMs();
    if (delay > 0) await sleep(Math.min(delay * entries.length, 60_000));
    const count = Math.min(entries.length, failAfter);
    await writeAll(entries.slice(0, count));
    if (count < entries.length) throw new RunError(`injected write failure after ${count} files`);
    signals.check();
    // An existing empty folder is kept (it may be the user's shell's working directory, or a link):
    // the staged entries move into it. A missing one is created by a single rename.
    if (replaceEmptyDir) {
      moveEntries(stage, root);
      rmSync(stage, { recursive: true, force: true });
    } else renameSync(stage, root);
    return { created: [...tree.keys()], overwritten: [], unchanged: [] };
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    if (madeParent) rmSync(madeParent, { recursive: true, force: true });
    if (e instanceof RunError || e instanceof CancelledError) throw e;
    throw new RunError(`could not write ${root}: ${(e as Error).message}`);
  } finally {
    signals.stop();
  }
}

/** Move every top-level entry of `from` into the existing folder `to`; on failure move them back. */
function moveEntries(from: string, to: string): void {
  const moved: string[] = [];
  try {
    for (const name of readdirSync(from)) {
      renameSync(join(from, name), join(to, name));
      moved.push(name);
    }
  } catch (e) {
    for (const name of moved.reverse()) renameSync(join(to, name), join(from, name));
    throw e;
  }
}

/** Refuse to write through a symbolic link: it could point outside the target. */
export function assertNoLinks(root: string, path: string): void {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const p = join(root, ...parts.slice(0, i));
    if (entryKind(p) === 'link') {
      throw new RunError(`refusing to write through the symbolic link ${parts.slice(0, i).join('/')}`);
    }
  }
}

async function writeInto(root: string, tree: FileTree, opts: WriteOptions): Promise<WriteResult> {
  const result: WriteResult = { created: [], overwritten: [], unchanged: [] };
  for (const [path, content] of tree) {
    assertNoLinks(root, path);
    const dest = join(root, path);
    const kind = entryKind(dest);
    if (kind === 'missing') result.created.push(path);
    else if (kind === 'dir') throw new RunError(`cannot write ${path}: a directory is in the way`);
    else if (bytesOf(content).equals(readFileSync(dest))) result.unchanged.push(path);
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
  const pace = pacer();
  const done: Array<{ path: string; backup?: string; createdDirs: string[] }> = [];
  try {
    mkdirSync(join(stage, 'new'), { recursive: true });
    mkdirSync(join(stage, 'old'), { recursive: true });
    for (const [i, path] of paths.entries()) {
      writeFileSync(join(stage, 'new', String(i)), tree.get(path) as string | Uint8Array);
    }
    for (const [i, path] of paths.entries()) {
      await pace();
      signals.check();
      if (done.length >= failAfter) throw new RunError(`injected write failure after ${done.length} files`);
      const dest = join(root, path);
      const createdDirs = mkdirTracked(root, dirname(path));
      const step: (typeof done)[number] = { path, createdDirs };
      if (entryKind(dest) === 'file') {
        step.backup = join(stage, 'old', String(i));
        renameSync(dest, step.backup);
      }
      done.push(step);
      renameSync(join(stage, 'new', String(i)), dest);
    }
  } catch (e) {
    for (const step of done.reverse()) {
      rmSync(join(root, step.path), { force: true });
      if (step.backup) renameSync(step.backup, join(root, step.path));
      for (const d of step.createdDirs.reverse()) rmSync(d, { recursive: true, force: true });
    }
    if (e instanceof RunError || e instanceof CancelledError) throw e;
    throw new RunError(`could not write into ${root}: ${(e as Error).message}`);
  } finally {
    signals.stop();
    rmSync(stage, { recursive: true, force: true });
  }
}

/** mkdir -p that reports which directories it created (so a rollback removes exactly those). */
function mkdirTracked(root: string, rel: string): string[] {
  const created: string[] = [];
  if (rel === '.' || rel === '') return created;
  let current = root;
  for (const part of rel.split('/')) {
    current = join(current, part);
    if (entryKind(current) === 'missing') {
      mkdirSync(current);
      created.push(current);
    }
  }
  return created;
}
