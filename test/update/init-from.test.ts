import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { files, init, manifestOf } from './helpers.js';

/** files(), with the manifest's two timestamps blanked (the only bytes allowed to differ). */
async function withoutTimestamps(dir: string): Promise<Record<string, string>> {
  const out = await files(dir);
  const text = Buffer.from(out['aml-scaffold.json'], 'base64').toString();
  out['aml-scaffold.json'] = text.replace(/"(createdAt|updatedAt)": "[^"]*"/g, '"$1": ""');
  return out;
}

describe('init --from', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir('aml-from-');
  });
  afterEach(() => tmp.cleanup());

  const options = ['--target', 'batch', '--extras', 'sweep,onnx', '--workspace', 'ws-1', '--resource-group', 'rg-1', '--compute', 'my-cluster', '--pin-actions', 'sha'];

  it('reproduces a project byte for byte from its manifest (the timestamps aside), in another folder', async () => {
    const a = await init(tmp.path, 'a', options);
    const b = await init(tmp.path, 'b', ['--from', join(a, 'aml-scaffold.json')]);
    expect(await withoutTimestamps(b)).toEqual(await withoutTimestamps(a));
    expect((await manifestOf(b)).spec.name).toBe('a');
  });

  it('reads the manifest from stdin with --from -', async () => {
    const a = await init(tmp.path, 'a', options);
    const r = await runCli(['init', 'c', '--yes', '--no-git', '--from', '-'], { cwd: tmp.path, stdin: 'pipe', input: await readFile(join(a, 'aml-scaffold.json'), 'utf8') });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await withoutTimestamps(join(tmp.path, 'c'))).toEqual(await withoutTimestamps(a));
  });

  it('takes an answers file, and flags given with --from override its values', async () => {
    await writeFile(join(tmp.path, 'answers.json'), JSON.stringify({ framework: 'pytorch', target: 'none', workspace: 'ws-2' }));
    const d = await init(tmp.path, 'd', ['--from', join(tmp.path, 'answers.json'), '--workspace', 'ws-3']);
    const { spec } = await manifestOf(d);
    expect(spec).toMatchObject({ name: 'd', framework: 'pytorch', target: 'none', workspace: 'ws-3' });
    const direct = await init(tmp.path, 'e', ['--name', 'd', '--framework', 'pytorch', '--target', 'none', '--workspace', 'ws-3']);
    expect(await withoutTimestamps(d)).toEqual(await withoutTimestamps(direct));
  });

  it('from a manifest, an option given re-derives the defaults that came from the old value, as update does', async () => {
    const a = await init(tmp.path, 'a', ['--compute', 'my-cluster']);
    const g = await init(tmp.path, 'g', ['--from', join(a, 'aml-scaffold.json'), '--framework', 'pytorch']);
    const { spec } = await manifestOf(g);
    expect(spec).toMatchObject({ name: 'a', framework: 'pytorch', device: 'gpu', compute: 'my-cluster' });
    const direct = await init(tmp.path, 'h', ['--name', 'a', '--framework', 'pytorch', '--compute', 'my-cluster']);
    expect(spec).toEqual((await manifestOf(direct)).spec);
  });

  it('a missing, malformed or invalid file is bad usage (exit 2) and nothing is written', async () => {
    await writeFile(join(tmp.path, 'bad.json'), '{"framework": ');
    await writeFile(join(tmp.path, 'list.json'), '[1]');
    await writeFile(join(tmp.path, 'wrong.json'), '{"framework": "caffe"}');
    for (const [file, message] of [
      ['missing.json', 'cannot read --from'],
      ['bad.json', 'is not valid JSON'],
      ['list.json', 'must hold a JSON object'],
      ['wrong.json', 'invalid --framework'],
    ]) {
      const r = await runCli(['init', 'x', '--yes', '--no-git', '--from', join(tmp.path, file)], { cwd: tmp.path });
      expect(r.exitCode, file).toBe(2);
      expect(r.stderr, file).toContain(message);
      expect(r.stderr.trim().split('\n'), file).toHaveLength(1);
    }
    expect(Object.keys(await files(tmp.path)).filter((p) => p.startsWith('x/'))).toEqual([]);
  });
});
