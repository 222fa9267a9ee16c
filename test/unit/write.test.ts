import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunError } from '../../src/cli/errors.js';
import { stageProject, writeProject } from '../../src/write/write.js';
import { tempDir } from '../helpers/cli.js';

const files = () =>
  new Map<string, string | Uint8Array>([
    ['a.txt', 'A'],
    ['src/b.py', 'B'],
    ['src/deep/c.py', 'C'],
    ['img.png', new Uint8Array([137, 80, 78, 71])],
  ]);

describe('writeProject', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(async () => {
    delete process.env.AML_SCAFFOLD_FAIL_AFTER;
    await tmp.cleanup();
  });

  it('writes a new project and leaves no staging folder beside it', async () => {
    const r = await writeProject(join(tmp.path, 'p'), files(), { force: false });
    expect(r.created).toHaveLength(4);
    expect(await readFile(join(tmp.path, 'p/src/deep/c.py'), 'utf8')).toBe('C');
    expect(await readFile(join(tmp.path, 'p/img.png'))).toEqual(Buffer.from([137, 80, 78, 71]));
    expect(await readdir(tmp.path)).toEqual(['p']);
  });

  it('writes into an existing empty directory', async () => {
    await mkdir(join(tmp.path, 'p'));
    await writeProject(join(tmp.path, 'p'), files(), { force: false });
    expect((await readdir(join(tmp.path, 'p'))).sort()).toEqual(['a.txt', 'img.png', 'src']);
  });

  it.each([0, 2])('leaves nothing behind when a write fails after %i files', async (n) => {
    process.env.AML_SCAFFOLD_FAIL_AFTER = String(n);
    await expect(writeProject(join(tmp.path, 'p'), files(), { force: false })).rejects.toThrow(/injected write failure/);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('refuses a non-empty directory without --force, listing the clashing paths, touching nothing', async () => {
    await mkdir(join(tmp.path, 'p/src'), { recursive: true });
    await writeFile(join(tmp.path, 'p/src/mine.py'), 'mine');
    const err = await writeProject(join(tmp.path, 'p'), files(), { force: false }).catch((e) => e);
    expect(err).toBeInstanceOf(RunError);
    expect(err.details).toEqual(['src/b.py', 'src/deep/c.py']);
    expect(await readdir(join(tmp.path, 'p/src'))).toEqual(['mine.py']);
  });

  it('with --force adds missing files, keeps identical ones, and refuses changed ones unless confirmed', async () => {
    const p = join(tmp.path, 'p');
    await mkdir(join(p, 'src'), { recursive: true });
    await writeFile(join(p, 'a.txt'), 'A');
    await writeFile(join(p, 'src/b.py'), 'changed by the user');
    const err = await writeProject(p, files(), { force: true }).catch((e) => e);
    expect(err.details).toEqual(['src/b.py']);
    expect(await readdir(p)).toEqual(['a.txt', 'src']);
    const r = await writeProject(p, files(), { force: true, confirmOverwrite: async () => true });
    expect(r).toEqual({ created: ['src/deep/c.py', 'img.png'], overwritten: ['src/b.py'], unchanged: ['a.txt'] });
    expect(await readFile(join(p, 'src/b.py'), 'utf8')).toBe('B');
  });

  it('rolls back every file of a --force write that fails midway', async () => {
    const p = join(tmp.path, 'p');
    await mkdir(p);
    await writeFile(join(p, 'a.txt'), 'old');
    process.env.AML_SCAFFOLD_FAIL_AFTER = '2';
    await expect(writeProject(p, files(), { force: true, confirmOverwrite: async () => true })).rejects.toThrow();
    expect(await readdir(p)).toEqual(['a.txt']);
    expect(await readFile(join(p, 'a.txt'), 'utf8')).toBe('old');
    expect(await readdir(tmp.path)).toEqual(['p']);
  });

  it('refuses to write through a symbolic link that could point outside the target', async () => {
    const p = join(tmp.path, 'p');
    const outside = join(tmp.path, 'outside');
    await mkdir(p);
    await mkdir(outside);
    await symlink(outside, join(p, 'src'));
    await expect(writeProject(p, files(), { force: true })).rejects.toThrow(/symbolic link src/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses a target that is a file', async () => {
    await writeFile(join(tmp.path, 'f'), 'x');
    await expect(writeProject(join(tmp.path, 'f'), files(), { force: false })).rejects.toThrow(/is a file/);
  });
});

describe('stageProject (files created while the content is rendered)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates the staging folder at once and the project only on commit', async () => {
    const staged = stageProject(join(tmp.path, 'p'), [...files().keys()]);
    expect(staged).toBeDefined();
    const [stage] = await readdir(tmp.path);
    expect(stage).toMatch(/^\.p\.aml-scaffold-[0-9a-f]{8}$/);
    const r = await staged?.commit(files());
    expect(r?.created).toEqual([...files().keys()]);
    expect(await readdir(tmp.path)).toEqual(['p']);
    expect(await readFile(join(tmp.path, 'p/src/deep/c.py'), 'utf8')).toBe('C');
    expect(await readFile(join(tmp.path, 'p/img.png'))).toEqual(Buffer.from([137, 80, 78, 71]));
  });

  it('leaves UV_THREADPOOL_SIZE as it found it (set only while the pool starts)', async () => {
    const before = process.env.UV_THREADPOOL_SIZE;
    try {
      delete process.env.UV_THREADPOOL_SIZE;
      await stageProject(join(tmp.path, 'p'), [...files().keys()])?.commit(files());
      expect(process.env.UV_THREADPOOL_SIZE).toBeUndefined();
      process.env.UV_THREADPOOL_SIZE = '3';
      await stageProject(join(tmp.path, 'q'), [...files().keys()])?.commit(files());
      expect(process.env.UV_THREADPOOL_SIZE).toBe('3');
    } finally {
      if (before === undefined) delete process.env.UV_THREADPOOL_SIZE;
      else process.env.UV_THREADPOOL_SIZE = before;
    }
  });

  it('makes deep folders and all their files, in whatever order the pool threads run the requests', async () => {
    // This process's pool has several threads, so an open can run before its folder's mkdir.
    const many = new Map<string, string>();
    for (let i = 0; i < 40; i++) many.set(`d${i % 5}/e${i % 3}/f${i % 2}/file${i}.txt`, `content ${i}`);
    many.set('top.txt', 'top');
    for (let round = 0; round < 3; round++) {
      const target = join(tmp.path, `deep${round}`);
      await stageProject(target, [...many.keys()])?.commit(many);
      for (const [path, content] of many) expect(await readFile(join(target, path), 'utf8'), path).toBe(content);
    }
    expect((await readdir(tmp.path)).sort()).toEqual(['deep0', 'deep1', 'deep2']);
  });

  it('abort removes the staging folder and any parent folder it made', async () => {
    const staged = stageProject(join(tmp.path, 'new/parent/p'), [...files().keys()]);
    await staged?.abort();
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('refuses content that is not what was staged, and leaves nothing behind', async () => {
    const staged = stageProject(join(tmp.path, 'p'), ['a.txt', 'src/b.py']);
    await expect(staged?.commit(files())).rejects.toThrow(/differ from the staged ones/);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('leaves a non-empty target to writeProject (refusal or --force) and stages nothing', async () => {
    await mkdir(join(tmp.path, 'p'));
    await writeFile(join(tmp.path, 'p/mine.txt'), 'mine');
    expect(stageProject(join(tmp.path, 'p'), ['a.txt'])).toBeUndefined();
    await writeFile(join(tmp.path, 'f'), 'a file');
    expect(stageProject(join(tmp.path, 'f'), ['a.txt'])).toBeUndefined();
    expect((await readdir(tmp.path)).sort()).toEqual(['f', 'p']);
  });
});
