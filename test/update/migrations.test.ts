import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionMajors, curatedEnvs, migrateSpec, migrateText, migrations } from '../../src/update/migrations.js';
import { parseSpec } from '../../src/spec/schema.js';
import { actions } from '../../src/versions.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { init, manifestOf, read } from './helpers.js';

const checkout = actions['actions/checkout'].tag;

describe('migrations (the table)', () => {
  it('rewrites a retired VM size to the catalog replacement, and leaves current or retiring sizes', () => {
    const text = 'a: Standard_NC6s_v3\nb: Standard_DS3_v2\nc: [Standard_NC24s_v3, Standard_D4ds_v5]\n';
    const r = migrateText('x.yml', text, migrations('2026-12-07'));
    expect(r.text).toBe('a: Standard_NC4as_T4_v3\nb: Standard_DS3_v2\nc: [Standard_NC4as_T4_v3, Standard_D4ds_v5]\n');
    expect(r.applied.map((a) => `${a.path}:${a.line} ${a.id}`)).toEqual(['x.yml:1 retired-vm-size', 'x.yml:3 retired-vm-size']);
    // Before NCv3's retirement date the size is left alone.
    expect(migrateText('x.yml', text, migrations('2025-01-01')).applied).toEqual([]);
  });

  it('moves action majors older than src/versions.ts to its tag; leaves newer tags and commit SHAs', () => {
    const table = actionMajors({ 'actions/checkout': { tag: 'v4' }, 'azure/login': { tag: 'v2' } });
    const text = [
      '      - uses: actions/checkout@v3',
      "      - uses: 'actions/checkout@v2.5.1'",
      '      - uses: actions/checkout@v5',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '      - uses: azure/login@v1',
      '      - uses: actions/checkout-other@v1',
    ].join('\n');
    const r = migrateText('ci.yml', text, table);
    expect(r.text.split('\n')).toEqual([
      '      - uses: actions/checkout@v4',
      "      - uses: 'actions/checkout@v4'",
      '      - uses: actions/checkout@v5',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '      - uses: azure/login@v2',
      '      - uses: actions/checkout-other@v1',
    ]);
    expect(r.applied.map((a) => a.line)).toEqual([1, 2, 5]);
  });

  it('pins a curated environment referenced by label or an older version to the pinned version', () => {
    const table = curatedEnvs({
      pt: 'azureml://registries/azureml/environments/acpt-pytorch-2.8-cuda12.6/versions/17',
      floating: 'azureml://registries/azureml/environments/tensorflow-2.16-cuda12/labels/latest',
    });
    expect(table.map((m) => m.id)).toEqual(['curated-environment:acpt-pytorch-2.8-cuda12.6']);
    const base = 'azureml://registries/azureml/environments/acpt-pytorch-2.8-cuda12.6';
    const text = [`environment: ${base}/labels/latest`, `environment: ${base}/versions/9`, `environment: ${base}/versions/23`, `x: ${base}-other/versions/1`].join('\n');
    expect(migrateText('jobs/train.yml', text, table).text.split('\n')).toEqual([
      `environment: ${base}/versions/17`,
      `environment: ${base}/versions/17`,
      `environment: ${base}/versions/23`,
      `x: ${base}-other/versions/1`,
    ]);
  });

  it("migrates the recorded spec's retired training size (listed against aml-scaffold.json)", () => {
    const spec = parseSpec({ name: 'p', framework: 'pytorch', instanceType: 'Standard_NC24s_v3', processesPerNode: 1 });
    const r = migrateSpec(spec, '2026-12-07');
    expect(r.spec.instanceType).toBe('Standard_NC4as_T4_v3');
    expect(r.spec.processesPerNode).toBe(1);
    expect(r.applied.map((a) => `${a.path} ${a.to}`)).toEqual(['aml-scaffold.json spec.instanceType: Standard_NC4as_T4_v3']);
    expect(migrateSpec(parseSpec({ name: 'p' }), '2026-12-07').applied).toEqual([]);
  });
});

describe('update applies migrations to files the user changed', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir('aml-update-mig-');
  });
  afterEach(() => tmp.cleanup());

  it('rewrites an old action major and a retired VM size in edited files, lists each with file:line, keeps the edits', async () => {
    const dir = await init(tmp.path, 'p');
    const ci = join(dir, '.github/workflows/ci.yml');
    const ciText = (await readFile(ci, 'utf8')).replace(`actions/checkout@${checkout}`, 'actions/checkout@v3');
    await writeFile(ci, `# ours\n${ciText}`);
    const line = `# ours\n${ciText}`.split('\n').findIndex((l) => l.includes('actions/checkout@v3')) + 1;
    const dep = join(dir, 'deploy/deployment.yml');
    await writeFile(dep, (await readFile(dep, 'utf8')).replace('instance_type: Standard_D4ds_v5', 'instance_type: Standard_NC6s_v3'));

    const r = await runCli(['update', '--dir', dir, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const actionsByPath = Object.fromEntries(out.changes.map((c: { path: string; action: string }) => [c.path, c.action]));
    expect(actionsByPath['.github/workflows/ci.yml']).toBe('merge');
    expect(out.migrations.map((m: { id: string; path: string; line: number }) => `${m.path}:${m.line} ${m.id}`)).toEqual([
      `.github/workflows/ci.yml:${line} action-major:actions/checkout`,
      'deploy/deployment.yml:13 retired-vm-size',
    ]);
    const after = await read(dir, '.github/workflows/ci.yml');
    expect(after.startsWith('# ours\n')).toBe(true);
    expect(after).toContain(`actions/checkout@${checkout}`);
    expect(after).not.toContain('actions/checkout@v3');
    expect(await read(dir, 'deploy/deployment.yml')).toContain('instance_type: Standard_NC4as_T4_v3');
    // The manifest still records aml-scaffold's rendering: the user's lines stay theirs.
    const again = await runCli(['update', '--dir', dir]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to change');
    expect((await manifestOf(dir)).spec.deployInstanceType).toBe('Standard_D4ds_v5');
  });

  it('human output lists the migrations with file:line', async () => {
    const dir = await init(tmp.path, 'p');
    const dep = join(dir, 'deploy/deployment.yml');
    await writeFile(dep, (await readFile(dep, 'utf8')).replace('instance_type: Standard_D4ds_v5', 'instance_type: Standard_NC12s_v3'));
    const r = await runCli(['update', '--dir', dir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('deploy/deployment.yml:13  retired-vm-size  instance_type: Standard_NC12s_v3 -> instance_type: Standard_NC4as_T4_v3');
  });
});
