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

  it('asks for what flags left open and prints the equivalent one-shot command', async () => {
    // name; framework: second choice (PyTorch); target, serving: default; training: job; extras: none.
    const r = await interactive(tmp.path, '--no-git', ['myproj\r', `${DOWN}\r`, '\r', '\r', `${DOWN}\r`, '\r']);
    expect(r.stdout).toContain('Framework (--framework)');
    expect(r.stdout).toContain('Training (--training)');
    expect(r.stdout).toContain('npx aml-scaffold init myproj --yes --framework pytorch --target online --serving script --training job');
    const manifest = JSON.parse(await readFile(join(tmp.path, 'myproj', 'aml-scaffold.json'), 'utf8'));
    expect(manifest.spec).toMatchObject({ name: 'myproj', framework: 'pytorch', target: 'online', training: 'job' });
  });

  it('asks nothing that a flag already answered', async () => {
    const r = await interactive(tmp.path, 'given --no-git --framework sklearn --target none --extras sweep --training job', []);
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
