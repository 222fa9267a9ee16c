import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../helpers/cli.js';
import { files, init, manifestOf, mtimes, read, snapshot } from './helpers.js';

const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('aml-scaffold update', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir('aml-update-');
  });
  afterEach(() => tmp.cleanup());

  it('a user edit survives an update that changes the target, and stays an edit for the next update', async () => {
    const dir = await init(tmp.path, 'p');
    const readme = `${await read(dir, 'README.md')}\nOur team's notes: ask Ana before deploying.\n`;
    await writeFile(join(dir, 'README.md'), readme);
    const train = `# tuned by us\n${await read(dir, 'src/train.py')}`;
    await writeFile(join(dir, 'src/train.py'), train);

    const r = await runCli(['update', '--target', 'batch', '--dir', dir, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const actions = Object.fromEntries(JSON.parse(r.stdout).changes.map((c: { path: string; action: string }) => [c.path, c.action]));
    expect(actions['README.md']).toBe('merge');
    expect(actions['src/train.py']).toBe('unchanged');
    expect(actions['src/batch_score.py']).toBe('create');
    expect(actions['src/score.py']).toBe('delete');

    const merged = await read(dir, 'README.md');
    expect(merged).toContain("Our team's notes: ask Ana before deploying.");
    expect(merged).toContain('Deployed to a batch endpoint');
    expect(merged).not.toContain('managed online endpoint');
    expect(await read(dir, 'src/train.py')).toBe(train);
    expect(existsSync(join(dir, 'src/score.py'))).toBe(false);

    // The manifest records what aml-scaffold rendered, so the user's lines still count as theirs.
    const batch = await init(tmp.path, 'b', ['--name', 'p', '--target', 'batch']);
    const m = await manifestOf(dir);
    expect(m.spec).toEqual((await manifestOf(batch)).spec);
    expect(m.files['README.md']).toBe(sha(await read(batch, 'README.md')));
    expect(Object.keys(m.files)).toEqual(Object.keys((await manifestOf(batch)).files));
    // Every file the user did not touch is exactly what init --target batch writes.
    const want = await files(batch);
    const got = await files(dir);
    for (const path of Object.keys(want)) if (path !== 'README.md' && path !== 'src/train.py' && path !== 'aml-scaffold.json') expect(got[path], path).toBe(want[path]);

    const again = await runCli(['update', '--dir', dir]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to change');
    expect(await read(dir, 'README.md')).toBe(merged);
  });

  it('writes git-style conflict markers where both changed the same lines, lists the file and exits 1', async () => {
    const dir = await init(tmp.path, 'p');
    const path = join(dir, 'deploy/deployment.yml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('instance_type: Standard_D4ds_v5', 'instance_type: Standard_F4s_v2'));
    const r = await runCli(['update', '--deploy-instance-type', 'Standard_E4ds_v5', '--dir', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/conflict\s+deploy\/deployment\.yml/);
    expect(r.stderr).toContain('deploy/deployment.yml');
    expect(await readFile(path, 'utf8')).toContain(
      `<<<<<<< yours\ninstance_type: Standard_F4s_v2\n=======\ninstance_type: Standard_E4ds_v5\n>>>>>>> aml-scaffold ${version}\ninstance_count: 1\n`,
    );
    const m = await manifestOf(dir);
    expect(m.spec.deployInstanceType).toBe('Standard_E4ds_v5');
    expect(existsSync(join(dir, '.aml-scaffold.tmp'))).toBe(false);
  });

  it('with nothing to change, changes nothing and exits 0 (the manifest is not rewritten)', async () => {
    const dir = await init(tmp.path, 'p', ['--extras', 'sweep']);
    await writeFile(join(dir, 'src/model.py'), '# mine\n'); // a user change the template does not touch
    const before = await files(dir);
    const times = await mtimes(dir);
    const r = await runCli(['update', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('Nothing to change');
    expect(await files(dir)).toEqual(before);
    expect(await mtimes(dir)).toEqual(times);
  });

  it('deletes a dropped file the user never changed and keeps one they changed', async () => {
    const dir = await init(tmp.path, 'p');
    const score = `${await read(dir, 'src/score.py')}\n# our tweak\n`;
    await writeFile(join(dir, 'src/score.py'), score);
    const r = await runCli(['update', '--target', 'none', '--dir', dir, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const actions = Object.fromEntries(JSON.parse(r.stdout).changes.map((c: { path: string; action: string }) => [c.path, c.action]));
    expect(actions['src/score.py']).toBe('keep');
    expect(actions['deploy/endpoint.yml']).toBe('delete');
    expect(await read(dir, 'src/score.py')).toBe(score);
    expect(existsSync(join(dir, 'deploy/endpoint.yml'))).toBe(false);
    expect(existsSync(join(dir, 'tests/test_score.py'))).toBe(false);
    const m = await manifestOf(dir);
    expect(m.spec.target).toBe('none');
    expect(m.files['src/score.py']).toBeUndefined();
  });

  it('a file the user deleted stays deleted, unless aml-scaffold changed it (then <file>.new, exit 1)', async () => {
    const dir = await init(tmp.path, 'p');
    await rm(join(dir, 'tests/test_model.py'));
    await rm(join(dir, 'README.md'));
    const r = await runCli(['update', '--target', 'batch', '--dir', dir]);
    expect(r.exitCode).toBe(1);
    expect(existsSync(join(dir, 'tests/test_model.py'))).toBe(false);
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
    expect(await read(dir, 'README.md.new')).toContain('Deployed to a batch endpoint');
    expect(r.stderr).toContain('README.md.new');
  });

  it('--dry-run prints the changes and writes nothing', async () => {
    const dir = await init(tmp.path, 'p');
    await writeFile(join(dir, 'README.md'), `<!-- mine -->\n${await read(dir, 'README.md')}`);
    const before = await files(dir);
    const times = await mtimes(dir);
    const r = await runCli(['update', '--target', 'batch', '--dry-run', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/merge\s+README\.md/);
    expect(r.stdout).toMatch(/create\s+src\/batch_score\.py/);
    expect(r.stdout).toMatch(/delete\s+src\/score\.py/);
    expect(r.stdout).toContain('Nothing was written (--dry-run).');
    expect(await files(dir)).toEqual(before);
    expect(await mtimes(dir)).toEqual(times);
  });

  it('--extras +id and -id add and remove; a plain list replaces', async () => {
    const dir = await init(tmp.path, 'p', ['--extras', 'onnx']);
    const start = await snapshot(dir);
    let r = await runCli(['update', '--extras', '+sweep', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(dir)).toEqual(await snapshot(await init(tmp.path, 'both', ['--name', 'p', '--extras', 'onnx,sweep'])));
    r = await runCli(['update', '--extras', 'sweep', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(dir)).toEqual(await snapshot(await init(tmp.path, 'sweep', ['--name', 'p', '--extras', 'sweep'])));
    r = await runCli(['update', '--extras', '-sweep,+onnx', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(dir)).toEqual(start);
    r = await runCli(['update', '--extras', 'sweep,+onnx', '--dir', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('sign every item');
  });

  it('--framework re-derives the defaults that came from the old framework, keeps the values the user chose', async () => {
    const dir = await init(tmp.path, 'p', ['--compute', 'my-cluster']);
    const r = await runCli(['update', '--framework', 'pytorch', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    const { spec } = await manifestOf(dir);
    expect(spec.framework).toBe('pytorch');
    expect(spec.device).toBe('gpu');
    expect(spec.compute).toBe('my-cluster');
    expect(spec.instanceType).not.toBe('Standard_DS3_v2');
    expect(existsSync(join(dir, 'src/train.py'))).toBe(true);
    expect(await read(dir, 'jobs/train.yml')).toContain('my-cluster');
  });

  it('writes as one unit: a failure midway leaves the project exactly as it was', async () => {
    const dir = await init(tmp.path, 'p');
    await writeFile(join(dir, 'README.md'), `<!-- mine -->\n${await read(dir, 'README.md')}`);
    const before = await files(dir);
    const r = await runCli(['update', '--target', 'batch', '--dir', dir], { env: { AML_SCAFFOLD_FAIL_AFTER: '3' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('injected write failure');
    expect(await files(dir)).toEqual(before);
    const ok = await runCli(['update', '--target', 'batch', '--dir', dir]);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect((await manifestOf(dir)).spec.target).toBe('batch');
  });

  it('refuses a manifest from a newer aml-scaffold (exit 2) and a folder without one (exit 2), changing nothing', async () => {
    const dir = await init(tmp.path, 'p');
    const m = await manifestOf(dir);
    await writeFile(join(dir, 'aml-scaffold.json'), JSON.stringify({ ...m, version: '99.0.0' }, null, 2));
    const before = await files(dir);
    const r = await runCli(['update', '--target', 'batch', '--dir', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('made by aml-scaffold 99.0.0');
    expect(await files(dir)).toEqual(before);
    const none = await runCli(['update', '--dir', tmp.path]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('no aml-scaffold.json');
  });
});
