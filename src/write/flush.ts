import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CancelledError, RunError } from '../core/errors.js';
import { watchInterrupts } from '../core/signals.js';
import { entryAt } from '../tree/disk.js';

/**
 * The one writer of every command (init, init --force, add, update): a set of writes and deletes applied
 * to a folder as one unit. Everything is staged in STAGING inside the target, so renames never cross a
 * device and nothing is written outside the project. The staging folder is also the lock: a second run
 * finds it and stops. Each step moves the old file aside (into old/) before moving the new one in, as a
 * journal records; a failure, a signal, or (on the next run) a killed run's leftovers are rolled back from
 * the journal and what is on disk, so the folder ends exactly as it was or exactly as planned.
 */
export const STAGING = '.aml-scaffold.tmp';

export interface Writes {
  /** path → new content */
  files: ReadonlyMap<string, string | Uint8Array>;
  deletes?: readonly string[];
}

interface Step {
  /** A file, or a folder that moves in whole (it was missing). */
  path: string;
  write: boolean;
  /** A file stood at `path` before this run. */
  existed: boolean;
}
interface Journal {
  steps: Step[];
}

const exists = (p: string) => lstatSync(p, { throwIfNoEntry: false }) !== undefined;

/** Test hooks: fail after N steps; wait N ms before each step (so a test can signal mid-write). */
function hook(name: string): number | undefined {
  const n = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Undo a journal from what is on disk: a backup in old/ goes back; a path that was missing and whose
 * staged content has moved in is removed. Idempotent, so a rollback that was itself cut short can run again.
 */
function rollback(root: string, stage: string, journal: Journal): string[] {
  const failed: string[] = [];
  for (let i = journal.steps.length - 1; i >= 0; i--) {
    const { path, write, existed } = journal.steps[i];
    const old = join(stage, 'old', String(i));
    try {
      if (exists(old)) renameSync(old, join(root, path));
      else if (write && !existed && !exists(join(stage, 'new', path))) rmSync(join(root, path), { recursive: true, force: true });
    } catch {
      failed.push(path);
    }
  }
  return failed;
}

/** Take the lock: make the staging folder, first undoing what a killed run left in it. */
function lock(root: string): string {
  const stage = join(root, STAGING);
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(stage);
      writeFileSync(join(stage, 'owner'), String(process.pid));
      return stage;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' || attempt > 0) throw new RunError(`cannot write in ${root} (${code}); nothing was changed`);
    }
    recover(root, stage);
  }
}

/** A staging folder found at start: another run's (stop), or a killed run's (roll it back, remove it). */
export function recover(root: string, stage = join(root, STAGING)): void {
  if (!exists(stage)) return;
  const pid = ownerOf(stage);
  if (pid !== undefined && pid !== process.pid && alive(pid)) {
    throw new RunError(`another aml-scaffold run (process ${pid}) is changing ${root}; wait for it to finish, then run again`);
  }
  if (!exists(join(stage, 'done'))) {
    const text = readText(join(stage, 'journal.json'));
    if (text !== undefined) {
      const failed = rollback(root, stage, JSON.parse(text) as Journal);
      if (failed.length > 0) throw new RunError(`could not undo an interrupted run; the originals are in ${stage}/old`, failed);
    }
  }
  rmSync(stage, { recursive: true, force: true });
}

/** The process that holds the staging folder; it writes its id just after making the folder, so wait a moment for it. */
function ownerOf(stage: string): number | undefined {
  for (let i = 0; i < 20; i++) {
    const pid = Number(readText(join(stage, 'owner')));
    if (pid > 0) return pid;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every check that can be made before the first change: afterwards only the disk itself can fail. A
 * file whose folder is missing moves in with its highest missing folder, in one rename (all of a new
 * project moves in by its top-level entries).
 */
function plan(root: string, writes: Writes): Journal {
  const steps: Step[] = [];
  const moved = new Set<string>();
  for (const path of writes.files.keys()) {
    const entry = entryAt(root, path);
    if (entry.kind === 'other') throw new RunError(`cannot write ${path}: ${entry.what} is in the way; nothing was changed`);
    let top = path;
    for (let d = dirname(path); d !== '.' && !exists(join(root, d)); d = dirname(d)) top = d;
    if (!moved.has(top)) steps.push({ path: top, write: true, existed: entry.kind === 'file' });
    moved.add(top);
  }
  for (const path of writes.deletes ?? []) {
    const entry = entryAt(root, path);
    if (entry.kind === 'file') steps.push({ path, write: false, existed: true });
  }
  return { steps };
}

/**
 * A rename, or fs-extra's copying move where a rename cannot go (a project folder that is another
 * mount); fs-extra is loaded only then: it loads Node's streams, which most runs never need.
 */
async function move(from: string, to: string): Promise<void> {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    const { default: fse } = await import('fs-extra');
    await fse.move(from, to);
  }
}

/** Apply `writes` to the folder `root` (which exists) as one unit; see the file comment. */
export async function flush(root: string, writes: Writes): Promise<void> {
  const journal = plan(root, writes);
  const stage = lock(root);
  const signals = watchInterrupts();
  const failAfter = hook('AML_SCAFFOLD_FAIL_AFTER');
  const delay = hook('AML_SCAFFOLD_WRITE_DELAY_MS');
  try {
    mkdirSync(join(stage, 'old'));
    for (const [path, content] of writes.files) {
      mkdirSync(dirname(join(stage, 'new', path)), { recursive: true });
      writeFileSync(join(stage, 'new', path), content);
    }
    writeFileSync(join(stage, 'journal.json'), JSON.stringify(journal));
    for (const [i, { path, write, existed }] of journal.steps.entries()) {
      if (delay) await new Promise((r) => setTimeout(r, Math.min(delay, 10_000)));
      else await new Promise((r) => setImmediate(r)); // lets a signal be seen
      signals.check();
      if (i === failAfter) throw new RunError(`injected write failure after ${i} files`);
      if (existed) renameSync(join(root, path), join(stage, 'old', String(i)));
      if (write) await move(join(stage, 'new', path), join(root, path));
    }
    writeFileSync(join(stage, 'done'), '');
  } catch (e) {
    const failed = rollback(root, stage, journal);
    signals.stop();
    if (failed.length > 0) throw new RunError(`the write failed and could not be fully undone; the originals are in ${stage}/old`, failed);
    rmSync(stage, { recursive: true, force: true });
    if (e instanceof RunError || e instanceof CancelledError) throw e;
    throw new RunError(`could not write into ${root} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was changed`);
  }
  signals.stop();
  rmSync(stage, { recursive: true, force: true });
}
