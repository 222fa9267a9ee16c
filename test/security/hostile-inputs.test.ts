/**
 * The hand-made hostile values of test/fixtures/hostile-inputs.json, through `init` and `validate`:
 * no crash, no stack trace, one-line errors, nothing written outside the target.
 * - every value × every string option of init, in process (fast): refused as bad usage with the
 *   sandbox untouched, or a project written only inside the target;
 * - every value as the directory argument, in process (each in its own sandbox);
 * - a quarter of them through the built CLI, as the directory argument or an option in turn;
 * - every value as a YAML file and spliced into an Azure ML job, through `validate`.
 */
import { flagName } from '../../src/spec/ids.js';
import { createRequire } from 'node:module';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isCliError } from '../../src/core/errors.js';
import { runInit } from '../../src/cli/init.js';
import type { InitFlags } from '../../src/spec/answers.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectOneLineError, snapshot } from './disk.js';

const { inputs } = createRequire(import.meta.url)('../fixtures/hostile-inputs.json') as { inputs: { id: string; value: string; why: string }[] };
const FREE_TEXT = ['name', 'workspace', 'resourceGroup', 'compute', 'instanceType', 'k8sCompute', 'deployInstanceType'] as const;
const ENUMS = ['framework', 'target', 'serving', 'device', 'ci', 'pinActions', 'nodes', 'processesPerNode', 'extras'] as const;
/** Paths below `root` created by a run, outside `target` and its ancestors. */
const strays = (before: Record<string, string>, after: Record<string, string>, root: string, target: string) =>
  Object.keys(after).filter((p) => {
    if (p in before) return false;
    const abs = join(root, p);
    return !(abs === target || abs.startsWith(target + sep) || target.startsWith(abs + sep));
  });

