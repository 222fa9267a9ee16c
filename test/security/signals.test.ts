/**
 * Ctrl-C: during writing (SIGINT to the CLI, made deterministic by AML_SCAFFOLD_WRITE_DELAY_MS and by
 * waiting for the staging folder), during git init (a slow git wrapper on PATH), and during prompts (a real pseudo-terminal through `script`, where
 * Ctrl-C is the byte 0x03 read by the prompt library, exactly as a user's keypress).
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bin, tempDir } from '../helpers/cli.js';
import { expectOneLineError, snapshot, until } from './disk.js';

const SCRIPT = '/usr/bin/script';
const slowWrites = { NO_COLOR: '1', AML_SCAFFOLD_WRITE_DELAY_MS: '80' };

describe('Ctrl-C', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir('aml-sig-');
  });
  afterEach(() => tmp.cleanup());

  it('during a fresh write: exit 130, one line, nothing left beside or in the target', async () => {
    const child = execa(process.execPath, [bin, 'init', 'proj', '--yes', '--no-git'], { cwd: tmp.path, reject: false, stdin: 'ignore', env: slowWrites });
    await until(async () => existsSync(join(tmp.path, 'proj', '.aml-scaffold.tmp', 'journal.json')), 'the staging folder');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expectOneLineError(String(r.stderr), /^error: cancelled; nothing was written$/);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const)('%s during a --force write into an existing folder: exit 130, every moved file put back', async (signal) => {
    const dir = join(tmp.path, 'busy');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const before = await snapshot(tmp.path);
    const child = execa(process.execPath, [bin, 'init', 'busy', '--yes', '--no-git', '--force'], { cwd: tmp.path, reject: false, stdin: 'ignore', env: slowWrites });
    // Wait until some files are already in place, so the rollback has real work to do.
    await until(async () => (await readdir(dir)).length >= 3, 'the first files to land');
    child.kill(signal);
    const r = await child;
    expect(r.exitCode).toBe(130);
    expectOneLineError(String(r.stderr), /^error: cancelled; nothing was written$/);
    expect(await snapshot(tmp.path)).toEqual(before);
  });

  it('during git init, after the files are in place: exit 130, project complete, no half-made .git', async () => {
    // A git that takes its time, so the signal lands between `git init` and the commit.
    const realGit = (await execa('sh', ['-c', 'command -v git'])).stdout.trim();
    const fakeBin = join(tmp.path, 'bin');
    await mkdir(fakeBin);
    // The commit waits long enough that the signal surely lands before it, however loaded the machine.
    await writeFile(join(fakeBin, 'git'), `#!/bin/sh\nsleep 0.3\nfor a in "$@"; do [ "$a" = commit ] && sleep 5; done\nexec ${realGit} "$@"\n`, { mode: 0o755 });
    const env = { NO_COLOR: '1', PATH: `${fakeBin}:${process.env.PATH}` };
    const child = execa(process.execPath, [bin, 'init', 'proj', '--yes'], { cwd: tmp.path, reject: false, stdin: 'ignore', env });
    await until(async () => existsSync(join(tmp.path, 'proj', '.git')), 'git init');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr).trim()).toBe('warning: interrupted during git init; the project was written without a repository');
    expect(existsSync(join(tmp.path, 'proj', 'aml-scaffold.json'))).toBe(true);
    expect(existsSync(join(tmp.path, 'proj', '.git'))).toBe(false);
  });

  it.skipIf(!existsSync(SCRIPT))('at a prompt (pseudo-terminal): exit 130, nothing written', async () => {
    // `script -e` runs the CLI on a new pty and returns its exit code; CI must be unset or init never prompts.
    const env = { ...process.env, NO_COLOR: '1', TERM: 'dumb' } as Record<string, string>;
    delete env.CI;
    const child = execa(SCRIPT, ['-qfec', `${process.execPath} ${bin} init`, '/dev/null'], {
      cwd: tmp.path, reject: false, stdin: 'pipe', env, extendEnv: false,
    });
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => {
      seen += d.toString();
    });
    await until(async () => seen.includes('Project name'), 'the first prompt');
    child.stdin?.write('\u0003');
    const r = await child;
    expect(r.exitCode, seen).toBe(130);
    expect(seen).toMatch(/error: cancelled; nothing was written/);
    expect(seen).not.toMatch(/\n\s+at /);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it.skipIf(!existsSync(SCRIPT))('at a later prompt, after a name was typed: exit 130, no folder created', async () => {
    const env = { ...process.env, NO_COLOR: '1', TERM: 'dumb' } as Record<string, string>;
    delete env.CI;
    const child = execa(SCRIPT, ['-qfec', `${process.execPath} ${bin} init`, '/dev/null'], {
      cwd: tmp.path, reject: false, stdin: 'pipe', env, extendEnv: false,
    });
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => {
      seen += d.toString();
    });
    await until(async () => seen.includes('Project name'), 'the first prompt');
    child.stdin?.write('typed\r');
    await until(async () => seen.includes('Use recommended settings?'), 'the second prompt').catch((e: Error) => {
      throw new Error(`${e.message}; the terminal showed: ${JSON.stringify(seen.slice(-400))}`);
    });
    child.stdin?.write('\u0003');
    const r = await child;
    expect(r.exitCode, seen).toBe(130);
    expect(await readdir(tmp.path)).toEqual([]);
  });
});
