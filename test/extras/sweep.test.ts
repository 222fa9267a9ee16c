import { describe, expect, it } from 'vitest';
import { checkTree } from '../helpers/check.js';
import { parse } from 'yaml';
import { sweepLimits } from '../../src/extras/sweep.js';
import { frameworkById } from '../../src/frameworks/index.js';
import { EXTRAS, FRAMEWORKS } from '../../src/spec/ids.js';
import { parseSpec } from '../../src/spec/schema.js';
import { text, tree } from '../helpers/tree.js';

/** The spec for `fields`, or null when it is not supported. */
function parseSpecOrNull(fields: Record<string, unknown>) {
  try {
    return parseSpec(fields);
  } catch {
    return null;
  }
}

const refs = (command: string, kind: string) => [...command.matchAll(new RegExp(`\\$\\{\\{${kind}\\.(\\w+)\\}\\}`, 'g'))].map((m) => m[1]);

describe('extra: sweep', () => {
  it.each(FRAMEWORKS)('%s: the trial is jobs/train.yml with each hyperparameter taken from the search space', (framework) => {
    const t = tree({ framework, extras: ['sweep'] });
    const sweep = parse(text(t, 'jobs/sweep.yml'));
    const job = parse(text(t, 'jobs/train.yml'));
    const hps = frameworkById(framework).hyperparameters;
    expect(sweep.$schema).toBe('https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json');
    expect(sweep.type).toBe('sweep');
    // search space = the command's ${{search_space.x}} = the framework's hyperparameter inputs
    expect(Object.keys(sweep.search_space).sort()).toEqual(refs(sweep.trial.command, 'search_space').sort());
    expect(Object.keys(sweep.search_space).sort()).toEqual(hps.map((h) => h.input).sort());
    for (const h of hps) expect(sweep.search_space[h.input]).toEqual(h.search);
    // the same command, with search-space values where the job has inputs
    let expected: string = job.command;
    for (const h of hps) expected = expected.replace(`\${{inputs.${h.input}}}`, `\${{search_space.${h.input}}}`);
    expect(sweep.trial.command).toBe(expected);
    for (const name of refs(sweep.trial.command, 'inputs')) expect(sweep.inputs).toHaveProperty(name);
    for (const name of refs(sweep.trial.command, 'outputs')) expect(sweep.outputs).toHaveProperty(name);
    const hpInputs = new Set(hps.map((h) => h.input));
    expect(sweep.inputs ?? {}).toEqual(Object.fromEntries(Object.entries(job.inputs ?? {}).filter(([k]) => !hpInputs.has(k))));
    expect(sweep.outputs).toEqual(job.outputs);
    expect(sweep.trial.code).toBe(job.code);
    expect(sweep.trial.environment).toEqual(job.environment);
    expect(sweep.trial.environment_variables).toEqual(job.environment_variables);
    expect(sweep.trial.distribution).toEqual(job.distribution);
    expect(sweep.trial.resources).toEqual(job.resources);
    expect(sweep.compute).toEqual(job.compute);
    expect(sweep.sampling_algorithm).toBe('random');
    expect(sweep.objective).toEqual({ primary_metric: frameworkById(framework).objective.metric, goal: 'maximize' });
    expect(sweep.early_termination).toEqual({ type: 'bandit', slack_factor: 0.1, evaluation_interval: 1, delay_evaluation: 2 });
    expect(sweep.limits).toEqual({ max_total_trials: 8, max_concurrent_trials: 2, timeout: 7200, trial_timeout: 1800 });
    expect(sweepLimits.trial_timeout).toBeLessThan(sweepLimits.timeout);
  });

  it.each(FRAMEWORKS)('%s: the objective is a metric name train.py logs', (framework) => {
    const t = tree({ framework, extras: ['sweep'] });
    const metric = parse(text(t, 'jobs/sweep.yml')).objective.primary_metric;
    if (framework === 'sklearn' || framework === 'pytorch') {
      // Runnable here: the generated test runs one trial through train.main and checks the metric was logged.
      expect(text(t, 'tests/test_extra_sweep.py')).toContain('sweep["objective"]["primary_metric"] in logged');
    }
    const sources = [text(t, 'src/train.py'), framework === 'pytorch' ? text(t, 'src/model.py') : ''].join('\n');
    const literal = framework === 'pytorch' ? /f"\{prefix\}_accuracy"/ : new RegExp(`"${metric}"`);
    expect(sources).toMatch(literal);
    if (framework === 'pytorch') expect(text(t, 'src/model.py')).toMatch(/evaluate\(.*\n(?:.*\n)*?.*"val"/);
  });

  it('serverless: no compute, the VM size rides on the trial resources', () => {
    const sweep = parse(text(tree({ extras: ['sweep'], compute: 'serverless' }), 'jobs/sweep.yml'));
    expect(sweep.compute).toBeUndefined();
    expect(sweep.trial.resources.instance_type).toBe('Standard_D4ds_v5');
  });

  it('multi-node PyTorch: each trial keeps the distribution and node count of the training job', () => {
    const sweep = parse(text(tree({ framework: 'pytorch', extras: ['sweep'], nodes: 2 }), 'jobs/sweep.yml'));
    expect(sweep.trial.distribution).toEqual({ type: 'pytorch', process_count_per_instance: 1 });
    expect(sweep.trial.resources.instance_count).toBe(2);
  });

  it('the job workflow submits the sweep when dispatched with sweep=true, and only then', () => {
    const wf = parse(text(tree({ extras: ['sweep'], training: 'job' }), '.github/workflows/train-deploy.yml'));
    expect(wf.on.workflow_dispatch.inputs.sweep).toMatchObject({ type: 'boolean', default: false });
    expect(wf.jobs.sweep.if).toBe('${{ inputs.sweep }}');
    expect(wf.jobs.train.if).toBe('${{ !inputs.sweep }}');
    expect(wf.jobs.deploy.needs).toBe('train'); // skipped with train
    const run = wf.jobs.sweep.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(run).toContain('az ml job create -f jobs/sweep.yml');
    expect(run).toContain('bash .github/scripts/wait-for-job.sh "$JOB" "Sweep job"');
    const plain = text(tree({ training: 'job' }), '.github/workflows/train-deploy.yml');
    expect(plain).not.toMatch(/sweep/i);
    expect(parse(plain).jobs.train.if).toBeUndefined();
  });

  it('the pipeline workflow offers the same sweep dispatch instead of the pipeline', () => {
    const wf = parse(text(tree({ extras: ['sweep'] }), '.github/workflows/train-deploy.yml'));
    expect(wf.on.workflow_dispatch.inputs.sweep).toMatchObject({ type: 'boolean', default: false });
    expect(wf.jobs.sweep.if).toBe('${{ inputs.sweep }}');
    const run = wf.jobs.sweep.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(run).toContain('az ml job create -f jobs/sweep.yml');
    expect(text(tree({}), '.github/workflows/train-deploy.yml')).not.toMatch(/sweep/i);
  });

  it('the README shows the search space and how to submit and register; no workflow hint without CI', () => {
    const readme = text(tree({ extras: ['sweep'] }), 'README.md');
    expect(readme).toContain('## Hyperparameter sweep');
    for (const h of frameworkById('sklearn').hyperparameters) expect(readme).toContain(`\`${h.input}\` (\`${h.flag}\`)`);
    expect(readme).toContain('az ml job create -f jobs/sweep.yml');
    expect(readme).toContain('azureml://jobs/<sweep-job-name>/outputs/model');
    expect(readme).toContain('gh workflow run train-deploy.yml -f sweep=true');
    expect(text(tree({ extras: ['sweep'], ci: 'none' }), 'README.md')).not.toContain('gh workflow run');
  });
});

describe('extras tensorboard, onnx and sweep in every combination', () => {
  const mine = ['tensorboard', 'onnx', 'sweep'] as const;
  const subsets = Array.from({ length: 7 }, (_, i) => mine.filter((_, j) => ((i + 1) & (1 << j)) !== 0));
  const cases = FRAMEWORKS.flatMap((framework) =>
    (['online', 'batch', 'none'] as const).flatMap((target) =>
      (['script', 'mlflow', 'triton'] as const).flatMap((serving) => subsets.map((extras) => ({ name: 'demo', framework, target, serving, extras: [...extras] }))),
    ),
  );

  it('generates (YAML validated strictly by the self-check) whenever the spec is supported; only onnx refuses, with its reason', () => {
    let generated = 0;
    let refused = 0;
    for (const fields of cases) {
      if (!parseSpecOrNull({ ...fields, extras: [] })) continue; // unsupported without these extras too
      let refusal: string | undefined;
      try {
        parseSpec(fields);
      } catch (e) {
        refusal = (e as Error).message;
      }
      if (refusal) {
        expect(fields.extras, refusal).toContain('onnx');
        expect(refusal).toMatch(/^--extras onnx: /);
        refused++;
        continue;
      }
      const t = tree(fields);
      expect(checkTree(t)).toEqual([]); // every YAML passes the strict Azure ML models
      expect(t.has('jobs/sweep.yml')).toBe(fields.extras.includes('sweep'));
      expect(t.has('src/extra_tensorboard.py')).toBe(fields.extras.includes('tensorboard'));
      expect(t.has('src/extra_onnx.py')).toBe(fields.extras.includes('onnx'));
      generated++;
    }
    expect(generated).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(0);
    expect(EXTRAS).toEqual(expect.arrayContaining([...mine]));
  });
});
