import { execa } from 'execa';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PYTHON } from './python.js';
import { runCli } from './cli.js';
import { ruffCheck } from './ruff.js';
import { readdir, readFile } from 'node:fs/promises';

/** Generate a project with the built CLI into `parent/name` (outside the repo, so no config leaks in). */
export async function initProject(parent: string, name: string, args: string[] = []): Promise<string> {
  const r = await runCli(['init', name, '--yes', '--no-git', ...args], { cwd: parent });
  expect(r.exitCode, r.stderr).toBe(0);
  return join(parent, name);
}

/** Run the generated project's own pytest suite; returns the summary counts. */
export async function runPytest(dir: string) {
  const r = await execa(PYTHON, ['-m', 'pytest', '-v', '-p', 'no:cacheprovider', '-rs'], {
    cwd: dir,
    reject: false,
    env: { PYTHONDONTWRITEBYTECODE: '1', MLFLOW_TRACKING_URI: `file:${dir}/.mlruns-test` },
  });
  const summary = r.stdout.trim().split('\n').at(-1) ?? '';
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(summary)?.[1] ?? 0);
  return { exitCode: r.exitCode, output: `${r.stdout}\n${r.stderr}`, passed: count('passed'), skipped: count('skipped'), failed: count('failed') };
}

/** Every .py file compiles and is pyflakes-clean. */
export async function checkPython(dir: string) {
  const files = await pyFiles(dir);
  const compile = await execa(PYTHON, ['-m', 'py_compile', ...files], { cwd: dir, reject: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  expect(compile.exitCode, compile.stderr).toBe(0);
  const flakes = await execa(PYTHON, ['-m', 'pyflakes', ...files], { cwd: dir, reject: false });
  expect(flakes.stdout + flakes.stderr, 'pyflakes').toBe('');
  const lint: string[] = [];
  for (const f of files) for (const d of ruffCheck(await readFile(join(dir, f), 'utf8'))) lint.push(`${f}:${d}`);
  expect(lint, 'ruff check (the generated CI lint step)').toEqual([]);
  return files;
}

async function pyFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== '__pycache__') out.push(...(await pyFiles(dir, rel)));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(rel);
  }
  return out;
}
