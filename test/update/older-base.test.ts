/**
 * An update from an older version's base. The fixture is an "old aml-scaffold": a copy of the built CLI
 * whose templates are a modified copy of today's (two static templates changed), and whose projects
 * record version 0.0.1. AML_SCAFFOLD_BASE_CMD points update at a stub that checks it was asked for
 * 0.0.1 and runs the old copy, as `npx aml-scaffold@0.0.1` would be run.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from '../helpers/cli.js';
import { read } from './helpers.js';

const NOW_MODEL = 'PICKLE_PROTOCOL = 4  # readable by every Python the Azure ML images ship (3.8+)';
const OLD_MODEL = 'PICKLE_PROTOCOL = 3  # the old default';
const NOW_DATA = '"""';
let tmp: Awaited<ReturnType<typeof tempDir>>;
let oldBin: string;
let stub: string;

beforeAll(async () => {
  tmp = await tempDir('aml-update-old-');
  const old = join(tmp.path, 'old');
  await cp(join(repoRoot, 'bin'), join(old, 'bin'), { recursive: true });
  await cp(join(repoRoot, 'dist'), join(old, 'dist'), { recursive: true });
  const patch = async (key: string, from: string, to: string) => {
    const path = join(old, 'dist', 'templates', key);
    const text = await readFile(path, 'utf8');
    expect(text, key).toContain(from);
    await writeFile(path, text.replace(from, to));
  };
  await patch('frameworks/sklearn/src/model.py', NOW_MODEL, OLD_MODEL);
  await patch('frameworks/sklearn/src/data.py', NOW_DATA, `# an old header\n${NOW_DATA}`);
  oldBin = join(old, 'bin', 'aml-scaffold.cjs');
  stub = join(tmp.path, 'stub.mjs');
  await writeFile(
    stub,
    [
      "import { spawnSync } from 'node:child_process';",
      'const [version, ...args] = process.argv.slice(2);',
      "if (version !== '0.0.1') { console.error(`asked for ${version}`); process.exit(3); }",
      // 0.0.1 had no --pin-actions: update must pass only the fields the manifest records.
      "if (args.includes('--pin-actions')) { console.error('unknown option --pin-actions'); process.exit(4); }",
      `process.exit(spawnSync(process.execPath, [${JSON.stringify(oldBin)}, ...args], { stdio: 'inherit' }).status ?? 1);`,
    ].join('\n'),
  );
});
afterAll(() => tmp.cleanup());

describe('update from an older version', () => {
  /** A project made by the old copy, its manifest saying 0.0.1 (without pinActions), with the user's edit in model.py. */
  async function make(name: string) {
    const { execa } = await import('execa');
    await execa('node', [oldBin, 'init', name, '--yes', '--no-git'], { cwd: tmp.path });
    const dir = join(tmp.path, name);
    const manifestPath = join(dir, 'aml-scaffold.json');
    const m = JSON.parse(await readFile(manifestPath, 'utf8'));
    delete m.spec.pinActions; // a field this version added after 0.0.1
    await writeFile(manifestPath, `${JSON.stringify({ ...m, version: '0.0.1' }, null, 2)}\n`);
    const model = await read(dir, 'src/model.py');
    expect(model).toContain(OLD_MODEL);
    await writeFile(join(dir, 'src/model.py'), model.replace('MODEL_FILE = "model.pkl"', 'MODEL_FILE = "our-model.pkl"'));
    return dir;
  }

  it("merges the template's change into a file the user edited, using the old version's rendering as the base", async () => {
    const dir = await make('merged');
    const r = await runCli(['update', '--dir', dir, '--json'], { env: { AML_SCAFFOLD_BASE_CMD: `node ${stub} {version}` } });
    expect(r.exitCode, r.stderr).toBe(0);
    const actions = Object.fromEntries(JSON.parse(r.stdout).changes.map((c: { path: string; action: string }) => [c.path, c.action]));
    expect(actions['src/model.py']).toBe('merge');
    expect(actions['src/data.py']).toBe('update');
    const model = await read(dir, 'src/model.py');
    expect(model).toContain('MODEL_FILE = "our-model.pkl"');
    expect(model).toContain(NOW_MODEL);
    expect(model).not.toContain(OLD_MODEL);
    expect(await read(dir, 'src/data.py')).not.toContain('# an old header');
    expect(existsSync(join(dir, 'src/model.py.new'))).toBe(false);
    expect(JSON.parse(await read(dir, 'aml-scaffold.json')).version).toBe(JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')).version);
  });

  it('without the old version, says so in one line, writes <file>.new for the edited file, updates the untouched one, exits 1', async () => {
    const dir = await make('fallback');
    const edited = await read(dir, 'src/model.py');
    const r = await runCli(['update', '--dir', dir], { env: { AML_SCAFFOLD_BASE_CMD: 'node -e process.exit(3)' } });
    expect(r.exitCode).toBe(1);
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('notice:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('aml-scaffold 0.0.1 could not be run');
    expect(await read(dir, 'src/model.py')).toBe(edited);
    expect(await read(dir, 'src/model.py.new')).toContain(NOW_MODEL);
    expect(r.stderr).toContain('src/model.py.new');
    expect(await read(dir, 'src/data.py')).not.toContain('# an old header');
  });
});
