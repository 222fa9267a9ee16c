// runValidate in-process: exit codes, the exact JSON shape, human output, walking rules.
import { readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { runValidate, type ValidateCliOptions } from '../../src/cli/validate.js';
import { examplesDir, schema } from './helpers.js';

async function run(paths: string[], opts: ValidateCliOptions = {}, color = false) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await runValidate(paths, opts, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), color });
  return { code, stdout, stderr };
}

const SUMMARY = /^(\d+) files? checked: (\d+) valid, (\d+) invalid, (\d+) skipped \((\d+) errors?, (\d+) warnings?\)$/;

/** The official basics: every file valid, local code folders not vendored (warnings). */
const basics = join(examplesDir, 'jobs', 'basics');
const basicsCount = readdirSync(basics, { recursive: true }).filter((n) => /\.ya?ml$/.test(String(n))).length;

describe('runValidate on the official examples', () => {
  it('returns 0 and prints exactly one JSON object of the documented shape', async () => {
    const r = await run([basics], { json: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['valid', 'files']);
    expect(out.valid).toBe(true);
    expect(out.files.length).toBe(basicsCount); // every *.yml / *.yaml
    for (const f of out.files) {
      expect(Object.keys(f)).toEqual(['path', 'kind', 'valid', 'errors']);
      expect(f.path.startsWith(`${examplesDir.split('\\').join('/')}/`)).toBe(true);
      expect(f.valid).toBe(true);
      for (const e of f.errors) {
        expect(Object.keys(e)).toEqual(['path', 'message', 'line', 'column', 'severity']);
        expect(e.severity).toBe('warning'); // local code/conda paths were not vendored
        expect(Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1).toBe(true);
      }
    }
    expect(out.files.map((f: { path: string }) => f.path)).toEqual([...out.files.map((f: { path: string }) => f.path)].sort());
  });

  it('prints one line per problem and a summary; fails with --strict because local paths are missing', async () => {
    const r = await run([basics]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const m = SUMMARY.exec(lines.at(-1)!);
    expect(m).not.toBeNull();
    expect(m!.slice(1, 5).map(Number)).toEqual([basicsCount, basicsCount, 0, 0]);
    expect(lines[0]).toMatch(/^\S+\.ya?ml:\d+:\d+ {2}\S+ {2}warning: .+ not found \(looked for .+\)$/);
    expect(lines.length - 1).toBe(Number(m![6]));
    expect((await run([basics], { strict: true })).code).toBe(1);
  });

  it('--format json is --json; sarif and github carry the same findings', async () => {
    const json = await run([basics], { format: 'json' });
    expect(json.stdout).toBe((await run([basics], { json: true })).stdout);
    const findings = (JSON.parse(json.stdout).files as { errors: unknown[] }[]).flatMap((f) => f.errors);
    const sarif = JSON.parse((await run([basics], { format: 'sarif' })).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(findings.length);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'AML005', level: 'warning', locations: [{ physicalLocation: { region: { startLine: expect.any(Number) } } }] });
    const github = (await run([basics], { format: 'GitHub' })).stdout.trimEnd().split('\n');
    expect(github.filter((l) => l.startsWith('::warning file='))).toHaveLength(findings.length);
    expect(github[0]).toMatch(/^::warning file=[^,]+\.yml,line=\d+,col=\d+,title=aml-scaffold validate \(\w+\)::\S/);
  });

  it('--format github fails with exit 1 and ::error lines on an invalid file, escaping newlines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aml-fmt-'));
    await writeFile(join(dir, 'job.yml'), `${schema('commandJob')}command: echo\nenvironment: azureml:e:1\ninstance_cont: 2\n`);
    const r = await run([dir], { format: 'github' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=.*job\.yml,line=4,col=1,title=aml-scaffold validate \(commandJob\)::instance_cont: unknown key "instance_cont"/m);
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects an unknown --format, and --json with another format, as usage errors', async () => {
    await expect(run([basics], { format: 'xml' })).rejects.toBeInstanceOf(UsageError);
    await expect(run([basics], { json: true, format: 'sarif' })).rejects.toBeInstanceOf(UsageError);
  });

  it('reports paths as the user gave them', async () => {
    const given = relative(process.cwd(), join(examplesDir, 'jobs', 'basics'));
    const out = JSON.parse((await run([given], { json: true })).stdout);
    expect(out.files.map((f: { path: string }) => f.path)).toContain(`${given.split('\\').join('/')}/hello-code.yml`);
    const file = join(given, 'hello-world.yml');
    expect(JSON.parse((await run([file], { json: true })).stdout).files.map((f: { path: string }) => f.path)).toEqual([file.split('\\').join('/')]);
  });
});

