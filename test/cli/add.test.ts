import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extras } from '../../src/extras/index.js';
import { parseSpec } from '../../src/spec/schema.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Every file of a project as path → content, the manifest without its timestamps. */
async function files(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === '.git') continue;
    if (e.isDirectory()) Object.assign(out, await files(dir, rel));
    else out[rel] = (await readFile(join(dir, rel))).toString('base64');
  }
  return out;
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out = await files(dir);
  const manifest = JSON.parse(Buffer.from(out['aml-scaffold.json'], 'base64').toString());
  delete manifest.createdAt;
  delete manifest.updatedAt;
  out['aml-scaffold.json'] = JSON.stringify(manifest);
  return out;
}

const supportedExtras = extras.map((e) => e.id).filter((id) => {
  try {
    parseSpec({ name: 'p', extras: [id] });
    return true;
  } catch {
    return false;
  }
});

describe('aml-scaffold add', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  const init = async (name: string, args: string[] = []) => {
    const r = await runCli(['init', name, '--yes', '--no-git', ...args], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    return join(tmp.path, name);
  };

  it('add target online on a training-only project gives the same files as init --target online', async () => {
    const direct = await init('p', ['--target', 'online']);
    const direct2 = await snapshot(direct);
    await runCli(['init', 'q', '--yes', '--no-git', '--name', 'p', '--target', 'none'], { cwd: tmp.path });
    const r = await runCli(['add', 'target', 'online', '--dir', join(tmp.path, 'q'), '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const { changes } = JSON.parse(r.stdout);
    expect(changes.find((c: { path: string }) => c.path === 'deploy/endpoint.yml').action).toBe('create');
    expect(await snapshot(join(tmp.path, 'q'))).toEqual(direct2);
  });

  it.each(supportedExtras)('init --extras %s equals init followed by add', async (id) => {
    const direct = await snapshot(await init('d', ['--name', 'p', '--extras', id]));
    const later = await init('l', ['--name', 'p']);
    const r = await runCli(['add', id, '--dir', later]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(later)).toEqual(direct);
  });

  it('keeps a file the user changed, writes <file>.new beside it, exits 1, and updates the manifest', async () => {
    const dir = await init('p', ['--target', 'none']);
    await writeFile(join(dir, 'README.md'), '# my own readme\n');
    const r = await runCli(['add', 'target', 'online', '--dir', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('README.md.new');
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('# my own readme\n');
    expect(await readFile(join(dir, 'README.md.new'), 'utf8')).toContain('## Deploy');
    expect(existsSync(join(dir, 'deploy/endpoint.yml'))).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir, 'aml-scaffold.json'), 'utf8'));
    expect(manifest.spec.target).toBe('online');
  });

  it('--dry-run lists create / update / conflict and writes nothing', async () => {
    const dir = await init('p', ['--target', 'none']);
    await writeFile(join(dir, 'README.md'), '# mine\n');
    const before = await snapshot(dir);
    const r = await runCli(['add', 'target', 'batch', '--dir', dir, '--dry-run', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const actions = Object.fromEntries(JSON.parse(r.stdout).changes.map((c: { path: string; action: string }) => [c.path, c.action]));
    expect(actions['deploy/deployment.yml']).toBe('create');
    expect(actions['README.md']).toBe('conflict');
    expect(actions['.github/workflows/train-deploy.yml']).toBe('update');
    expect(actions['src/train.py']).toBe('unchanged');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('adding what the project already has is a no-op with exit 0', async () => {
    const dir = await init('p');
    const before = await snapshot(dir);
    const r = await runCli(['add', 'target', 'online', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nothing to change');
    expect(await snapshot(dir)).toEqual(before);
  });

  it.each([
    [['target', 'batch'], /already deploys to online/],
    [['target'], /add target needs one of online, kubernetes, batch/],
    [['warp-drive'], /unknown feature "warp-drive"/],
  ])('exits 2 for %j', async (args, message) => {
    const dir = await init('p');
    const r = await runCli(['add', ...args, '--dir', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 in a directory without a manifest', async () => {
    const r = await runCli(['add', 'sweep'], { cwd: tmp.path });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no aml-scaffold\.json/);
  });
});
