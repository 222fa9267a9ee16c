import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Every file of a project as path → content (base64), without .git. */
export async function files(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === '.git') continue;
    if (e.isDirectory()) Object.assign(out, await files(dir, rel));
    else out[rel] = (await readFile(join(dir, rel))).toString('base64');
  }
  return out;
}

/** files(), the manifest without its timestamps. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out = await files(dir);
  const manifest = JSON.parse(Buffer.from(out['aml-scaffold.json'], 'base64').toString());
  delete manifest.createdAt;
  delete manifest.updatedAt;
  out['aml-scaffold.json'] = JSON.stringify(manifest);
  return out;
}

/** Every file's modification time, to prove that nothing was touched. */
export async function mtimes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of Object.keys(await files(dir))) out[path] = (await stat(join(dir, path))).mtimeMs;
  return out;
}

export async function init(parent: string, name: string, args: string[] = [], env?: Record<string, string>): Promise<string> {
  const r = await runCli(['init', name, '--yes', '--no-git', ...args], { cwd: parent, env });
  expect(r.exitCode, r.stderr).toBe(0);
  return join(parent, name);
}

export async function manifestOf(dir: string) {
  return JSON.parse(await readFile(join(dir, 'aml-scaffold.json'), 'utf8'));
}

export const read = (dir: string, path: string) => readFile(join(dir, path), 'utf8');
