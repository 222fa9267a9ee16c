import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers/cli.js';

/**
 * The package is publishable as it is: the tarball from `npm pack`, installed into an empty prefix,
 * creates a project. Nothing may be read from the source tree (the run happens far from it).
 */
describe('npm pack → npm install -g --prefix → aml-scaffold init', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-pack-');
  });
  afterAll(() => tmp.cleanup());

  it('runs init from the installed tarball', async () => {
    // --ignore-scripts: `npm test` built dist/ already, and prepack's rebuild would swap dist/ under the
    // other test files' CLI runs (the swap is two renames; a CLI started between them finds no bundle).
    const pack = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp.path], {
      cwd: repoRoot,
      env: { npm_config_loglevel: 'error' },
    });
    const [{ filename, files }] = JSON.parse(pack.stdout);
    const shipped = (files as { path: string }[]).map((f) => f.path);
    expect(shipped).toContain('dist/cli.cjs');
    expect(shipped).toContain('dist/commands/project.cjs');
    expect(shipped).toContain('dist/templates/frameworks/sklearn/src/train.py');
    // The .hbs templates are compiled into the bundle; their sources are never read and not shipped.
    expect(shipped.some((p) => p.endsWith('.hbs'))).toBe(false);
    expect(shipped.some((p) => p.startsWith('src/') || p.startsWith('templates/') || p.startsWith('test/'))).toBe(false);
    const prefix = join(tmp.path, 'prefix');
    await execa('npm', ['install', '-g', join(tmp.path, filename), '--prefix', prefix, '--offline', '--no-audit', '--no-fund'], {
      env: { npm_config_loglevel: 'error' },
    });
    const work = join(tmp.path, 'work');
    await execa('mkdir', ['-p', work]);
    const r = await execa(join(prefix, 'bin', 'aml-scaffold'), ['init', 'demo', '--yes', '--no-git'], { cwd: work, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(work, 'demo', 'src', 'train.py'))).toBe(true);
    // Every command's code is in the tarball: validate (the yaml library) and list run from it too.
    const v = await execa(join(prefix, 'bin', 'aml-scaffold'), ['validate', 'demo', '--strict'], { cwd: work, reject: false });
    expect(v.exitCode, v.stderr + v.stdout).toBe(0);
    const l = await execa(join(prefix, 'bin', 'aml-scaffold'), ['list', '--json'], { cwd: work, reject: false });
    expect(JSON.parse(l.stdout).frameworks.length).toBeGreaterThan(0);
    expect(await readdir(join(prefix, 'lib', 'node_modules'))).toEqual(['aml-scaffold']);
  });
});