describe('runValidate usage errors', () => {
  it('throws UsageError for a path that does not exist', async () => {
    await expect(run(['no/such/dir'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['no/such/dir'])).rejects.toThrow('no such file or directory: no/such/dir');
  });

  it('throws UsageError for an unknown --kind and accepts any case of a known one', async () => {
    await expect(run([examplesDir], { kind: 'job' })).rejects.toBeInstanceOf(UsageError);
    const r = await run([join(examplesDir, 'jobs/basics/hello-world.yml')], { kind: 'COMMANDJOB', json: true });
    expect(JSON.parse(r.stdout).files[0].kind).toBe('commandJob');
  });
});

describe('runValidate walking a tree', () => {
  let dir: string;
  const isRoot = process.getuid?.() === 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aml-validate-'));
    const elsewhere = join(dir, '..', `${relative(tmpdir(), dir)}-elsewhere`);
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'job.yml'), `${schema('commandJob')}code: src\ncommand: python train.py\nenvironment: azureml:e:1\n`);
    await writeFile(join(dir, 'bad.yaml'), `${schema('managedOnlineEndpoint')}name: x\n`);
    await writeFile(join(dir, 'workflow.yml'), 'on: [push]\njobs: {}\n');
    await writeFile(join(dir, 'notes.txt'), 'not yaml: [');
    await mkdir(join(dir, 'weird.yml'));
    await writeFile(join(dir, 'picture.yml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'pkg', 'bad.yml'), `${schema('commandJob')}nope: 1\n`);
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'bad.yml'), `${schema('commandJob')}nope: 1\n`);
    await mkdir(elsewhere, { recursive: true });
    await writeFile(join(elsewhere, 'bad.yml'), `${schema('commandJob')}nope: 1\n`);
    await symlink(elsewhere, join(dir, 'linked-dir'), 'dir');
    await symlink(join(dir, 'job.yml'), join(dir, 'alias.yml'));
    await symlink(join(dir, 'nowhere.yml'), join(dir, 'broken.yml'));
    await writeFile(join(dir, 'secret.yml'), `${schema('commandJob')}command: echo\nenvironment: azureml:e:1\n`);
    await chmod(join(dir, 'secret.yml'), 0o000);
    await writeFile(join(dir, 'huge.yml'), `${schema('commandJob')}tags:\n${'  k: v\n'.repeat(200_000)}`);
  });

  afterAll(async () => {
    await chmod(join(dir, 'secret.yml'), 0o644).catch(() => {});
    await rm(`${dir}-elsewhere`, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it('gives per-file errors instead of crashing and skips what it should', async () => {
    const r = await run([dir], { json: true });
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout).files as { path: string; kind: string; valid: boolean; errors: { message: string }[] }[];
    const byName = Object.fromEntries(files.map((f) => [f.path.slice(dir.length + 1), f]));
    const names = Object.keys(byName).sort();
    expect(names).toEqual(['alias.yml', 'bad.yaml', 'broken.yml', 'huge.yml', 'job.yml', 'picture.yml', 'secret.yml', 'weird.yml', 'workflow.yml']);
    expect(byName['broken.yml'].errors[0].message).toBe('cannot read file (broken symbolic link)');
    expect(byName['job.yml']).toMatchObject({ kind: 'commandJob', valid: true, errors: [] });
    expect(byName['alias.yml']).toMatchObject({ kind: 'commandJob', valid: true });
    expect(byName['workflow.yml']).toMatchObject({ kind: 'skipped', valid: true });
    expect(byName['bad.yaml'].valid).toBe(false);
    expect(byName['weird.yml']).toMatchObject({ kind: 'unknown', valid: false, errors: [{ message: 'is a directory named like a YAML file; not validated' }] });
    expect(byName['picture.yml'].errors[0].message).toMatch(/binary content/);
    expect(byName['huge.yml'].errors[0].message).toMatch(/^file too large to validate/);
    if (isRoot) expect(byName['secret.yml'].valid).toBe(true); // root reads anything
    else expect(byName['secret.yml'].errors[0].message).toBe('cannot read file (permission denied)');
  });

  it('prints the summary with counts', async () => {
    const r = await run([dir]);
    const m = SUMMARY.exec(r.stdout.trimEnd().split('\n').at(-1)!);
    expect(m!.slice(1, 5).map(Number)).toEqual([9, isRoot ? 4 : 3, isRoot ? 5 : 6, 1]);
    expect(r.stdout).toContain(`${dir}/bad.yaml:2:7  name  endpoint name must be 3–32 characters`);
  });

  it('colours only when asked', async () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect(ansi.test((await run([join(dir, 'bad.yaml')], {}, true)).stdout)).toBe(true);
    expect(ansi.test((await run([join(dir, 'bad.yaml')], {}, false)).stdout)).toBe(false);
  });

  it('turns missing local paths into errors with --strict', async () => {
    await rm(join(dir, 'src'), { recursive: true });
    const warn = await run([join(dir, 'job.yml')]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('  code  warning: code folder "src" not found');
    expect((await run([join(dir, 'job.yml')], { strict: true })).code).toBe(1);
  });
});
