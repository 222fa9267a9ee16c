import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

describe('aml-scaffold init (built CLI in a temp dir)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates the default scikit-learn project with one git commit', async () => {
    const r = await runCli(['init', 'demo', '--yes'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Next steps:');
    const dir = join(tmp.path, 'demo');
    for (const f of ['src/train.py', 'src/score.py', 'jobs/train.yml', 'deploy/deployment.yml', 'aml-scaffold.json', '.gitignore']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const log = await execa('git', ['log', '--oneline'], { cwd: dir });
    expect(log.stdout.trim().split('\n')).toHaveLength(1);
    const status = await execa('git', ['status', '--porcelain'], { cwd: dir });
    expect(status.stdout).toBe('');
    const branch = await execa('git', ['symbolic-ref', '--short', 'HEAD'], { cwd: dir });
    expect(branch.stdout).toBe('main');
  });

  it('records in the manifest the sha256 of every file as written (copied templates hashed at build time)', async () => {
    for (const args of [[], ['--framework', 'pytorch', '--target', 'batch', '--extras', 'onnx,sweep,tensorboard']]) {
      const name = args.length === 0 ? 'plain' : 'extras';
      const r = await runCli(['init', name, '--yes', '--no-git', ...args], { cwd: tmp.path });
      expect(r.exitCode, r.stderr).toBe(0);
      const dir = join(tmp.path, name);
      const manifest = JSON.parse(await readFile(join(dir, 'aml-scaffold.json'), 'utf8'));
      const onDisk = (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
        .filter((p) => p !== 'aml-scaffold.json');
      expect(Object.keys(manifest.files).sort()).toEqual(onDisk.sort());
      for (const p of onDisk) {
        expect(manifest.files[p], p).toBe(createHash('sha256').update(await readFile(join(dir, p))).digest('hex'));
      }
    }
  });

  it('commits on a machine without a git identity, keeping what the user did configure', async () => {
    const home = join(tmp.path, 'home');
    await mkdir(home);
    await writeFile(join(home, '.gitconfig'), '[user]\n\tname = Ada Lovelace\n');
    const env = { HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, '.gitconfig') };
    const r = await runCli(['init', 'anon', '--yes'], { cwd: tmp.path, env });
    expect(r.exitCode, r.stderr).toBe(0);
    const log = await execa('git', ['log', '--format=%an <%ae>'], { cwd: join(tmp.path, 'anon'), env });
    expect(log.stdout).toBe('Ada Lovelace <aml-scaffold@users.noreply.github.com>');
  });

  it('prints exactly one JSON object listing every file with --json', async () => {
    const r = await runCli(['init', 'demo2', '--yes', '--json', '--no-git'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.directory).toBe('demo2');
    expect(out.spec).toMatchObject({ name: 'demo2', framework: 'sklearn', target: 'online', serving: 'script' });
    const onDisk = await listFiles(join(tmp.path, 'demo2'));
    expect([...out.files].sort()).toEqual(onDisk.sort());
  });

  it('writes nothing with --dry-run, and lists the files with sizes', async () => {
    const r = await runCli(['init', 'dry', '--yes', '--dry-run'], { cwd: tmp.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/train\.py {2}\(\d+(\.\d)? k?B\)/);
    expect(await readdir(tmp.path)).toEqual([]);
    const j = await runCli(['init', 'dry', '--yes', '--dry-run', '--json'], { cwd: tmp.path });
    expect(JSON.parse(j.stdout).files).toContain('src/train.py');
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('refuses a non-empty directory without --force: exit 1, paths listed, directory unchanged', async () => {
    const dir = join(tmp.path, 'busy');
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'src/train.py'), 'print("mine")\n');
    const r = await runCli(['init', 'busy', '--yes'], { cwd: tmp.path });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('not empty');
    expect(r.stderr).toContain('src');
    expect(await listFiles(dir)).toEqual(['src/train.py']);
    expect(await readFile(join(dir, 'src/train.py'), 'utf8')).toBe('print("mine")\n');
  });

  it('with --force adds the project but never overwrites a changed file silently', async () => {
    const dir = join(tmp.path, 'busy');
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'src/train.py'), 'print("mine")\n');
    const r = await runCli(['init', 'busy', '--yes', '--force', '--no-git'], { cwd: tmp.path });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('src/train.py');
    expect(await listFiles(dir)).toEqual(['src/train.py']);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    await execa('rm', [join(dir, 'src/train.py')]);
    const ok = await runCli(['init', 'busy', '--yes', '--force', '--no-git'], { cwd: tmp.path });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, 'src/train.py'))).toBe(true);
  });

  it.each([
    [["--framework", "caffe"], /--framework: "caffe" is not one of sklearn/],
    [['--name', '9lives'], /--name: must be letters/],
    [['--extras', 'gpu-magic'], /unknown extra "gpu-magic"/],
    [['--nodes', 'two'], /--nodes: expected a whole number/],
    [['--framework', 'sklearn', '--nodes', '2'], /single node/],
    [['--bogus'], /unknown option '--bogus'/],
  ])('exits 2 with one line for bad usage %j, creating nothing', async (args, message) => {
    const r = await runCli(['init', 'bad', '--yes', ...args], { cwd: tmp.path });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('never waits for input when stdin is not a terminal', async () => {
    const r = await runCli(['init', 'quiet', '--no-git'], { cwd: tmp.path, stdin: 'ignore', timeout: 30_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(tmp.path, 'quiet/src/train.py'))).toBe(true);
  });

  it('takes the name from the directory and rejects a directory name that is not valid', async () => {
    const ok = await runCli(['init', 'sub/good-name', '--yes', '--no-git', '--json'], { cwd: tmp.path });
    expect(JSON.parse(ok.stdout).spec.name).toBe('good-name');
    const bad = await runCli(['init', 'bad_name', '--yes'], { cwd: tmp.path });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/not a valid project name.*pass --name/);
  });

  it('leaves nothing when a write fails midway', async () => {
    const r = await runCli(['init', 'broken', '--yes'], { cwd: tmp.path, env: { AML_SCAFFOLD_FAIL_AFTER: '5' } });
    expect(r.exitCode).toBe(1);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it('prints help and version with exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('validate');
    const v = await runCli(['--version']);
    expect(v.exitCode).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}
