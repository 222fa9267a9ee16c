import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunError } from '../../src/core/errors.js';
import { flush, recover, STAGING } from '../../src/write/flush.js';
import { tempDir } from '../helpers/cli.js';
import { snapshot } from '../security/disk.js';

const files = () =>
  new Map<string, string | Uint8Array>([
    ['a.txt', 'A'],
    ['src/b.py', 'B'],
    ['src/deep/c.py', 'C'],
    ['img.png', new Uint8Array([137, 80, 78, 71])],
  ]);

describe('flush: the one writer', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let p: string;
  beforeEach(async () => {
    tmp = await tempDir();
    p = join(tmp.path, 'p');
    await mkdir(p);
  });
  afterEach(async () => {
    delete process.env.AML_SCAFFOLD_FAIL_AFTER;
    await chmod(p, 0o755).catch(() => undefined);
    await tmp.cleanup();
  });

  it('writes every file, text and bytes, and leaves no staging folder', async () => {
    await flush(p, { files: files() });
    expect(await readFile(join(p, 'src/deep/c.py'), 'utf8')).toBe('C');
    expect(await readFile(join(p, 'img.png'))).toEqual(Buffer.from([137, 80, 78, 71]));
    expect((await readdir(p)).sort()).toEqual(['a.txt', 'img.png', 'src']);
    expect(await readdir(tmp.path)).toEqual(['p']);
  });

  it('replaces and deletes files as one unit', async () => {
    await writeFile(join(p, 'a.txt'), 'old');
    await writeFile(join(p, 'gone.txt'), 'bye');
    await flush(p, { files: new Map([['a.txt', 'new']]), deletes: ['gone.txt'] });
    expect(await readFile(join(p, 'a.txt'), 'utf8')).toBe('new');
    expect(existsSync(join(p, 'gone.txt'))).toBe(false);
  });

  it.each([0, 1, 3])('a failure after %i steps leaves the folder byte-for-byte as it was', async (n) => {
    await writeFile(join(p, 'a.txt'), 'old');
    await writeFile(join(p, 'gone.txt'), 'bye');
    const before = await snapshot(p);
    process.env.AML_SCAFFOLD_FAIL_AFTER = String(n);
    await expect(flush(p, { files: files(), deletes: ['gone.txt'] })).rejects.toThrow(/injected write failure/);
    expect(await snapshot(p)).toEqual(before);
  });

  it('refuses, before changing anything, a directory where a file must go', async () => {
    await mkdir(join(p, 'src/b.py'), { recursive: true });
    await writeFile(join(p, 'a.txt'), 'old');
    const before = await snapshot(p);
    const err = await flush(p, { files: files() }).catch((e) => e);
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toMatch(/cannot write src\/b\.py: a directory is in the way; nothing was changed/);
    expect(await snapshot(p)).toEqual(before);
  });

  it('refuses a file where a folder must go, naming it', async () => {
    await writeFile(join(p, 'src'), 'a file');
    await expect(flush(p, { files: files() })).rejects.toThrow(/cannot write src\/b\.py: src is a file, not a folder; nothing was changed/);
    expect(await readFile(join(p, 'src'), 'utf8')).toBe('a file');
  });

  it('is a lock: a second run while a live one holds the folder stops without touching anything', async () => {
    await mkdir(join(p, STAGING));
    // A live process that is not us: our parent (the test runner's worker's parent).
    await writeFile(join(p, STAGING, 'owner'), String(process.ppid));
    await expect(flush(p, { files: files() })).rejects.toThrow(new RegExp(`another aml-scaffold run \\(process ${process.ppid}\\) is changing`));
    expect((await readdir(p)).sort()).toEqual([STAGING]);
  });

  it("rolls back what a killed run left (its journal and backups), then removes its staging", async () => {
    await writeFile(join(p, 'a.txt'), 'original');
    // What a run killed halfway leaves: a.txt moved aside and replaced; the new folder src/ moved in;
    // c.txt still staged.
    const stage = join(p, STAGING);
    await mkdir(join(stage, 'old'), { recursive: true });
    await mkdir(join(stage, 'new'), { recursive: true });
    await writeFile(join(stage, 'owner'), '999999999');
    await writeFile(join(stage, 'old', '0'), 'original');
    await writeFile(join(p, 'a.txt'), 'replaced');
    await mkdir(join(p, 'src'));
    await writeFile(join(p, 'src', 'b.py'), 'B');
    await writeFile(join(stage, 'new', 'c.txt'), 'C');
    const steps = [
      { path: 'a.txt', write: true, existed: true },
      { path: 'src', write: true, existed: false },
      { path: 'c.txt', write: true, existed: false },
    ];
    await writeFile(join(stage, 'journal.json'), JSON.stringify({ steps }));
    recover(p);
    expect((await readdir(p)).sort()).toEqual(['a.txt']);
    expect(await readFile(join(p, 'a.txt'), 'utf8')).toBe('original');
  });

  it('moves a new folder in whole, and a failure takes it out again', async () => {
    await writeFile(join(p, 'keep.txt'), 'mine');
    const before = await snapshot(p);
    process.env.AML_SCAFFOLD_FAIL_AFTER = '2';
    await expect(flush(p, { files: files() })).rejects.toThrow(/injected write failure after 2/);
    expect(await snapshot(p)).toEqual(before);
  });

  it('keeps the backups and says where when the rollback itself cannot finish', async () => {
    await writeFile(join(p, 'a.txt'), 'original');
    const stage = join(p, STAGING);
    await mkdir(join(stage, 'old'), { recursive: true });
    await writeFile(join(stage, 'owner'), '999999999');
    await writeFile(join(stage, 'old', '0'), 'original');
    // The original cannot go back: a folder now stands where it was.
    await writeFile(join(p, 'a.txt'), 'x');
    await import('node:fs/promises').then((fs) => fs.rm(join(p, 'a.txt')));
    await mkdir(join(p, 'a.txt'));
    await writeFile(join(p, 'a.txt', 'f'), 'blocks the rename');
    await writeFile(join(stage, 'journal.json'), JSON.stringify({ steps: [{ path: 'a.txt', write: true, existed: true }] }));
    const err = (() => {
      try {
        recover(p);
      } catch (e) {
        return e as RunError;
      }
    })();
    expect(err).toBeInstanceOf(RunError);
    expect(err?.message).toMatch(/originals are in .*\.aml-scaffold\.tmp\/old/);
    expect(await readFile(join(stage, 'old', '0'), 'utf8')).toBe('original');
  });
});
