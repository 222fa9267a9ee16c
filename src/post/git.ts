import { rmSync } from 'node:fs';
import { watchInterrupts } from '../write/interrupts.js';

export type GitOutcome = 'committed' | 'inside-repo' | 'no-git' | 'failed' | 'interrupted';

/**
 * `git init` + one initial commit on `main`. Skipped inside an existing work tree; works with git older
 * than 2.28 (no --initial-branch) by pointing HEAD at main before the first commit. Never fails the
 * scaffold: a missing git or a failing commit is a warning, and a half-made .git is removed.
 */
export async function initGit(dir: string): Promise<{ outcome: GitOutcome; detail?: string }> {
  // Ctrl-C must not kill us between `git init` and the commit, leaving a half-made .git: note it,
  // stop after the running git command, and remove the repository.
  const signals = watchInterrupts();
  try {
    return await initGitSteps(dir, signals.interrupted);
  } finally {
    signals.stop();
  }
}

async function initGitSteps(dir: string, interrupted: () => boolean): Promise<{ outcome: GitOutcome; detail?: string }> {
  // Loaded here, not at the top: `init --no-git` and `--dry-run` never pay for execa.
  const { execa } = await import('execa');
  let env: NodeJS.ProcessEnv | undefined;
  const git = async (...args: string[]) => {
    if (interrupted()) throw new Error('interrupted');
    env ??= await identity(execa);
    await execa('git', args, { cwd: dir, env, stdin: 'ignore' });
    if (interrupted()) throw new Error('interrupted');
  };
  try {
    await execa('git', ['--version'], { stdin: 'ignore' });
  } catch {
    return { outcome: 'no-git', detail: 'git was not found; the project was not put under version control' };
  }
  const inside = await execa('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, reject: false, stdin: 'ignore' });
  if (inside.exitCode === 0 && inside.stdout.trim() === 'true') return { outcome: 'inside-repo' };
  try {
    await git('init', '--quiet');
    await git('symbolic-ref', 'HEAD', 'refs/heads/main');
    await git('add', '-A');
    await git('commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', 'Initial commit from aml-scaffold');
    return { outcome: 'committed' };
  } catch (e) {
    rmSync(`${dir}/.git`, { recursive: true, force: true });
    if (interrupted()) return { outcome: 'interrupted', detail: 'interrupted during git init; the project was written without a repository' };
    const first = ((e as { stderr?: string }).stderr || (e as Error).message).split('\n')[0];
    return { outcome: 'failed', detail: `git commit failed (${first}); the project was written without a repository` };
  }
}

/**
 * Fall back to a neutral identity only for what the user has not configured (name and email are
 * both needed for a commit), so the initial commit can be made on a fresh machine.
 */
async function identity(execa: typeof import('execa').execa): Promise<NodeJS.ProcessEnv> {
  const configured = async (key: string) =>
    (await execa('git', ['config', key], { reject: false, stdin: 'ignore' })).stdout.trim() !== '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env.GIT_AUTHOR_NAME && !(await configured('user.name'))) {
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'aml-scaffold';
  }
  if (!env.GIT_AUTHOR_EMAIL && !(await configured('user.email'))) {
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'aml-scaffold@users.noreply.github.com';
  }
  return env;
}
