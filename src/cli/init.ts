import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { generate } from '../generate.js';
import { MANIFEST, readManifest } from '../manifest.js';
import { byCodeUnit } from '../order.js';
import { initGit, type GitOutcome } from '../post/git.js';
import { answersFromFlags, oneLine, type InitFlags } from '../spec/answers.js';
import { answersFrom } from '../spec/from-file.js';
import { projectName } from '../spec/names.js';
import { openSettings, promptMissing, summary } from '../spec/prompts.js';
import { parseSpec, type Spec } from '../spec/schema.js';
import { propose } from '../tree/propose.js';
import { flush, recover, STAGING } from '../write/flush.js';
import { CancelledError, RunError, UsageError } from '../core/errors.js';
import { line, makeIo, type Io } from './io.js';
import { flagName, flagValue } from '../spec/ids.js';
import { INIT_OPTIONS } from './options.js';
import { nextSteps } from './next-steps.js';
import { printTree } from './print.js';
import { shellWord } from '../core/shell.js';

const DEFAULT_DIR = 'aml-project';

/** Entries that do not make a directory "non-empty": editor and VCS droppings, and a killed run's staging. */
const HARMLESS = new Set(['.git', '.DS_Store', 'Thumbs.db', '.idea', '.vscode', STAGING]);

/** The entries of a directory listing that make it "non-empty". */
export function foreignEntries(names: string[]): string[] {
  return names.filter((e) => !HARMLESS.has(e));
}

function directoryName(dir: string | undefined, flags: InitFlags): string | undefined {
  // An empty argument (e.g. an unset shell variable) would otherwise mean the current directory.
  if (dir === '') throw new UsageError('the directory argument is empty; pass a path, or . for the current directory');
  if (dir?.includes('\0')) throw new UsageError('the directory argument contains a NUL byte');
  return dir ?? flags.name;
}

/** The project name when --name is absent: the directory's basename, which must itself be valid. */
function nameFor(dir: string): string {
  const base = basename(resolve(dir));
  if (!projectName.pattern.test(base)) {
    throw new UsageError(`directory name "${oneLine(base)}" is not a valid project name (${projectName.describe}); pass --name`);
  }
  return base;
}

/** Fail before asking anything when the target cannot be used (peers that ask first annoy users). */
function assertTargetUsable(dir: string, force: boolean): void {
  if (force) return;
  try {
    // A new folder in an existing one (the usual case) without the cost of an ENOENT exception.
    if (statSync(dir, { throwIfNoEntry: false }) === undefined && statSync(dirname(resolve(dir)), { throwIfNoEntry: false })?.isDirectory()) return;
    const entries = foreignEntries(readdirSync(dir));
    if (entries.length > 0) throw new RunError(`directory ${dir} is not empty; use --force to add the project to it`, entries.sort());
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') {
      // Either the target itself or one of its parents is a file; say which.
      let isFile = false;
      try {
        isFile = !statSync(dir).isDirectory();
      } catch {
        // a parent is the file
      }
      throw new RunError(isFile ? `target ${oneLine(dir)} is a file, not a directory` : `cannot create ${oneLine(dir)}: a parent of it is a file`);
    }
    if (code === 'ENAMETOOLONG') throw new UsageError(`directory name is too long: ${oneLine(dir)}`);
    throw e;
  }
}

async function resolveSpec(dirArg: string | undefined, flags: InitFlags & { from?: string }, io: Io, ask: boolean): Promise<{ dir: string; spec: Spec }> {
  // --from: a manifest's spec or an answers file, under the flags given with it.
  let answers: Record<string, unknown> = flags.from === undefined ? answersFromFlags(flags) : answersFrom(flags.from, flags);
  let dir = directoryName(dirArg, flags);
  if (dir !== undefined) assertTargetUsable(dir, Boolean(flags.force));
  if (ask) {
    if (dir !== undefined && answers.name === undefined) answers.name = nameFor(dir);
    answers = await promptMissing(answers);
    dir ??= answers.name as string;
    assertTargetUsable(dir, Boolean(flags.force));
  } else {
    dir ??= typeof answers.name === 'string' ? answers.name : DEFAULT_DIR;
    answers.name ??= nameFor(dir);
    const open = openSettings(answers);
    if (!flags.yes && open.length > 0) {
      line(io.err, `note: no terminal to ask at, so the recommended settings were used for ${open.map(flagName).join(', ')} (--yes says so and silences this)`);
    }
  }
  const spec = parseSpec(answers);
  if (ask) {
    line(io.human, `\n${summary(spec).map((l) => `  ${l}`).join('\n')}\n`);
    const { confirm } = await import('@inquirer/prompts');
    if (!(await confirm({ message: `Create this project in ${dir}?`, default: true }))) throw new CancelledError();
  }
  return { dir, spec };
}