describe('hostile inputs fixture', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-hostile-');
  });
  afterAll(() => tmp.cleanup());

  it('holds at least 30 hand-made values', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(inputs.map((i) => i.id)).size).toBe(inputs.length);
  });

  it('through every string option of init (in process): exit 2 and nothing written, or a project in the target only', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outcomes: Record<number, number> = {};
    try {
      const before = await snapshot(tmp.path);
      const target = join(tmp.path, 'proj');
      for (const { id, value } of inputs) {
        for (const key of [...FREE_TEXT, ...ENUMS]) {
          let code: number;
          try {
            code = await runInit(target, { yes: true, git: false, [key]: value } as InitFlags);
          } catch (e) {
            if (!isCliError(e)) throw new Error(`${id} as ${flagName(key)} crashed: ${(e as Error).stack}`);
            code = e.exitCode;
            expect(e.message, `${id} as ${flagName(key)}`).toMatch(/^[^\n\r\u001b]+$/);
          }
          outcomes[code] = (outcomes[code] ?? 0) + 1;
          expect([0, 2], `${id} as ${flagName(key)} exited ${code}`).toContain(code);
          const after = await snapshot(tmp.path);
          expect(strays(before, after, tmp.path, target), `${id} as ${flagName(key)}`).toEqual([]);
          if (code === 2) expect(after, `${id} as ${flagName(key)} wrote before refusing`).toEqual(before);
          await rm(target, { recursive: true, force: true });
        }
      }
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(outcomes[2]).toBeGreaterThan(inputs.length * 10);
  });

  it('as the directory argument of init (in process): a refusal with nothing written, or a project in the target only', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const home = process.cwd();
    const codes: number[] = [];
    try {
      for (const [n, { id, value }] of inputs.entries()) {
        // Each case gets its own sandbox, two levels deep, so `../..` stays inside it.
        const box = join(tmp.path, `dir-${n}`);
        const cwd = join(box, 'w', 'cwd');
        await mkdir(cwd, { recursive: true });
        const before = await snapshot(box);
        process.chdir(cwd);
        let code: number;
        try {
          code = await runInit(value, { name: 'demo', yes: true, git: false });
        } catch (e) {
          if (!isCliError(e)) throw new Error(`${id} as directory crashed: ${(e as Error).stack}`);
          code = e.exitCode;
          expect(e.message, id).toMatch(/^[^\n\r\u001b]+$/);
        } finally {
          process.chdir(home);
        }
        codes.push(code);
        const target = resolve(cwd, value);
        const after = await snapshot(box);
        expect(strays(before, after, box, target), id).toEqual([]);
        if (code === 0) expect(await readdir(target), id).toContain('aml-scaffold.json');
        else expect(after, `${id} exited ${code} but changed the disk`).toEqual(before);
      }
    } finally {
      process.chdir(home);
      out.mockRestore();
      err.mockRestore();
    }
    expect(codes.filter((c) => c === 0).length).toBeGreaterThan(10); // odd but legal directory names are fine
    expect(codes.filter((c) => c !== 0).length).toBeGreaterThan(3); // '', '..', '../..', too long, NUL
  });

  it('through the built CLI (a sample, as directory and as option): exit code, one line, nothing outside the target', async () => {
    // NUL cannot be passed in argv at all; every fourth value keeps the spawns few on small machines.
    const cases = inputs.filter((i, n) => !i.value.includes('\u0000') && n % 4 === 0).map((input, n) => ({ input, n }));
    const run = async ({ input, n }: (typeof cases)[number]) => {
      const box = join(tmp.path, `cli-${n}`);
      const cwd = join(box, 'w', 'cwd');
      await mkdir(cwd, { recursive: true });
      const asDir = n % 2 === 0;
      const option = FREE_TEXT[(n >> 1) % FREE_TEXT.length];
      const args = asDir ? ['init', input.value, '--name', 'demo'] : ['init', 'proj', flagName(option), input.value];
      const before = await snapshot(box);
      const r = await runCli([...args, '--yes', '--no-git'], { cwd, timeout: 60_000 });
      const label = `${input.id} ${asDir ? 'as directory' : `as ${flagName(option)}`}: ${r.stderr}`;
      expect([0, 1, 2], label).toContain(r.exitCode);
      expect(r.stderr, label).not.toMatch(/\n\s+at |node:internal/);
      if (r.exitCode !== 0) expectOneLineError(r.stderr, /./);
      const target = resolve(cwd, asDir ? input.value : 'proj');
      const after = await snapshot(box);
      expect(strays(before, after, box, target), label).toEqual([]);
      if (r.exitCode === 0) expect(await readdir(target), label).toContain('aml-scaffold.json');
      else expect(after, label).toEqual(before);
    };
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < cases.length; i += 2) await Promise.all(cases.slice(i, i + 2).map(run));
  });

  it('through validate, as whole files and spliced into a job: exit 0 or 1, a report per file, nothing on stderr', async () => {
    const dir = join(tmp.path, 'yaml');
    await mkdir(dir);
    const schema = '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n';
    for (const { id, value } of inputs) {
      await writeFile(join(dir, `${id}.yml`), value);
      await writeFile(join(dir, `${id}-job.yml`), `${schema}command: ${value}\nenvironment: azureml:e:1\ncompute: azureml:${value}\n`);
    }
    const json = await runCli(['validate', '--json', 'yaml'], { cwd: tmp.path, timeout: 60_000 });
    expect([0, 1]).toContain(json.exitCode);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout) as { files: { path: string; errors: { message: string }[] }[] };
    expect(report.files).toHaveLength(inputs.length * 2);
    for (const f of report.files) for (const e of f.errors) expect(e.message, f.path).not.toMatch(/\n\s+at /);
    const human = await runCli(['validate', 'yaml'], { cwd: tmp.path, timeout: 60_000 });
    expect(human.exitCode).toBe(json.exitCode);
    expect(human.stdout).toMatch(new RegExp(`${inputs.length * 2} files checked`));
    expect(human.stdout + human.stderr).not.toMatch(/\n\s+at |node:internal/);
  });
});
