/**
 * Never lose a user's data: init and add against real git repositories in odd states, unreadable and
 * non-regular files, a folder in the way, real mounts, killed and concurrent runs, and bad manifests.
 * Each case compares the exit code, the message and the target's files (and git state) before and after.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bin, runCli, tempDir } from '../helpers/cli.js';
import { expectOneLineError, snapshot, until } from './disk.js';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** git with a private HOME (no global safe.directory or identity of the machine's user). */
function gitEnv(home: string) {
  return { HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e.x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e.x' };
}

async function makeRepo(dir: string, env: Record<string, string>) {
  await mkdir(dir, { recursive: true });
  await execa('git', ['init', '--quiet', '-b', 'main'], { cwd: dir, env });
  await writeFile(join(dir, 'notes.md'), 'my notes\n');
  await execa('git', ['add', 'notes.md'], { cwd: dir, env });
  await execa('git', ['commit', '--quiet', '-m', 'mine'], { cwd: dir, env });
  await execa('git', ['remote', 'add', 'origin', 'https://example.invalid/me/repo.git'], { cwd: dir, env });
}

describe('git repositories that git refuses: init . leaves them exactly as found', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let env: Record<string, string>;
  beforeEach(async () => {
    tmp = await tempDir('aml-git-');
    env = gitEnv(join(tmp.path, 'home'));
    await mkdir(env.HOME);
  });
  afterEach(() => tmp.cleanup());

  const cases: [string, (repo: string) => Promise<void>, RegExp][] = [
    [
      'owned by another user (dubious ownership)',
      async (repo) => {
        await execa('chown', ['-R', String(NOBODY), repo]);
      },
      /safe\.directory/,
    ],
    ['with a damaged .git/HEAD', async (repo) => writeFile(join(repo, '.git', 'HEAD'), 'garbage\n'), /git status/],
    [
      'whose .git file points to a moved submodule',
      async (repo) => {
        await rm(join(repo, '.git'), { recursive: true });
        await writeFile(join(repo, '.git'), 'gitdir: ../.git/modules/moved-away\n');
      },
      /git status/,
    ],
  ];

  for (const [what, damage, fix] of cases) {
    it.skipIf(what.startsWith('owned') && !isRoot)(`a repository ${what}`, async () => {
      const repo = join(tmp.path, 'repo');
      await makeRepo(repo, env);
      await damage(repo);
      const before = await snapshot(join(repo));
      const r = await runCli(['init', '.', '--name', 'demo', '--yes', '--force'], { cwd: repo, env });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/^warning: git refused this folder's repository \(.+\); it was left as it was/);
      expect(r.stderr).toMatch(fix);
      const after = await snapshot(repo);
      const gitState = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).filter(([p]) => p === '.git' || p.startsWith('.git/')));
      expect(gitState(after)).toEqual(gitState(before));
      expect(after['notes.md']).toBe(before['notes.md']);
      expect(existsSync(join(repo, 'src', 'train.py'))).toBe(true);
    });
  }

  it('init --force commits only the files it generated, never what else the folder holds', async () => {
    const dir = join(tmp.path, 'proj');
    await mkdir(dir);
    await writeFile(join(dir, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    const r = await runCli(['init', 'proj', '--yes', '--force'], { cwd: tmp.path, env });
    expect(r.exitCode, r.stderr).toBe(0);
    const tracked = (await execa('git', ['ls-files'], { cwd: dir, env })).stdout.split('\n');
    expect(tracked).not.toContain('id_rsa');
    expect(tracked).toContain('src/train.py');
    expect(tracked).toContain('aml-scaffold.json');
    const status = (await execa('git', ['status', '--porcelain'], { cwd: dir, env })).stdout;
    expect(status).toBe('?? id_rsa');
  });
});

