import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXTRAS, FRAMEWORKS } from '../../src/spec/ids.js';
import { parseSpec, SpecError } from '../../src/spec/schema.js';
import { pip } from '../../src/versions.js';
import { runCli } from '../helpers/cli.js';
import { text, tree } from '../helpers/tree.js';

describe('extra encryption', () => {
  it('points the online deployment at score_encrypted.py and ships the client and the round-trip test', () => {
    for (const target of ['online', 'kubernetes']) {
      const t = tree({ target, extras: ['encryption'] });
      const deployment = parse(text(t, 'deploy/deployment.yml'));
      expect(deployment.code_configuration.scoring_script, target).toBe('score_encrypted.py');
      for (const p of ['src/score_encrypted.py', 'src/encrypted_client.py', 'src/score.py', 'tests/test_encryption.py']) {
        expect(t.has(p), `${target}: ${p}`).toBe(true);
      }
    }
  });

  it('leaves score.py (or its data-collecting wrapper) as the scoring script without the extra', () => {
    const deployment = parse(text(tree({ training: 'job' }), 'deploy/deployment.yml'));
    expect(deployment.code_configuration.scoring_script).toBe('score.py');
    const monitored = parse(text(tree(), 'deploy/deployment.yml'));
    expect(monitored.code_configuration.scoring_script).toBe('score_monitored.py');
  });

  it('pins tenseal, changes nothing in training, and documents the limits', () => {
    const t = tree({ extras: ['encryption'] });
    expect(text(t, 'environment/conda.yaml')).toContain(`tenseal==${pip.tenseal}`);
    expect(parse(text(t, 'jobs/train.yml'))).toEqual(parse(text(tree(), 'jobs/train.yml')));
    expect(text(t, 'src/extensions.py')).not.toContain('extra_encryption');
    const readme = text(t, 'README.md');
    for (const fact of ['not production cryptography', 'SEAL 4.1.1', '4.4', '180 s', '5 MBps', 'Linear models only']) {
      expect(readme).toContain(fact);
    }
  });

  it('evaluates ciphertext with products and sums only, and refuses a secret key', () => {
    const server = text(tree({ extras: ['encryption'] }), 'src/score_encrypted.py');
    expect(server).toContain('return score.run(raw_data)'); // plaintext goes to the unchanged score.py
    expect(server).toContain('has_secret_key()');
    expect(server).not.toMatch(/matmul|galois_keys\(|\.dot\(/);
  });

  it.each([
    [{ framework: 'pytorch' }, /--framework sklearn/],
    [{ framework: 'keras' }, /--framework sklearn/],
    [{ serving: 'mlflow' }, /--serving script/],
    [{ target: 'batch' }, /--target online or kubernetes/],
    [{ target: 'none' }, /--target online or kubernetes/],
  ])('is refused for %j with a one-line reason', (fields, why) => {
    const attempt = () => parseSpec({ name: 'p', extras: ['encryption'], ...fields });
    expect(attempt).toThrow(SpecError);
    expect(attempt).toThrow(why);
  });

  it('names every non-sklearn framework in the refusal', () => {
    for (const framework of FRAMEWORKS.filter((f) => f !== 'sklearn')) {
      expect(() => parseSpec({ name: 'p', framework, extras: ['encryption'] }), framework).toThrow(/^--extras encryption: /);
    }
  });

  it('exits 2 from the CLI for a batch target', async () => {
    const r = await runCli(['init', 'p', '--yes', '--dry-run', '--target', 'batch', '--extras', 'encryption']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--extras encryption: .*online/);
  });
});

describe('responsible-ai, privacy and encryption in every combination that parses', () => {
  const mine = ['responsible-ai', 'privacy', 'encryption'] as const;
  const subsets = EXTRAS.reduce<string[][]>((acc, id) => [...acc, ...acc.map((s) => [...s, id])], [[]]).filter((s) =>
    s.some((id) => (mine as readonly string[]).includes(id)),
  );

  it('generates (YAML passes the strict self-check) with each pin once and each job flag once', () => {
    let generated = 0;
    for (const extras of subsets) {
      try {
        parseSpec({ name: 'p', extras });
      } catch (e) {
        if (e instanceof SpecError) continue; // another extra not available for this spec (yet)
        throw e;
      }
      const t = tree({ extras });
      generated += 1;
      const job = text(t, 'jobs/train.yml');
      const conda = text(t, 'environment/conda.yaml');
      const label = extras.join(',');
      expect(job.split('--sensitive-column').length - 1, label).toBe(extras.includes('responsible-ai') ? 1 : 0);
      expect(job.split('--epsilon').length - 1, label).toBe(extras.includes('privacy') ? 1 : 0);
      const names = conda.split('\n').filter((l) => l.includes('==')).map((l) => l.trim().replace(/^- /, '').split('==')[0]);
      expect(new Set(names).size, label).toBe(names.length);
    }
    expect(generated).toBeGreaterThanOrEqual(7); // at least every combination of the three
  });
});
