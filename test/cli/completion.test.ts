import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extras } from '../../src/extras/index.js';
import { frameworks } from '../../src/frameworks/index.js';
import { servings } from '../../src/serving/index.js';
import { EXTRAS, FRAMEWORKS, SERVINGS, TARGETS } from '../../src/spec/ids.js';
import { targets } from '../../src/targets/index.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** What bash's completion offers for the words typed so far (the real bash, the generated script). */
async function complete(script: string, typed: string[]): Promise<string[]> {
  const tmp = await tempDir();
  try {
    await writeFile(join(tmp.path, 'c.bash'), script);
    const words = ['aml-scaffold', ...typed].map((w) => `'${w}'`).join(' ');
    const r = await execa('bash', ['-c', `source c.bash; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _aml_scaffold; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: tmp.path });
    return r.stdout.split('\n').filter(Boolean).sort();
  } finally {
    await tmp.cleanup();
  }
}

describe('aml-scaffold completion', () => {
  it('bash: commands, flags of a command, and the values of a flag, from the CLI itself', async () => {
    const { stdout, exitCode } = await runCli(['completion', 'bash']);
    expect(exitCode).toBe(0);
    expect(await complete(stdout, ['va'])).toEqual(['validate']);
    expect(await complete(stdout, ['init', '--fr'])).toEqual(['--framework', '--from']);
    expect(await complete(stdout, ['update', '--target', 'b'])).toEqual(['batch']);
    expect(await complete(stdout, ['init', '--framework', 'py'])).toEqual(['pytorch']);
    expect(await complete(stdout, ['init', '--target', ''])).toEqual([...TARGETS].sort());
    expect(await complete(stdout, ['add', 'sw'])).toEqual(['sweep']);
    expect(await complete(stdout, ['provision', '--github'])).toEqual(['--github-repo']);
  });

  it('zsh loads the same function through bashcompinit; fish lists every command and value', async () => {
    const zsh = (await runCli(['completion', 'zsh'])).stdout;
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('complete -o filenames -F _aml_scaffold aml-scaffold');
    const fish = (await runCli(['completion', 'fish'])).stdout;
    expect(fish).toContain("complete -c aml-scaffold -n __fish_use_subcommand -a init");
    expect(fish).toContain(`-l framework -xa '${FRAMEWORKS.join(' ')}'`);
  });

  it('an unknown shell is bad usage (exit 2)', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe('error: unknown shell "tcsh"; choose from bash, zsh, fish');
  });
});

describe('the option table and the registries agree', () => {
  it('every id has a registered module, in the same order', () => {
    expect(frameworks.map((f) => f.id)).toEqual([...FRAMEWORKS]);
    expect(targets.map((t) => t.id)).toEqual([...TARGETS]);
    expect(servings.map((s) => s.id)).toEqual([...SERVINGS]);
    expect(extras.map((e) => e.id)).toEqual([...EXTRAS]);
  });
});

describe('did you mean', () => {
  it.each([
    [['--framework', 'pytroch'], /invalid --framework: "pytroch" is not one of .*; did you mean pytorch\?/],
    [['--target', 'bach'], /did you mean batch\?/],
    [['--extras', 'onnx,swep'], /unknown extra "swep"; did you mean sweep\?/],
  ])('%j → exit 2 with a suggestion', async (args, message) => {
    const r = await runCli(['init', 'x', '--yes', '--dry-run', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('--help', () => {
  it.each(['init', 'validate', 'add', 'update', 'provision', 'doctor', 'list', 'completion'])('%s shows examples', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n  \\$ aml-scaffold ${command}`));
  });
});
