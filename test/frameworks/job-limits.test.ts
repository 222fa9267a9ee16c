/**
 * Job facts of issue 17: every training job has a limits.timeout (under the workflow's own limit), RLlib
 * samples with more env runners on more nodes, Triton deployments let requests through to batch, and
 * the .amlignore sits in the code folder Azure ML uploads (src/), where it takes effect.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FRAMEWORKS } from '../../src/spec/ids.js';
import { tree, text } from '../helpers/tree.js';

const yaml = (t: ReturnType<typeof tree>, p: string) => parse(text(t, p));

describe('training jobs and deployments', () => {
  it.each(FRAMEWORKS)('%s: the job times out before the workflow does', (framework) => {
    const t = tree({ framework });
    const timeout = yaml(t, 'jobs/train.yml').limits.timeout as number;
    const workflowMinutes = yaml(t, '.github/workflows/train-deploy.yml').jobs.train['timeout-minutes'] as number;
    expect(timeout).toBeGreaterThan(3600);
    expect(timeout).toBeLessThan(workflowMinutes * 60);
  });

  it('RLlib: two env runners per node', () => {
    for (const nodes of [1, 2, 4]) {
      expect(yaml(tree({ framework: 'rllib', nodes }), 'jobs/train.yml').command).toContain(`--num-env-runners ${2 * nodes}`);
    }
  });

  it('Triton lets concurrent requests through (dynamic batching); scoring scripts take one at a time', () => {
    for (const target of ['online', 'kubernetes']) {
      const triton = yaml(tree({ framework: 'pytorch', serving: 'triton', target }), 'deploy/deployment.yml');
      expect(triton.request_settings.max_concurrent_requests_per_instance).toBeGreaterThan(1);
      const script = yaml(tree({ framework: 'pytorch', target }), 'deploy/deployment.yml');
      expect(script.request_settings.max_concurrent_requests_per_instance).toBe(1);
    }
    expect(text(tree({ framework: 'pytorch', serving: 'triton' }), 'src/model.py')).toContain('dynamic_batching');
  });

  it('.amlignore is in the code folder every job and deployment uploads', () => {
    for (const fields of [{}, { framework: 'pytorch', target: 'batch' }, { framework: 'rllib', extras: [] }]) {
      const t = tree(fields);
      expect(t.has('src/.amlignore')).toBe(true);
      expect(t.has('.amlignore')).toBe(false);
      expect(yaml(t, 'jobs/train.yml').code).toBe('../src');
      expect(yaml(t, 'deploy/deployment.yml').code_configuration.code).toBe('../src');
      expect(text(t, 'src/.amlignore')).toMatch(/^outputs\/$/m);
    }
  });
});
