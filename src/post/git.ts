export type GitOutcome = 'committed' | 'inside-repo' | 'no-git' | 'failed' | 'interrupted';

/**
 * `git init` + one initial commit on `main`. Skipped inside an existing work tree; works with git older
 * than 2.28 (no --initial-branch) by pointing HEAD at main before the first commit. Never fails the
 * scaffold: a missing git or a failing commit is a warning, and a half-made .git is removed.
 */
export async function initGit(dir: string): Promise<{ outcome: GitOutcome; detail?: string }> {
  // Ctrl-C must not kill us between `git init` and the commit, leaving a half-made .git: note it,
  // stop after the running git command, and remove the repository.
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await initGitSteps(dir, () => interrupted);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function initGitSteps(dir: string, interrupted: () => boolean): Promise<{ outcome: GitOutcome; detail?: string }> {
  // Loaded here, not at the top: `init --no-git` and `--dry-run` never pay for execa.
  const { execa } = await import('execa');
  const git = async (...args: string[]) => {
    if (interrupted()) throw new Error('interrupted');
    await execa('git', args, { cwd: dir, env: identity(), stdin: 'ignore' });
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
    const { rm } = await import('node:fs/promises');
    await rm(`${dir}/.git`, { recursive: true, force: true });
    if (interrupted()) return { outcome: 'interrupted', detail: 'interrupted during git init; the project was written without a repository' };
    const first = ((e as { stderr?: string }).stderr || (e as Error).message).split('\n')[0];
    return { outcome: 'failed', detail: `git commit failed (${first}); the project was written without a repository` };
  }
}

/** Fall back to a neutral identity only when the user has none configured, so the commit can be made. */
function identity(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  env.GIT_AUTHOR_NAME ??= process.env.GIT_COMMITTER_NAME;
  if (!hasGitIdentity()) {
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'aml-scaffold';
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'aml-scaffold@users.noreply.github.com';
  }
  return env;
}

let identityKnown: boolean | undefined;
function hasGitIdentity(): boolean {
  if (identityKnown !== undefined) return identityKnown;
  const { spawnSync } = require_();
  const r = spawnSync('git', ['config', 'user.email'], { encoding: 'utf8' });
  identityKnown = r.status === 0 && r.stdout.trim().length > 0;
  return identityKnown;
}

function require_() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
}
