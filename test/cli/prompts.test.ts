import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bin, tempDir } from '../helpers/cli.js';

const hasScript = (await execa('script', ['--version'], { reject: false })).exitCode === 0;
const DOWN = '\u001b[B';

/**
 * Drive the interactive prompts through a real pseudo-terminal (util-linux `script`), typing answers
 * with pauses as a person would.
 */
async function interactive(cwd: string, args: string, keys: string[]) {
  const child = execa('script', ['-qec', `node ${bin} init ${args}`, '/dev/null'], {
    cwd,
    reject: false,
    stdin: 'pipe',
    env: { NO_COLOR: '1', CI: '' },
    timeout: 60_000,
  });
  for (const k of keys) {
    await new Promise((r) => setTimeout(r, 700));
    child.stdin?.write(k);
  }
  await new Promise((r) => setTimeout(r, 2000));
  child.stdin?.end();
  return child;
}

describe.skipIf(!hasScript)('interactive init (pseudo-terminal)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('offers the recommended settings, shows a summary before writing, and prints the one-shot command', async () => {
    // name; "Use recommended settings?" yes; "Create this project?" yes.
    const r = await interactive(tmp.path, '--no-git', ['myproj\r', '\r', '\r']);
    expect(r.stdout).toContain('Use recommended settings?');
    expect(r.stdout).toMatch(/framework +scikit-learn/i);
    expect(r.stdout).toContain('Create this project in myproj?');
    expect(r.stdout).toContain('npx aml-scaffold init myproj --yes --framework sklearn --target online --serving script');
    expect(r.stdout).not.toContain('Framework (--framework)');
    const manifest = JSON.parse(await readFile(join(tmp.path, 'myproj', 'aml-scaffold.json'), 'utf8'));
    expect(manifest.spec).toMatchObject({ name: 'myproj', framework: 'sklearn', target: 'online' });
  });

  it('asks only what the user chooses to change, including the workspace', async () => {
    const SPACE = ' ';
    // name; recommended? no; change: framework (1st) and workspace (7th); framework: PyTorch; workspace; create.
    const keys = ['myproj\r', 'n\r', SPACE, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, SPACE, '\r', `${DOWN}\r`, 'my-ws\r', '\r'];
    const r = await interactive(tmp.path, '--no-git', keys);
    expect(r.stdout).toContain('What do you want to change?');
    expect(r.stdout).toContain('Framework (--framework)');
    expect(r.stdout).not.toContain('Deployment target (--target):');
    expect(r.stdout).toContain('npx aml-scaffold init myproj --yes --framework pytorch --target online --serving script --workspace my-ws');
    const manifest = JSON.parse(await readFile(join(tmp.path, 'myproj', 'aml-scaffold.json'), 'utf8'));
    expect(manifest.spec).toMatchObject({ framework: 'pytorch', workspace: 'my-ws' });
  });

  it('declining at the summary writes nothing and exits 130', async () => {
    const r = await interactive(tmp.path, 'declined --no-git', ['\r', 'n\r']);
    expect(r.exitCode).toBe(130);
    expect(existsSync(join(tmp.path, 'declined'))).toBe(false);
  });

  it('asks nothing that a flag already answered', async () => {
    // Recommended settings for what is left (compute, workspace, resource group): yes; create: yes.
    const r = await interactive(tmp.path, 'given --no-git --framework sklearn --target none --extras sweep --training job', ['\r', '\r']);
    expect(r.stdout).not.toContain('(--framework)');
    expect(r.stdout).not.toContain('(--training)');
    expect(r.stdout).not.toContain('(--extras');
    expect(existsSync(join(tmp.path, 'given', 'jobs', 'sweep.yml'))).toBe(true);
  });

  it('Ctrl-C at a prompt exits 130 and leaves nothing behind', async () => {
    const r = await interactive(tmp.path, 'stopped --no-git', ['\u0003']);
    expect(r.exitCode).toBe(130);
    expect(existsSync(join(tmp.path, 'stopped'))).toBe(false);
  });
});

describe('without a terminal', () => {
  it('says in one line which settings took their recommended values, unless --yes', async () => {
    const tmp = await tempDir();
    try {
      const r = await execa('node', [bin, 'init', 'quiet', '--no-git', '--framework', 'pytorch'], { cwd: tmp.path, reject: false, stdin: 'ignore' });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr.trim()).toBe(
        'note: no terminal to ask at, so the recommended settings were used for --target, --serving, --training, --extras, --compute, --workspace, --resource-group (--yes says so and silences this)',
      );
      const yes = await execa('node', [bin, 'init', 'quiet2', '--no-git', '--yes'], { cwd: tmp.path, reject: false, stdin: 'ignore' });
      expect(yes.stderr).toBe('');
    } finally {
      await tmp.cleanup();
    }
  });
});
