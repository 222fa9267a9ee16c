/**
 * bin/aml-scaffold.cjs keeps V8's compiled code per command in a private cache folder. The cache may
 * only ever save time: these tests show it is written privately, reused, never read from a folder or
 * file others could have written, and that any trouble with it leaves the run unaffected.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let cache: string;
let n = 0;

beforeEach(async () => {
  tmp = await tempDir('aml-cache-');
  cache = join(tmp.path, 'cache');
});
afterEach(() => tmp.cleanup());

/** `init` into a fresh folder with the given cache settings; returns its stdout. */
async function init(env: Record<string, string>): Promise<string> {
  const dir = join(tmp.path, `p${n++}`);
  const r = await runCli(['init', dir, '--yes', '--no-git', '--name', 'demo'], { env });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  return r.stdout.replaceAll(dir, 'DIR');
}

const initCacheFile = () => {
  const files = existsSync(cache) ? readdirSync(cache) : [];
  return files.find((f) => /^[0-9a-f]{16}-\d+-\d+-v[\d.]+-[a-z0-9]+-init\.bin$/.test(f));
};
const mode = (p: string) => statSync(p).mode & 0o777;

describe('the compile cache', () => {
  it('is written on the first run of a command, privately, and reused unchanged after', async () => {
    const first = await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    const file = initCacheFile();
    expect(file).toBeDefined();
    const path = join(cache, file as string);
    expect(mode(cache)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(await init({ AML_SCAFFOLD_CACHE_DIR: cache })).toBe(first);
    // accepted by V8, so not written again
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a corrupt cache file is rejected by V8, the run is unaffected, and the file is made anew', async () => {
    const first = await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    const path = join(cache, initCacheFile() as string);
    writeFileSync(path, Buffer.alloc(4096, 7), { mode: 0o600 });
    expect(await init({ AML_SCAFFOLD_CACHE_DIR: cache })).toBe(first);
    expect(readFileSync(path).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('never reads or writes a cache folder that others can write to', async () => {
    mkdirSync(cache, { mode: 0o700 });
    chmodSync(cache, 0o777);
    await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    expect(readdirSync(cache)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('never reads a cache file that others can write to (it is replaced)', async () => {
    await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    const path = join(cache, initCacheFile() as string);
    chmodSync(path, 0o666);
    await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    // treated as missing: a fresh private file took its place
    expect(mode(path)).toBe(0o600);
  });

  it('AML_SCAFFOLD_NO_CACHE=1 writes nothing', async () => {
    await init({ AML_SCAFFOLD_CACHE_DIR: cache, AML_SCAFFOLD_NO_CACHE: '1' });
    expect(existsSync(cache)).toBe(false);
  });

  it('a cache folder that cannot be created leaves the run unaffected', async () => {
    const file = join(tmp.path, 'a-file');
    writeFileSync(file, 'x');
    const expected = await init({ AML_SCAFFOLD_NO_CACHE: '1' });
    expect(await init({ AML_SCAFFOLD_CACHE_DIR: join(file, 'cache') })).toBe(expected);
  });
});

describe('tidying the cache folder', () => {
  it('removes cache files of other builds written over a week ago, keeps recent ones and anything not its own', async () => {
    mkdirSync(cache, { mode: 0o700 });
    const old = Date.now() / 1000 - 8 * 24 * 3600;
    const stale = '0123456789abcdef-100-200-v20.0.0-x64-init.bin';
    const recent = 'fedcba9876543210-100-200-v20.0.0-x64-init.bin';
    const foreign = 'notes.txt';
    for (const name of [stale, recent, foreign]) writeFileSync(join(cache, name), 'x', { mode: 0o600 });
    utimesSync(join(cache, stale), old, old);
    utimesSync(join(cache, foreign), old, old);
    await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    const left = readdirSync(cache);
    expect(left).not.toContain(stale);
    expect(left).toContain(recent);
    expect(left).toContain(foreign);
    expect(initCacheFile()).toBeDefined();
  });
});

describe('library chunks', () => {
  it('init with git loads the process runner chunk through a cache file of its own, reused after', async () => {
    const run = async () => {
      const r = await runCli(['init', join(tmp.path, `g${n++}`), '--yes', '--name', 'demo'], { env: { AML_SCAFFOLD_CACHE_DIR: cache } });
      expect(r.exitCode, r.stderr).toBe(0);
    };
    await run();
    const chunkFile = readdirSync(cache).find((f) => /^[0-9a-f]{16}-\d+-\d+-v[\d.]+-[a-z0-9]+-vendor\.execa\.bin$/.test(f));
    expect(chunkFile).toBeDefined();
    const path = join(cache, chunkFile as string);
    expect(mode(path)).toBe(0o600);
    const bytes = readFileSync(path);
    await run();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('--no-git never loads it', async () => {
    await init({ AML_SCAFFOLD_CACHE_DIR: cache });
    expect(readdirSync(cache).filter((f) => f.includes('vendor'))).toEqual([]);
  });
});

describe('one cache per command, and per framework for init', () => {
  it('init --framework pytorch has its own cache file; a value that is not a plain id shares the default one', async () => {
    const run = async (args: string[]) => {
      const r = await runCli(['init', join(tmp.path, `q${n++}`), '--yes', '--no-git', '--name', 'demo', ...args], {
        env: { AML_SCAFFOLD_CACHE_DIR: cache },
      });
      return r.exitCode;
    };
    expect(await run(['--framework', 'pytorch'])).toBe(0);
    expect(await run(['--framework=../../evil'])).toBe(2);
    const names = readdirSync(cache);
    expect(names.filter((f) => f.endsWith('-init.pytorch.bin'))).toHaveLength(1);
    expect(names.filter((f) => f.endsWith('-init.bin'))).toHaveLength(1);
    expect(names.every((f) => /^[0-9a-f]{16}-\d+-\d+-v[\d.]+-[a-z0-9]+-init(\.pytorch)?\.bin$/.test(f))).toBe(true);
  });
});
