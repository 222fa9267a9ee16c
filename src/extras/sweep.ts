import { frameworkById } from '../frameworks/index.js';
import type { Spec } from '../spec/schema.js';
// plan/job.ts and plan/environment.ts import the extras registry (./index.ts), which imports this file: a
// cycle that is harmless when entered at the registry, as every caller does (import it first in tests).
import type { JobBuilders } from '../plan/job.js';
import type { DerivedNames } from '../plan/names.js';
import { folded, schemaUrl, toYaml } from '../plan/yaml.js';
import type { Extra } from './types.js';

export const sweepLimits = { max_total_trials: 8, max_concurrent_trials: 2, timeout: 7200, trial_timeout: 1800 };

/** `jobs/sweep.yml`: the training job's trial with every framework hyperparameter taken from the search space. */
export function sweepJob(spec: Spec, names: DerivedNames, builders: JobBuilders): Record<string, unknown> {
  const { trainingParts, tailArgs, resources, computeRef, jobEnvironment } = builders;
  const parts = trainingParts(spec);
  const { fw, changes } = parts;
  const searchSpace: Record<string, unknown> = {};
  const hpArgs = fw.hyperparameters.map((h) => {
    searchSpace[h.input] = { ...h.search };
    return `${h.flag} \${{search_space.${h.input}}}`;
  });
  // The same command as jobs/train.yml, with search-space values where the job has inputs.
  const command = ['python train.py', ...parts.dataArgs, ...hpArgs, ...tailArgs(spec, parts, names)].join(' ');
  const trial: Record<string, unknown> = { code: '../src', command: folded(command), environment: jobEnvironment(spec) };
  const env = { ...(fw.environmentVariables?.(spec) ?? {}), ...changes.environmentVariables };
  if (Object.keys(env).length > 0) trial.environment_variables = env;
  const distribution = fw.distribution?.(spec);
  if (distribution) trial.distribution = distribution;
  // On the trial, where the SDK reads it and copies it to the sweep (azure-ai-ml SweepJob._to_rest_object).
  trial.resources = resources(spec);
  const job: Record<string, unknown> = {
    $schema: schemaUrl('sweepJob'),
    type: 'sweep',
    display_name: `sweep-${names.experiment}`,
    experiment_name: names.experiment,
    description: `Hyperparameter sweep of ${spec.name} (${fw.title}): ${fw.hyperparameters.map((h) => h.input).join(', ')}.`,
    trial,
  };
  if (Object.keys(parts.inputs).length > 0) job.inputs = parts.inputs;
  job.outputs = parts.outputs; // the best trial's outputs
  const compute = computeRef(spec);
  if (compute) job.compute = compute;
  Object.assign(job, {
    sampling_algorithm: 'random',
    search_space: searchSpace,
    // The exact name train.py logs (per epoch where training iterates, so the bandit has intervals).
    objective: { primary_metric: fw.objective.metric, goal: fw.objective.goal },
    early_termination: { type: 'bandit', slack_factor: 0.1, evaluation_interval: 1, delay_evaluation: 2 },
    limits: { ...sweepLimits },
  });
  return job;
}

function readme(spec: Spec, names: DerivedNames): string {
  const fw = frameworkById(spec.framework);
  const space = fw.hyperparameters.map((h) => `- \`${h.input}\` (\`${h.flag}\`): ${describe(h.search)}`).join('\n');
  const limits = sweepLimits;
  return [
    '## Hyperparameter sweep',
    '',
    `\`jobs/sweep.yml\` runs \`train.py\` up to ${limits.max_total_trials} times (${limits.max_concurrent_trials} at a time) with values drawn at random from:`,
    '',
    space,
    '',
    `It maximises \`${frameworkById(spec.framework).objective.metric}\`, the metric \`train.py\` logs by that exact name. A bandit policy (slack factor 0.1)`,
    'cancels a trial whose metric falls below the best trial\'s divided by 1.1, checked at every logged step after the',
    'first two. Each trial trains from scratch.',
    '',
    '```bash',
    'az ml job create -f jobs/sweep.yml --stream -g "$RG" -w "$WS"',
    '```',
    '',
    "The sweep's `model` output is the best trial's model; register it like a training job's:",
    '',
    '```bash',
    `az ml model create --name ${names.model} --type mlflow_model --path azureml://jobs/<sweep-job-name>/outputs/model -g "$RG" -w "$WS"`,
    '```',
    ...(spec.ci === 'github'
      ? ['', 'From GitHub: run the `train-deploy` workflow by hand with **sweep** ticked (`gh workflow run train-deploy.yml -f sweep=true`);', 'it submits the sweep instead of training and deploying, and waits for it.']
      : []),
    ...(spec.extras.includes('tensorboard')
      ? ['', 'Sweeps have no TensorBoard service (`services` is not part of the sweep schema): each trial still writes', '`outputs/tblogs`, which you can download with `az ml job download`.']
      : []),
  ].join('\n');
}

function describe(search: Record<string, unknown>): string {
  const { type, ...rest } = search;
  if (type === 'choice') return `one of ${(rest.values as unknown[]).join(', ')}`;
  if (type === 'loguniform') return `e^${rest.min_value} to e^${rest.max_value}, log-uniform`;
  if (type === 'uniform') return `${rest.min_value} to ${rest.max_value}, uniform`;
  return `${String(type)} ${JSON.stringify(rest)}`;
}

export const sweep: Extra = {
  id: 'sweep',
  title: 'Hyperparameter sweep',
  summary: 'a sweep job over the real hyperparameters with early termination',
  unsupported: (spec) => {
    const fw = frameworkById(spec.framework);
    return fw.hyperparameters.length === 0 ? `${fw.title} declares no hyperparameters to sweep` : undefined;
  },
  // One local trial (sklearn, PyTorch: runnable offline) proves the command parses and the objective is logged.
  files: [{ path: 'tests/test_extra_sweep.py', when: (s) => frameworkById(s.framework).testsTrain }],
  generate: (spec, names, job) => [
    {
      path: 'jobs/sweep.yml',
      content: toYaml(
        sweepJob(spec, names, job),
        'Hyperparameter sweep. Submit with: az ml job create -f jobs/sweep.yml --stream\nGenerated by aml-scaffold; edit freely (aml-scaffold add keeps your changes).',
      ),
    },
  ],
  readme,
};