describe('re-running and adding in an existing project', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let proj: string;
  beforeEach(async () => {
    tmp = await tempDir('aml-safe-');
    await chmod(tmp.path, 0o755); // the setpriv cases run as nobody
    proj = join(tmp.path, 'proj');
    const r = await runCli(['init', 'proj', '--yes', '--no-git'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  it('init --force on an untouched project changes nothing and exits 0', async () => {
    const before = await snapshot(proj);
    const r = await runCli(['init', 'proj', '--yes', '--no-git', '--force'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Nothing to change/);
    expect(await snapshot(proj)).toEqual(before);
  });

  it('init --force restores a deleted generated file and keeps a changed one', async () => {
    await rm(join(proj, 'src', 'score.py'));
    await writeFile(join(proj, 'README.md'), 'my own readme\n');
    const r = await runCli(['init', 'proj', '--yes', '--no-git', '--force'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(proj, 'src', 'score.py'))).toBe(true);
    expect(await readFile(join(proj, 'README.md'), 'utf8')).toBe('my own readme\n');
  });

  it('add reads a changed file over 2 GiB whole (in chunks) and keeps it, never treating it as missing', async () => {
    // A sparse file: 2 GiB + 1 byte of size, no disk space. Reading it whole is what the old code could not do.
    await truncate(join(proj, 'src', 'train.py'), 2 ** 31 + 1).catch(async () => {
      await writeFile(join(proj, 'src', 'train.py'), '');
      await truncate(join(proj, 'src', 'train.py'), 2 ** 31 + 1);
    });
    const before = await snapshot(proj);
    const r = await runCli(['add', 'onnx', '--dir', 'proj'], { cwd: tmp.path });
    // Hashed in chunks: the file is compared, found changed by the user, and kept (its proposal beside it).
    expect([0, 1]).toContain(r.exitCode);
    expect((await snapshot(proj))['src/train.py']).toBe(before['src/train.py']);
  });

  it.skipIf(!isRoot)('add stops with exit 1 on a file it lacks permission to read, changing nothing', async () => {
    await execa('chown', ['-R', `${NOBODY}:${NOBODY}`, proj]);
    await chown(join(proj, 'src', 'train.py'), 0, 0);
    await chmod(join(proj, 'src', 'train.py'), 0o600);
    const before = await snapshot(proj);
    const r = await execa('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, bin, 'add', 'onnx', '--dir', proj], {
      reject: false,
      stdin: 'ignore',
    });
    expect(r.exitCode, r.stderr).toBe(1);
    expectOneLineError(r.stderr, /cannot read src\/train\.py \(EACCES\); nothing was changed/);
    expect(await snapshot(proj)).toEqual(before);
  });

  it('a directory where add must write a file: exit 1, nothing changed, no half rollback', async () => {
    await mkdir(join(proj, 'src', 'extra_onnx.py'));
    await writeFile(join(proj, 'src', 'extra_onnx.py', 'mine.txt'), 'mine\n');
    const before = await snapshot(proj);
    const r = await runCli(['add', 'onnx', '--dir', 'proj'], { cwd: tmp.path });
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /src\/extra_onnx\.py is a directory, not a regular file/);
    expect(await snapshot(proj)).toEqual(before);
  });

  it('a FIFO where a generated file goes: init --force and add stop at once with exit 1', async () => {
    await rm(join(proj, 'src', 'score.py'));
    await execa('mkfifo', [join(proj, 'src', 'score.py')]);
    await rm(join(proj, 'requirements-dev.txt'));
    await execa('mkfifo', [join(proj, 'requirements-dev.txt')]);
    const before = await snapshot(proj);
    for (const args of [['init', 'proj', '--yes', '--no-git', '--force'], ['add', 'onnx', '--dir', 'proj']]) {
      const r = await runCli(args, { cwd: tmp.path, timeout: 30_000 });
      expect(r.exitCode, `${args[0]}: ${r.stderr}`).toBe(1);
      expectOneLineError(r.stderr, /is a FIFO, not a regular file/);
    }
    expect(await snapshot(proj)).toEqual(before);
  });

  it('a run killed with SIGKILL mid-write is rolled back by the next run, which then completes', async () => {
    const before = await snapshot(proj);
    const child = execa(process.execPath, [bin, 'add', 'onnx', 'sweep', '--dir', proj], { reject: false, stdin: 'ignore', env: { AML_SCAFFOLD_WRITE_DELAY_MS: '150' } });
    await until(async () => existsSync(join(proj, '.aml-scaffold.tmp', 'old', '0')) || (await readdir(join(proj, 'src'))).includes('extra_onnx.py'), 'the first moves');
    child.kill('SIGKILL');
    await child;
    expect(existsSync(join(proj, '.aml-scaffold.tmp'))).toBe(true);
    // A dry run reads only; the next real run undoes the killed one first.
    const r = await runCli(['init', 'proj', '--yes', '--no-git', '--force'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(proj)).toEqual(before);
    const again = await runCli(['add', 'onnx', 'sweep', '--dir', 'proj'], { cwd: tmp.path });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(existsSync(join(proj, '.aml-scaffold.tmp'))).toBe(false);
    expect(JSON.parse(await readFile(join(proj, 'aml-scaffold.json'), 'utf8')).spec.extras).toEqual(['onnx', 'sweep']);
  });

  it('two add runs at once: the second stops (exit 1) and the first completes; no entry lost, no stray .new', async () => {
    const first = execa(process.execPath, [bin, 'add', 'onnx', '--dir', proj], { reject: false, stdin: 'ignore', env: { AML_SCAFFOLD_WRITE_DELAY_MS: '100' } });
    await until(async () => existsSync(join(proj, '.aml-scaffold.tmp', 'journal.json')), 'the first run to start writing');
    const second = await runCli(['add', 'sweep', '--dir', 'proj'], { cwd: tmp.path });
    expect(second.exitCode).toBe(1);
    expectOneLineError(second.stderr, /another aml-scaffold run \(process \d+\) is changing/);
    expect((await first).exitCode).toBe(0);
    const manifest = JSON.parse(await readFile(join(proj, 'aml-scaffold.json'), 'utf8'));
    expect(manifest.spec.extras).toEqual(['onnx']);
    expect(Object.keys(manifest.files)).toContain('src/extra_onnx.py');
    const all = Object.keys(await snapshot(proj));
    expect(all.filter((p) => p.endsWith('.new') || p.includes('.aml-scaffold.tmp'))).toEqual([]);
  });

  it.each([
    ['made by a newer version', (m: Record<string, unknown>) => ({ ...m, version: '99.0.0' }), /made by aml-scaffold 99\.0\.0; this is .*: upgrade the tool/],
    ['with a malformed field', (m: Record<string, unknown>) => ({ ...m, files: 42 }), /aml-scaffold\.json: field "files"/],
    ['with a bad spec value', (m: Record<string, unknown>) => ({ ...m, spec: { ...(m.spec as object), framework: 'cobol' } }), /field "spec"/],
  ])('a manifest %s: exit 2 naming it, nothing changed', async (_what, edit, message) => {
    const path = join(proj, 'aml-scaffold.json');
    await writeFile(path, JSON.stringify(edit(JSON.parse(await readFile(path, 'utf8')))));
    const before = await snapshot(proj);
    for (const args of [['add', 'onnx', '--dir', 'proj'], ['init', 'proj', '--yes', '--no-git', '--force']]) {
      const r = await runCli(args, { cwd: tmp.path });
      expect(r.exitCode, r.stderr).toBe(2);
      expectOneLineError(r.stderr, message);
    }
    expect(await snapshot(proj)).toEqual(before);
  });

  it('a manifest that is not JSON: exit 2', async () => {
    await writeFile(join(proj, 'aml-scaffold.json'), '{ nope');
    const r = await runCli(['add', 'onnx', '--dir', 'proj'], { cwd: tmp.path });
    expect(r.exitCode).toBe(2);
    expectOneLineError(r.stderr, /aml-scaffold\.json is not valid JSON/);
  });
});

/** Real mounts (tmpfs), where this machine lets root make them. */
async function canMount(dir: string): Promise<boolean> {
  if (!isRoot) return false;
  await mkdir(dir, { recursive: true });
  const r = await execa('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { reject: false });
  return r.exitCode === 0;
}

describe('mounts: staging inside the target means no cross-device rename', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const mounted: string[] = [];
  beforeEach(async () => {
    tmp = await tempDir('aml-mnt-');
    await chmod(tmp.path, 0o755); // the setpriv case runs as nobody
  });
  afterEach(async () => {
    for (const m of mounted.splice(0).reverse()) await execa('umount', [m], { reject: false });
    await tmp.cleanup();
  });

  it('init into an empty mount point, then add and init --force there', async (ctx) => {
    const target = join(tmp.path, 'mnt');
    if (!(await canMount(target))) return ctx.skip();
    mounted.push(target);
    const r = await runCli(['init', 'mnt', '--yes', '--no-git'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await runCli(['add', 'onnx', '--dir', 'mnt'], { cwd: tmp.path })).exitCode).toBe(0);
    await rm(join(target, 'README.md'));
    expect((await runCli(['init', 'mnt', '--yes', '--no-git', '--force'], { cwd: tmp.path })).exitCode).toBe(0);
    expect(existsSync(join(target, 'README.md'))).toBe(true);
    expect(await readdir(tmp.path)).toEqual(['mnt']);
  });

  it('add writes into a project folder that is itself another mount (data/)', async (ctx) => {
    expect((await runCli(['init', 'proj', '--yes', '--no-git'], { cwd: tmp.path })).exitCode).toBe(0);
    const data = join(tmp.path, 'proj', 'data');
    if (!(await canMount(data))) return ctx.skip();
    mounted.push(data);
    // The mount hides data/iris.csv: init --force puts it back, across the device boundary.
    const r = await runCli(['init', 'proj', '--yes', '--no-git', '--force'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await readFile(join(data, 'iris.csv'), 'utf8')).startsWith('sepal')).toBe(true);
  });

  it.skipIf(!isRoot)('add needs no write access outside the project', async () => {
    const parent = join(tmp.path, 'locked');
    await mkdir(parent);
    expect((await runCli(['init', 'proj', '--yes', '--no-git'], { cwd: parent })).exitCode).toBe(0);
    await execa('chown', ['-R', `${NOBODY}:${NOBODY}`, join(parent, 'proj')]);
    await chmod(parent, 0o755); // root's: nobody cannot write here
    const r = await execa('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, bin, 'add', 'onnx', '--dir', join(parent, 'proj')], {
      reject: false,
      stdin: 'ignore',
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await readdir(parent)).toEqual(['proj']);
  });
});
