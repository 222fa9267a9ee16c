import { closeSync, lstatSync, mkdir, mkdirSync, open, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CancelledError, RunError } from '../cli/errors.js';
import { byCodeUnit } from '../order.js';
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

/**
 * The hidden folder beside `root` that a write is staged in. Its suffix only has to differ between runs:
 * mkdir refuses a name that exists, so a clash is an error, never a shared folder. (Math.random, not
 * node:crypto, which costs a run about 3 ms to load.)
 */
function stagingPath(root: string): string {
  const suffix = Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return join(dirname(root), `.${basename(root)}.aml-scaffold-${suffix}`);
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
  // A path missing from an existing folder (a new project's usual target) without the cost of an
  // ENOENT exception; lstatSync says undefined for ENOTDIR too, which the call below still throws.
  if (lstatSync(path, { throwIfNoEntry: false }) === undefined && lstatSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) {
    return 'missing';
  }
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
  const fresh = stageProject(target, [...tree.keys()]);
  if (fresh) return fresh.commit(tree);
  const root = resolve(target);
  const kind = entryKind(root);
  if (kind === 'file') throw new RunError(`target ${target} is a file, not a directory`);
  const entries = readdirSync(root);
  const foreign = foreignEntries(entries);
  const clashes = [...tree.keys()].filter((p) => entries.includes(p.split('/')[0]));
  if (foreign.length > 0 && !opts.force) {
    const listed = clashes.length > 0 ? clashes : foreign.sort();
    throw new RunError(`directory ${target} is not empty; use --force to add the project to it`, listed);
  }
  return writeInto(root, tree, opts);
}

/** A new project's files, created empty in a staging folder, waiting for their content. */
export interface StagedProject {
  /** Write the content (`tree` must hold exactly the staged paths) and move the project into place. */
  commit(tree: FileTree): Promise<WriteResult>;
  /** Remove everything staged (when generating the content failed). */
  abort(): Promise<void>;
}

/**
 * Start writing a project into a missing or empty directory before its content exists: the staging
 * folder now, its folders and every file (opened, empty) on libuv's thread pool. Making a file or a
 * folder is what costs (the file system allocates an inode), and it then runs while the caller renders
 * the content on the main thread; `commit` only fills the files in. Undefined when the target is not a
 * missing or empty directory: writeProject handles that case (refusal, or --force) once the content exists.
 */