export async function runInit(dirArg: string | undefined, flags: InitFlags & { from?: string }): Promise<number> {
  const io = makeIo(Boolean(flags.json));
  const ask = !flags.yes && flags.from !== '-' && io.interactive(); // stdin holds the answers with --from -
  const { dir, spec } = await resolveSpec(dirArg, flags, io, ask).catch(mapPromptCancel);
  if (flags.dryRun) {
    const tree = generate(spec);
    printTree(io, dir, tree);
    line(io.human, `\n${tree.size} files would be written; nothing was written (--dry-run).`);
    if (flags.json) printJson(io, dir, spec, [...tree.keys()]);
    return 0;
  }
  const root = resolve(dir);
  let madeRoot: string | undefined;
  try {
    madeRoot = mkdirSync(root, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RunError(code === 'EEXIST' || code === 'ENOTDIR' ? `target ${oneLine(dir)} is a file, not a directory` : `cannot create ${oneLine(dir)} (${code})`);
  }
  let written: string[];
  try {
    if (!madeRoot) recover(root); // what a killed run left goes first
    written = await writeProject(root, spec, ask);
  } catch (e) {
    if (madeRoot) removeEmptyFolders(root, madeRoot);
    throw e;
  }
  if (written.length === 0) {
    line(io.human, `Nothing to change: ${dir} already holds this project.`);
    if (flags.json) printJson(io, dir, spec, written);
    return 0;
  }
  let git: GitOutcome = 'no-git';
  if (flags.git !== false) {
    const outcome = await initGit(root, written);
    git = outcome.outcome;
    if (outcome.detail) line(io.err, `warning: ${outcome.detail}`);
    // Ctrl-C after the files were in place: they stay (complete), the half-made repository does not.
    if (git === 'interrupted') return 130;
  }
  line(io.human, `Created ${spec.framework} project ${spec.name} in ${dir} (${written.length} files${git === 'committed' ? ', initial git commit' : ''}).`);
  if (ask) line(io.human, `\nTo skip the questions next time:\n  ${oneShotCommand(dir, spec)}`);
  line(io.human, '\nNext steps:');
  // The steps are meant to be pasted into a shell: a directory like `my dir` or `$(x)` must stay one word.
  for (const step of nextSteps(shellWord(dir), spec, git === 'committed')) line(io.human, `  ${step}`);
  if (flags.json) printJson(io, dir, spec, written);
  return 0;
}

/**
 * Write the project into the folder `root` (which exists): all of it into an empty folder; with --force
 * into a non-empty one, what is missing or still as generated, never a file someone changed unless they
 * say so at the prompt. Returns the paths written.
 */
async function writeProject(root: string, spec: Spec, ask: boolean): Promise<string[]> {
  if (foreignEntries(readdirSync(root)).length === 0) {
    const tree = generate(spec);
    await flush(root, { files: tree });
    return [...tree.keys()];
  }
  const proposal = propose(root, spec, readManifest(root));
  if (proposal.manifest === undefined) return [];
  const conflicts = proposal.changes.filter((c) => c.action === 'conflict').map((c) => c.path);
  if (conflicts.length > 0 && !(ask && (await confirmOverwrite(conflicts)))) {
    throw new RunError('these files exist with other content and were not overwritten', conflicts);
  }
  const files = new Map<string, string | Uint8Array>();
  for (const c of proposal.changes) {
    if (c.action === 'create' || c.action === 'update' || c.action === 'conflict') files.set(c.path, proposal.files.get(c.path) as string | Uint8Array);
  }
  files.set(MANIFEST, proposal.manifest);
  await flush(root, { files });
  return [...files.keys()].sort(byCodeUnit);
}

/** Remove `root` and its parents up to `first` (the first folder this run made), as long as they are empty. */
function removeEmptyFolders(root: string, first: string): void {
  for (let d = root; d.length >= first.length; d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

/**
 * The non-interactive command that makes the same project (peers print it; CI and agents reuse it):
 * framework, target and serving always, every other option of the table only where it differs from
 * what those three give by default.
 */
export function oneShotCommand(dir: string, spec: Spec): string {
  const parts = ['npx aml-scaffold init', shellWord(dir), '--yes'];
  const base = parseSpec({ name: spec.name, framework: spec.framework, target: spec.target, serving: spec.serving });
  const always = new Set(['framework', 'target', ...(spec.target === 'none' ? [] : ['serving'])]);
  for (const o of INIT_OPTIONS) {
    const v = (spec as unknown as Record<string, unknown>)[o.key];
    if (v === undefined || (o.key === 'name' && spec.name === basename(resolve(dir)))) continue;
    const b = (base as unknown as Record<string, unknown>)[o.key];
    if (always.has(o.key) || flagValue(v) !== flagValue(b) || o.key === 'name') parts.push(flagName(o.key), shellWord(flagValue(v)));
  }
  return parts.join(' ');
}

function printJson(io: Io, dir: string, spec: Spec, files: string[]) {
  io.out.write(`${JSON.stringify({ directory: dir, spec, files })}\n`);
}

async function confirmOverwrite(paths: string[]): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: `Overwrite ${paths.length} changed file(s): ${paths.join(', ')}?`, default: false }).catch(mapPromptCancel);
}

/** @inquirer/prompts throws ExitPromptError on Ctrl-C. */
function mapPromptCancel(e: unknown): never {
  if (e instanceof Error && e.name === 'ExitPromptError') throw new CancelledError();
  throw e;
}
