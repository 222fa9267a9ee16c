/**
 * Shared by the provision and doctor tests: a generated project (a git repository with a GitHub
 * origin), and a PATH holding only fake az/gh/python3 (test/fixtures/fake-tools/fake.mjs) and git.
 */
import { execa } from 'execa';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, repoRoot } from '../helpers/cli.js';

const FAKE = join(repoRoot, 'test', 'fixtures', 'fake-tools', 'fake.mjs');

export interface Logged {
  tool: string;
  argv: string[];
  stdin: string;
}

export interface FakeWorld {
  dir: string;
  env: NodeJS.ProcessEnv;
  state(): Record<string, any>;
  setState(state: Record<string, unknown>): void;
  log(): Logged[];
  clearLog(): void;
}

/** A fresh fake world. `tools`: which fakes are on PATH (git is always there). */
export async function fakeWorld(state: Record<string, unknown>, tools: string[] = ['az', 'gh', 'python3']): Promise<FakeWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'aml-fake-'));
  const binDir = join(dir, 'bin');
  mkdirSync(binDir);
  for (const t of tools) {
    const p = join(binDir, t);
    writeFileSync(p, `#!/bin/sh\nexec "${process.execPath}" "${FAKE}" ${t} "$@"\n`);
    chmodSync(p, 0o755);
  }
  symlinkSync('/usr/bin/git', join(binDir, 'git'));
  const statePath = join(dir, 'state.json');
  const logPath = join(dir, 'log.jsonl');
  writeFileSync(statePath, JSON.stringify(state));
  writeFileSync(logPath, '');
  return {
    dir,
    env: { PATH: binDir, HOME: dir, FAKE_STATE: statePath, FAKE_LOG: logPath, NO_COLOR: '1' },
    state: () => JSON.parse(readFileSync(statePath, 'utf8')),
    setState: (s) => writeFileSync(statePath, JSON.stringify(s)),
    log: () =>
      readFileSync(logPath, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Logged),
    clearLog: () => writeFileSync(logPath, ''),
  };
}

/** A logged-in world where nothing exists in Azure or in the repository yet. */
export function emptyAzure(): Record<string, unknown> {
  return { az: { loggedIn: true, extensions: { ml: '2.32.0' } }, gh: { loggedIn: true } };
}

/** `aml-scaffold init` into a temp dir, made a git repository with origin github.com/octo/demo. */
export async function makeProject(args: string[] = [], name = 'demo'): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'aml-proj-'));
  const dir = join(parent, name);
  const r = await execa(process.execPath, [bin, 'init', dir, '--yes', '--no-git', ...args], { reject: false, env: { NO_COLOR: '1' } });
  if (r.exitCode !== 0 || !existsSync(join(dir, 'aml-scaffold.json'))) throw new Error(`init failed: ${r.stderr}`);
  await execa('git', ['init', '-q', dir]);
  await execa('git', ['-C', dir, 'remote', 'add', 'origin', 'https://github.com/octo/demo.git']);
  return dir;
}

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The built CLI with only `env` (the fake PATH) as its environment. */
export async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const r = await execa(process.execPath, [bin, ...args], { cwd, env, extendEnv: false, reject: false, stdin: 'ignore' });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