export function stageProject(target: string, paths: readonly string[]): StagedProject | undefined {
  const root = resolve(target);
  const kind = entryKind(root);
  if (kind === 'file') return undefined;
  if (kind !== 'missing' && readdirSync(root).length > 0) return undefined;
  // An existing empty folder is kept (it may be the user's shell's working directory, or a link):
  // the staged entries move into it. A missing one is created by a single rename.
  const replaceEmptyDir = kind !== 'missing';
  const parent = dirname(root);
  // The first folder mkdir created (undefined when the parent existed): removed again on failure.
  let madeParent: string | undefined;
  try {
    madeParent = mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new RunError(`cannot create ${parent}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const stage = stagingPath(root);
  const signals = watchInterrupts();
  const removeAll = () => {
    rmSync(stage, { recursive: true, force: true });
    if (madeParent) rmSync(madeParent, { recursive: true, force: true });
    signals.stop();
  };
  try {
    mkdirSync(stage);
  } catch (e) {
    removeAll();
    throw new RunError(`cannot write in ${parent}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const opening = onePoolThread(() => createAll(stage, paths.map((p) => join(stage, p))));
  return {
    async commit(tree) {
      const { fds, error } = await opening;
      try {
        if (error) throw error;
        if (tree.size !== paths.length || paths.some((p) => !tree.has(p))) throw new Error('the files differ from the staged ones');
        const delay = injectedDelayMs();
        if (delay > 0) await sleep(Math.min(delay * paths.length, 60_000));
        const count = Math.min(paths.length, injectedFailureAfter());
        // Synchronous: each file is a few kB into the page cache, less than a thread-pool round trip.
        for (let i = 0; i < count; i++) {
          writeFileSync(fds[i] as number, tree.get(paths[i]) as string | Uint8Array);
          closeSync(fds[i] as number);
          fds[i] = undefined;
        }
        if (count < paths.length) throw new RunError(`injected write failure after ${count} files`);
        signals.check();
        if (replaceEmptyDir) {
          moveEntries(stage, root);
          rmSync(stage, { recursive: true, force: true });
        } else renameSync(stage, root);
        signals.stop();
        return { created: [...tree.keys()], overwritten: [], unchanged: [] };
      } catch (e) {
        closeAll(fds);
        removeAll();
        if (e instanceof RunError || e instanceof CancelledError) throw e;
        throw new RunError(`could not write ${root}: ${(e as Error).message}`);
      }
    },
    async abort() {
      closeAll((await opening).fds);
      removeAll();
    },
  };
}

/**
 * Run `start`, which makes the process's first thread-pool requests, with libuv's pool at one thread
 * (unless UV_THREADPOOL_SIZE says otherwise): creating a file is CPU work in the kernel, and one thread
 * creating them beside the main thread, which renders meanwhile, beats four threads taking turns with
 * it on a small machine (measured: about 1.7 ms of an init on 2 vCPUs). libuv reads the variable when
 * it starts the pool, on the first request; it is removed again at once, so no child process sees it.
 */
function onePoolThread<T>(start: () => T): T {
  const preset = process.env.UV_THREADPOOL_SIZE !== undefined;
  if (!preset) process.env.UV_THREADPOOL_SIZE = '1';
  try {
    return start();
  } finally {
    if (!preset) delete process.env.UV_THREADPOOL_SIZE;
  }
}

/**
 * Make the folders and create every file (never through an existing file or link: O_EXCL), all on the
 * thread pool: each folder's mkdir is queued before its files' opens, and one pool thread runs them in
 * that order (onePoolThread). With more threads an open may run first and find no folder: it is tried
 * again once that folder is made. Settles when every request has, with the descriptors in order and the
 * first error, so nothing is ever left in flight.
 */
function createAll(stage: string, dests: readonly string[]): Promise<{ fds: (number | undefined)[]; error?: Error }> {
  return new Promise((resolve) => {
    const fds: (number | undefined)[] = dests.map(() => undefined);
    let pending = dests.length;
    let error: Error | undefined;
    const settled = () => {
      if (--pending === 0) resolve({ fds, error });
    };
    if (pending === 0) resolve({ fds });
    const folders = new Map<string, { made: boolean; waiting: number[] }>();
    const create = (i: number, again: boolean) =>
      open(dests[i], 'wx', (e, fd) => {
        const folder = folders.get(dirname(dests[i]));
        if (e?.code === 'ENOENT' && !again && folder) {
          if (!folder.made) folder.waiting.push(i);
          else create(i, true);
          return;
        }
        if (e) error ??= e;
        else fds[i] = fd;
        settled();
      });
    // Every folder below the staging folder, each parent before its children (sorted paths).
    const byFolder = new Map<string, number[]>();
    dests.forEach((dest, i) => {
      byFolder.set(dirname(dest), [...(byFolder.get(dirname(dest)) ?? []), i]);
      for (let up = dirname(dirname(dest)); up.length > stage.length; up = dirname(up)) {
        if (!byFolder.has(up)) byFolder.set(up, []);
      }
    });
    for (const [path, files] of [...byFolder].sort(([a], [b]) => byCodeUnit(a, b))) {
      if (path !== stage) {
        const folder = { made: false, waiting: [] as number[] };
        folders.set(path, folder);
        mkdir(path, { recursive: true }, (e) => {
          folder.made = true;
          if (e) error ??= e;
          for (const i of folder.waiting.splice(0)) {
            if (e) settled();
            else create(i, true);
          }
        });
      }
      for (const i of files) create(i, false);
    }
  });
}

function closeAll(fds: (number | undefined)[]): void {
  for (const fd of fds) {
    if (fd === undefined) continue;
    try {
      closeSync(fd);
    } catch {
      // already gone; the folder is removed next
    }
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
  const stage = stagingPath(root);
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
