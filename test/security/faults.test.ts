/**
 * Faults met by the built CLI: each case checks the exit code, the one-line message, and that the
 * target (and everything beside it) is empty or unchanged afterwards.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bin, runCli, tempDir } from '../helpers/cli.js';
import { expectOneLineError, snapshot } from './disk.js';

const isRoot = process.getuid?.() === 0;

describe('init under faults', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir('aml-fault-');
  });
  afterEach(() => tmp.cleanup());

  it('refuses a target that is a file: exit 1, file untouched', async () => {
    await writeFile(join(tmp.path, 'taken'), 'mine\n');
    const before = await snapshot(tmp.path);
    const r = await runCli(['init', 'taken', '--yes', '--no-git'], { cwd: tmp.path });
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /target taken is a file, not a directory/);
    expect(await snapshot(tmp.path)).toEqual(before);
  });

  it('refuses a target whose parent is a file: exit 1, says so, nothing created', async () => {
    await writeFile(join(tmp.path, 'f'), 'mine\n');
    const before = await snapshot(tmp.path);
    const r = await runCli(['init', 'f/sub', '--yes', '--no-git'], { cwd: tmp.path });
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /cannot create f\/sub: a parent of it is a file/);
    expect(await snapshot(tmp.path)).toEqual(before);
  });

  // As root, permission bits do not stop writes (CAP_DAC_OVERRIDE), so chmod proves nothing. A
  // read-only bind mount needs privileges a test should not have; sysfs refuses new entries even to
  // root, so it is the honest non-writable parent there. As any other user, a chmod 555 folder.
  it(`reports a parent that is not writable (${isRoot ? 'root: /sys' : 'chmod 555'}): exit 1, nothing left`, async () => {
    let parent = '/sys';
    if (!isRoot) {
      parent = join(tmp.path, 'locked');
      await mkdir(parent);
      await chmod(parent, 0o555);
    } else if (!existsSync('/sys/kernel')) {
      return; // no sysfs in this sandbox: nothing honest left to try as root
    }
    const target = join(parent, `aml-scaffold-test-${process.pid}`);
    const before = await readdir(parent);
    const r = await runCli(['init', target, '--name', 'demo', '--yes', '--no-git'], { cwd: tmp.path });
    if (!isRoot) await chmod(parent, 0o755);
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /cannot (write in|create) .*(EACCES|EPERM|EROFS|ENOENT)/);
    expect(await readdir(parent)).toEqual(before);
  });

  it('removes the parent folders it created when a write fails midway', async () => {
    const r = await runCli(['init', 'a/b/proj', '--yes', '--no-git'], { cwd: tmp.path, env: { AML_SCAFFOLD_FAIL_AFTER: '4' } });
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /injected write failure after 4 files/);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('leaves an existing empty target empty (and in place) when a write fails midway', async () => {
    const dir = join(tmp.path, 'proj');
    await mkdir(dir);
    const inode = (await stat(dir)).ino;
    const r = await runCli(['init', 'proj', '--yes', '--no-git'], { cwd: tmp.path, env: { AML_SCAFFOLD_FAIL_AFTER: '0' } });
    expect(r.exitCode).toBe(1);
    expect(await readdir(tmp.path)).toEqual(['proj']);
    expect(await readdir(dir)).toEqual([]);
    expect((await stat(dir)).ino).toBe(inode);
  });

  it('writes into an existing empty folder without replacing it (a shell inside it keeps working)', async () => {
    const dir = join(tmp.path, 'proj');
    await mkdir(dir);
    const inode = (await stat(dir)).ino;
    const r = await runCli(['init', '.', '--yes', '--no-git'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await stat(dir)).ino).toBe(inode);
    expect(await readdir(dir)).toContain('README.md');
    expect(await readdir(tmp.path)).toEqual(['proj']);
  });

  it('rolls a --force write back completely when it fails midway: the folder is byte-for-byte unchanged', async () => {
    const dir = join(tmp.path, 'busy');
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    await writeFile(join(dir, 'src', 'helper.py'), 'x = 1\n');
    const before = await snapshot(tmp.path);
    const r = await runCli(['init', 'busy', '--yes', '--no-git', '--force'], { cwd: tmp.path, env: { AML_SCAFFOLD_FAIL_AFTER: '7' } });
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /injected write failure after 7 files/);
    expect(await snapshot(tmp.path)).toEqual(before);
  });

  it('refuses to write through a symbolic link in the target that points outside it', async () => {
    const dir = join(tmp.path, 'proj');
    const outside = join(tmp.path, 'outside');
    await mkdir(dir);
    await mkdir(outside);
    await writeFile(join(outside, 'keep.txt'), 'keep\n');
    await symlink(outside, join(dir, 'src'));
    await symlink(join(outside, 'keep.txt'), join(dir, 'README.md'));
    const before = await snapshot(tmp.path);
    const r = await runCli(['init', 'proj', '--yes', '--no-git', '--force'], { cwd: tmp.path });
    expect(r.exitCode).toBe(1);
    expectOneLineError(r.stderr, /refusing to write through the symbolic link (src|README\.md)/);
    expect(await snapshot(tmp.path)).toEqual(before);
  });

  it('inside an existing git work tree: writes the files, makes no nested repository, commits nothing', async () => {
    await execa('git', ['init', '--quiet'], { cwd: tmp.path });
    const r = await runCli(['init', 'inner', '--yes'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('initial git commit');
    expect(existsSync(join(tmp.path, 'inner', 'src', 'train.py'))).toBe(true);
    expect(existsSync(join(tmp.path, 'inner', '.git'))).toBe(false);
    const log = await execa('git', ['rev-list', '--all'], { cwd: tmp.path });
    expect(log.stdout).toBe('');
  });

  it('without git on PATH: writes the project, warns in one line, exits 0', async () => {
    const r = await execa(process.execPath, [bin, 'init', 'nogit', '--yes'], {
      cwd: tmp.path,
      reject: false,
      stdin: 'ignore',
      env: { PATH: join(tmp.path, 'no-such-bin'), NO_COLOR: '1' },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe('warning: git was not found; the project was not put under version control');
    expect(existsSync(join(tmp.path, 'nogit', 'src', 'train.py'))).toBe(true);
    expect(existsSync(join(tmp.path, 'nogit', '.git'))).toBe(false);
  });

  it('survives its stdout being closed early (`| head`): no EPIPE crash, the project is complete', async () => {
    const child = execa(process.execPath, [bin, 'init', 'piped', '--yes', '--no-git'], { cwd: tmp.path, reject: false, stdin: 'ignore', env: { NO_COLOR: '1' } });
    child.stdout?.destroy();
    const r = await child;
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).not.toMatch(/EPIPE|\n\s+at /);
    expect(existsSync(join(tmp.path, 'piped', 'aml-scaffold.json'))).toBe(true);
  });
});
