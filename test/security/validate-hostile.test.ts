/**
 * `validate` (the built CLI) on hostile files: tags are data, alias bombs and runaway nesting are
 * refused, huge / binary / empty files and directories named like YAML get a clear per-file verdict.
 * Exit codes: 0 all valid (or skipped), 1 some file invalid, 2 bad usage. Every spawn has a timeout,
 * a hang guard rather than a timing assertion.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const SCHEMA = '$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\n';
const GUARD = { timeout: 60_000 };

interface Report {
  valid: boolean;
  files: { path: string; kind: string; valid: boolean; errors: { message: string; severity: string }[] }[];
}

describe('validate on hostile files (built CLI)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const marker = () => join(tmp.path, 'PWNED');
  let report: Report;
  let exitCode: number;
  let stderr: string;

  beforeAll(async () => {
    tmp = await tempDir('aml-val-');
    const d = join(tmp.path, 'files');
    await mkdir(d);
    const write = (name: string, body: string | Buffer) => writeFile(join(d, name), body);
    await write('python-tag.yml', `${SCHEMA}command: !!python/object/apply:os.system ["touch ${marker()}"]\nenvironment: azureml:e:1\n`);
    await write('js-tag.yml', `${SCHEMA}command: !!js/function "function () { require('fs').writeFileSync('${marker()}', 'x') }"\nenvironment: azureml:e:1\n`);
    let bomb = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 0; i < 9; i++) bomb += `l${i}: &l${i} [${Array(9).fill(i ? `*l${i - 1}` : '*a').join(', ')}]\n`;
    await write('bomb.yml', bomb);
    await write('huge.yml', SCHEMA + 'tags:\n' + '  key: "0123456789012345678901234567890123456789"\n'.repeat(240_000));
    await write('binary.yml', Buffer.concat([Buffer.from(SCHEMA), randomBytes(4096), Buffer.from([0, 0, 0])]));
    await write('deep-flow.yml', `${SCHEMA}command: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    await write('deep-block.yml', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'));
    await write('empty.yml', '');
    await write('only-comments.yaml', '# nothing\n\n');
    await write('not-utf8.yml', Buffer.from([0xff, 0xfe, 0x3a, 0x20, 0xc3, 0x28]));
    await mkdir(join(d, 'dir.yml'));
    const r = await runCli(['validate', '--json', 'files'], { cwd: tmp.path, ...GUARD });
    exitCode = r.exitCode;
    stderr = r.stderr;
    report = JSON.parse(r.stdout);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  const file = (name: string) => {
    const f = report.files.find((x) => x.path === `files/${name}`);
    if (!f) throw new Error(`no report for ${name}: ${JSON.stringify(report.files.map((x) => x.path))}`);
    return f;
  };
  const messages = (name: string) => file(name).errors.map((e) => e.message).join(' | ');

  it('finishes with exit 1, one report per file, nothing on stderr', () => {
    expect(exitCode).toBe(1);
    expect(stderr).toBe('');
    expect(report.files).toHaveLength(11);
  });

  it('reads !!python/object and !!js/function tags as data and never runs them', () => {
    expect(existsSync(marker())).toBe(false);
    for (const name of ['python-tag.yml', 'js-tag.yml']) {
      expect(file(name).kind).toBe('commandJob');
      // The tagged value is linted like any value (the list payload is "expected a string").
      expect(file(name).errors.some((e) => e.severity === 'warning' && /tag.*plain data/.test(e.message)), messages(name)).toBe(true);
    }
  });

  it('refuses a billion-laughs alias bomb with an error', () => {
    expect(file('bomb.yml').valid).toBe(false);
    expect(messages('bomb.yml')).toMatch(/alias/);
  });

  it('refuses a 10 MB Azure ML file as too large to validate', () => {
    expect(file('huge.yml').valid).toBe(false);
    expect(messages('huge.yml')).toMatch(/^file too large to validate \(1\d\.\d MB/);
  });

  it('refuses binary content and runaway nesting, without crashing', () => {
    expect(messages('binary.yml')).toMatch(/binary content/);
    expect(file('deep-flow.yml').valid).toBe(false);
    expect(messages('deep-flow.yml')).toMatch(/nest|stack/i);
    expect(file('deep-block.yml').errors.every((e) => e.message.length < 300)).toBe(true);
  });

  it('skips empty and comment-only files, and reports a directory named like YAML', () => {
    expect(file('empty.yml')).toMatchObject({ kind: 'skipped', valid: true });
    expect(file('only-comments.yaml')).toMatchObject({ kind: 'skipped', valid: true });
    expect(file('dir.yml').valid).toBe(false);
    expect(messages('dir.yml')).toMatch(/directory/);
  });

  it('prints one line per problem in human mode, no stack trace', async () => {
    const r = await runCli(['validate', 'files/bomb.yml', 'files/binary.yml', 'files/empty.yml'], { cwd: tmp.path, ...GUARD });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^3 files checked: 1 valid, 2 invalid, 1 skipped/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('exits 0 on only empty files and 2 on a path that does not exist', async () => {
    expect((await runCli(['validate', 'files/empty.yml'], { cwd: tmp.path, ...GUARD })).exitCode).toBe(0);
    const missing = await runCli(['validate', 'no\nsuch.yml'], { cwd: tmp.path, ...GUARD });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe('error: no such file or directory: no such.yml');
  });

  // A link to a character device would be read forever (/dev/zero never ends).
  it('refuses a symlink to /dev/zero and a FIFO as "not a regular file"', async () => {
    const d = join(tmp.path, 'devices');
    await mkdir(d);
    const { symlink } = await import('node:fs/promises');
    await symlink('/dev/zero', join(d, 'zero.yml'));
    const r = await runCli(['validate', '--json', 'devices'], { cwd: tmp.path, timeout: 20_000 });
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).files[0].errors[0].message).toMatch(/not a regular file/);
  });
});
