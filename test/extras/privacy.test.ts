import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FRAMEWORKS } from '../../src/spec/ids.js';
import { parseSpec, SpecError } from '../../src/spec/schema.js';
import { pip } from '../../src/versions.js';
import { runCli } from '../helpers/cli.js';
import { text, tree } from '../helpers/tree.js';

describe('extra privacy', () => {
  const t = tree({ extras: ['privacy'] });

  it('adds the epsilon job input, passed to train.py as --epsilon', () => {
    const job = parse(text(t, 'jobs/train.yml'));
    expect(job.inputs.epsilon).toBeGreaterThan(0);
    expect(job.command).toContain('--epsilon ${{inputs.epsilon}}');
  });

  it('pins diffprivlib (not SmartNoise, whose pandas 2 clashes with the sklearn stack)', () => {
    const conda = text(t, 'environment/conda.yaml');
    expect(conda).toContain(`diffprivlib==${pip.diffprivlib}`);
    expect(conda).not.toMatch(/smartnoise|opendp/);
    expect(conda).toContain('pandas==1.5.3');
  });

  it('ships its hook module and tests; the hook supplies the classifier and logs epsilon', () => {
    expect(t.has('tests/test_extra_privacy.py')).toBe(true);
    const hook = text(t, 'src/extra_privacy.py');
    expect(hook).toMatch(/^def make_classifier\(/m);
    expect(hook).toContain('LogisticRegression(**kwargs)');
    expect(hook).toContain('log_param("epsilon"');
    expect(text(t, 'src/extensions.py')).toMatch(/^import extra_privacy$/m);
    expect(text(t, 'README.md')).toContain('## Differential privacy');
  });

  it('is refused with a one-line reason for PyTorch, TensorFlow, Keras and RLlib', () => {
    for (const framework of FRAMEWORKS.filter((f) => f !== 'sklearn')) {
      const attempt = () => parseSpec({ name: 'p', framework, extras: ['privacy'] });
      expect(attempt, framework).toThrow(SpecError);
      expect(attempt, framework).toThrow(/^--extras privacy: [^\n]+; use --framework sklearn$/);
    }
  });

  it('works with every serving mode and target of a scikit-learn project', () => {
    for (const [target, serving] of [['online', 'mlflow'], ['batch', 'script'], ['none', 'script'], ['kubernetes', 'script']]) {
      const files = tree({ target, serving, extras: ['privacy'] });
      expect(text(files, 'jobs/train.yml'), `${target}/${serving}`).toContain('--epsilon');
    }
  });

  it('exits 2 from the CLI for TensorFlow', async () => {
    const r = await runCli(['init', 'p', '--yes', '--dry-run', '--framework', 'tensorflow', '--extras', 'privacy']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--extras privacy: .*differential-privacy/);
  });
});
