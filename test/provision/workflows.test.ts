import { describe, expect, it } from 'vitest';
import { credentialName, listedNames } from '../../src/azure/steps.js';
import { parseGithubRepo, repoOfRemote } from '../../src/azure/project.js';
import { redact } from '../../src/azure/tools.js';
import { workflowFacts } from '../../src/azure/workflows.js';

describe('workflowFacts', () => {
  it('derives subjects from push branches and tags, pull requests and job environments', () => {
    const f = workflowFacts(
      'w.yml',
      [
        'on:',
        '  push:',
        '    branches: [main, "release/2026"]',
        '    tags: [v1]',
        '  pull_request:',
        'jobs:',
        '  a: {runs-on: x, environment: staging}',
        '  b:',
        '    runs-on: x',
        '    environment:',
        '      name: production',
        '      url: https://example.com',
        '  c: {runs-on: x}',
      ].join('\n'),
    );
    expect(f.subjects.sort()).toEqual([
      'environment:production',
      'environment:staging',
      'pull_request',
      'ref:refs/heads/main',
      'ref:refs/heads/release/2026',
      'ref:refs/tags/v1',
    ]);
    expect(f.uncovered).toEqual([]);
  });

  it('reports what no single subject can cover, instead of guessing', () => {
    const f = workflowFacts('w.yml', 'on:\n  push:\n    branches: ["release/*"]\njobs:\n  d:\n    environment: ${{ inputs.env }}\n');
    expect(f.subjects).toEqual([]);
    expect(f.uncovered).toEqual([
      'w.yml: push branch pattern "release/*" matches more than one subject',
      'w.yml: job d picks its environment by an expression (${{ inputs.env }})',
    ]);
    expect(workflowFacts('w.yml', 'on: push\njobs: {}\n').uncovered).toEqual(['w.yml: on.push has no branch filter, so every branch needs its own subject']);
    expect(workflowFacts('w.yml', 'on: [pull_request, workflow_dispatch]\n').subjects).toEqual(['pull_request']);
  });

  it('lists the secrets and variables read in expressions, not GITHUB_TOKEN', () => {
    const f = workflowFacts(
      'w.yml',
      'on: workflow_dispatch\nenv:\n  A: ${{ vars.AZUREML_WORKSPACE }}\njobs:\n  j:\n    steps:\n      - with: {client-id: "${{ secrets.AZURE_CLIENT_ID }}", t: "${{ secrets.GITHUB_TOKEN }}"}\n      - run: echo secrets.NOT_IN_AN_EXPRESSION\n',
    );
    expect(f.secrets).toEqual(['AZURE_CLIENT_ID']);
    expect(f.vars).toEqual(['AZUREML_WORKSPACE']);
  });
});

describe('names and parsing', () => {
  it('names federated credentials within Azure rules, apart when cleaning makes two alike', () => {
    expect(credentialName('ref:refs/heads/main')).toBe('github-branch-main');
    expect(credentialName('environment:production')).toBe('github-env-production');
    expect(credentialName('pull_request')).toBe('github-pull_request');
    const a = credentialName('ref:refs/heads/feature/x');
    const b = credentialName('ref:refs/heads/feature-x');
    expect(a).not.toBe(b);
    for (const n of [a, b, credentialName(`ref:refs/heads/${'b'.repeat(300)}`)]) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/);
  });

  it('accepts owner/name and GitHub remotes, and nothing else', () => {
    expect(parseGithubRepo('octo-org/my.repo_1')).toEqual({ owner: 'octo-org', name: 'my.repo_1' });
    for (const bad of ['octo', 'octo/', '/x', 'a/b/c', '-octo/x', 'octo--org/x', 'octo/..', 'octo/x y']) expect(parseGithubRepo(bad), bad).toBeUndefined();
    expect(repoOfRemote('https://github.com/octo/demo.git\n')).toBe('octo/demo');
    expect(repoOfRemote('git@github.com:octo/demo.git')).toBe('octo/demo');
    expect(repoOfRemote('ssh://git@github.com/octo/demo')).toBe('octo/demo');
    expect(repoOfRemote('https://gitlab.com/octo/demo.git')).toBeUndefined();
  });

  it('reads gh list output (tab-separated) into names', () => {
    expect([...listedNames('AZURE_CLIENT_ID\t2026-12-01\nAZUREML_WORKSPACE\tws1\t2026-12-01\n').entries()]).toEqual([
      ['AZURE_CLIENT_ID', '2026-12-01'],
      ['AZUREML_WORKSPACE', 'ws1'],
    ]);
  });

  it('redacts keys and tokens but keeps GUIDs and resource paths', () => {
    const guid = '0b1f6471-1bf0-4dda-aec3-111122223333';
    const text = `AccountKey=abc123; token eyJ0eXAiOiJKV1QiLCJhbGciOi in /subscriptions/${guid}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws`;
    const out = redact(text);
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('eyJ0eXAiOiJKV1QiLCJhbGciOi');
    expect(out).toContain(guid);
    expect(out).toContain('Microsoft.MachineLearningServices/workspaces/ws');
  });
});
