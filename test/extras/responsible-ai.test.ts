import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FRAMEWORKS } from '../../src/spec/ids.js';
import { parseSpec, SpecError } from '../../src/spec/schema.js';
import { pip } from '../../src/versions.js';
import { runCli } from '../helpers/cli.js';
import { text, tree } from '../helpers/tree.js';

const condaPip = (t: Map<string, string | Uint8Array>): string[] =>
  (parse(text(t, 'environment/conda.yaml')).dependencies as unknown[]).flatMap((d) =>
    typeof d === 'object' && d !== null && 'pip' in d ? (d as { pip: string[] }).pip : [],
  );

describe('extra responsible-ai', () => {
  const t = tree({ extras: ['responsible-ai'] });

  it('adds the sensitive_column job input, passed to train.py as --sensitive-column', () => {
    const job = parse(text(t, 'jobs/train.yml'));
    expect(job.inputs.sensitive_column).toBe('synthetic');
    expect(job.command).toContain('--sensitive-column ${{inputs.sensitive_column}}');
  });

  it('pins fairlearn, interpret-core and matplotlib in the one conda file, each package once', () => {
    const reqs = condaPip(t);
    for (const name of ['fairlearn', 'interpret-core', 'matplotlib'] as const) {
      expect(reqs).toContain(`${name}==${pip[name]}`);
    }
    const names = reqs.map((r) => r.split('==')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(text(t, 'requirements-dev.txt')).toContain(`fairlearn==${pip.fairlearn}`);
  });

  it('keeps the pins compatible with the scikit-learn 1.5 stack (numpy 1.22, pandas 1.5)', () => {
    // fairlearn >= 0.10 needs pandas >= 2.0.3; matplotlib >= 3.9 needs numpy >= 1.23.
    expect(Number(pip.fairlearn.split('.')[1])).toBeLessThan(10);
    expect(Number(pip.matplotlib.split('.')[1])).toBeLessThan(9);
    expect(condaPip(t)).toContain('numpy==1.22.4');
  });

  it('ships its hook module, the pure helpers and tests, and wires the hook into extensions.py', () => {
    for (const p of ['src/extra_responsible_ai.py', 'src/responsible_ai.py', 'tests/test_extra_responsible_ai.py']) {
      expect(t.has(p), p).toBe(true);
    }
    expect(text(t, 'src/extensions.py')).toMatch(/^import extra_responsible_ai$/m);
    expect(text(t, 'README.md')).toContain('## Responsible AI');
    expect(text(t, 'README.md')).toContain('synthetic');
  });

  it('is refused with a one-line reason for every framework but scikit-learn', () => {
    for (const framework of FRAMEWORKS.filter((f) => f !== 'sklearn')) {
      const attempt = () => parseSpec({ name: 'p', framework, extras: ['responsible-ai'] });
      expect(attempt, framework).toThrow(SpecError);
      expect(attempt, framework).toThrow(/^--extras responsible-ai: .*--framework sklearn$/);
    }
  });

  it('exits 2 from the CLI for PyTorch, naming the reason on one line', async () => {
    const r = await runCli(['init', 'p', '--yes', '--dry-run', '--framework', 'pytorch', '--extras', 'responsible-ai']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('responsible-ai');
  });
});
