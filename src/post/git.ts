import { lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { watchInterrupts } from '../core/signals.js';

export type GitOutcome = 'committed' | 'inside-repo' | 'no-git' | 'failed' | 'interrupted';

export interface GitResult {
  outcome: GitOutcome;
  /** What happened and, when git failed, how to fix it: one line. */
  detail?: string;
}

type Execa = typeof import('execa').execa;

/**
 * `git init` + one initial commit on `main` of exactly the files this run wrote (`paths`), never of
 * anything else in the folder. A folder that is in a repository, or that has a `.git` of any kind (even
 * one git refuses: another owner's, a damaged one, a moved submodule's) is left exactly as it was; only a
 * `.git` this run created is ever removed. Works with git older than 2.28 (no --initial-branch).
 */
export async function initGit(dir: string, paths: readonly string[]): Promise<GitResult> {
  // Ctrl-C between `git init` and the commit would leave a half-made .git: stop after the running git
  // command instead, and remove the repository this run made.
  const signals = watchInterrupts();
  try {
    return await steps(dir, paths, signals.interrupted);
  } finally {
    signals.stop();
  }
}

const firstLine = (e: unknown) =>
  (((e as { stderr?: string }).stderr || (e as Error).message || '').trim().split('\n')[0] ?? '').replace(/^(fatal|error): /, '');

/** How to get past what git said, when we know. */
function fixFor(message: string, dir: string): string {
  if (/dubious ownership|safe\.directory/.test(message)) return `git config --global --add safe.directory '${dir}'`;
  return `run git status in ${dir} to see what git refuses`;
}

async function steps(dir: string, paths: readonly string[], interrupted: () => boolean): Promise<GitResult> {
  // Loaded here: `init --no-git` and `--dry-run` never load execa.
  const { execa } = await import('execa');
  try {
    await execa('git', ['--version'], { stdin: 'ignore' });
  } catch {
    return { outcome: 'no-git', detail: 'git was not found; the project was not put under version control' };
  }
  const hadGit = lstatSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
  const probe = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false, stdin: 'ignore' });
  if (probe.exitCode === 0) return { outcome: 'inside-repo' };
  const said = firstLine(probe);
  // Only git's plain "not a git repository" means there is none; anything else is a repository git
  // refuses to use, and it stays exactly as it is.
  if (hadGit || !/not a git repository/i.test(probe.stderr)) {
    return {
      outcome: 'failed',
      detail: `git refused this folder's repository (${said}); it was left as it was. To fix: ${fixFor(said, dir)}, then commit the project yourself`,
    };
  }
  let created = false;
  const env = await identity(execa);
  const git = async (args: string[], input?: string) => {
    if (interrupted()) throw new Error('interrupted');
    await execa('git', args, { cwd: dir, env, input, stdin: input === undefined ? 'ignore' : undefined });
    if (interrupted()) throw new Error('interrupted');
  };
  try {
    created = true; // there was no .git (hadGit): whatever `git init` leaves is this run's
    await git(['init', '--quiet']);
    await git(['symbolic-ref', 'HEAD', 'refs/heads/main']);
    // Exactly the generated files, named literally (no pathspec magic), whatever else the folder holds.
    await git(['--literal-pathspecs', 'add', '--pathspec-from-file=-', '--pathspec-file-nul'], paths.join('\0'));
    await git(['commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', 'Initial commit from aml-scaffold']);
    return { outcome: 'committed' };
  } catch (e) {
    if (created) rmSync(join(dir, '.git'), { recursive: true, force: true });
    if (interrupted()) return { outcome: 'interrupted', detail: 'interrupted during git init; the project was written without a repository' };
    const what = firstLine(e);
    return { outcome: 'failed', detail: `git failed (${what}); the project was written without a repository. To fix: ${fixFor(what, dir)}` };
  }
}

/**
 * Fall back to a neutral identity only for what the user has not configured (name and email are
 * both needed for a commit), so the initial commit can be made on a fresh machine.
 */
async function identity(execa: Execa): Promise<NodeJS.ProcessEnv> {
  const configured = async (key: string) => (await execa('git', ['config', key], { reject: false, stdin: 'ignore' })).stdout.trim() !== '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env.GIT_AUTHOR_NAME && !(await configured('user.name'))) {
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'aml-scaffold';
  }
  if (!env.GIT_AUTHOR_EMAIL && !(await configured('user.email'))) {
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'aml-scaffold@users.noreply.github.com';
  }
  return env;
}
