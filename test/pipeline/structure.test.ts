import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FRAMEWORKS } from '../../src/spec/ids.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { initProject } from '../helpers/project.js';
import { text, tree } from '../helpers/tree.js';

/**
 * --training pipeline, for every framework: the components, the pipeline that wires them, the data
 * and environment assets they pin, a workflow that submits the pipeline and registers nothing itself,
 * monitoring for managed online deployments and the retraining schedule. Then `validate --strict`
 * on the written project.
 */
type Tree = Map<string, string | Uint8Array>;
const yamlOf = (t: Tree, path: string) => parse(text(t, path)) as Record<string, any>;
const components = (t: Tree) => [...t.keys()].filter((p) => /^components\/[^/]+\.yml$/.test(p)).sort();

describe.each(FRAMEWORKS.map((f) => [f]))('%s pipeline project', (framework) => {
  const t = tree({ framework }) as Tree;

  it('has at least three command components with typed inputs and outputs, own code and environment', () => {
    const files = components(t);
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files).toEqual(expect.arrayContaining(['components/train.yml', 'components/evaluate.yml', 'components/register.yml']));
    for (const path of files) {
      const c = yamlOf(t, path);
      expect(c.$schema, path).toMatch(/commandComponent\.schema\.json$/);
      expect(c.type).toBe('command');
      expect(c.name).toMatch(/^[a-z_][a-z0-9_]*$/);
      expect(typeof c.version).toBe('string');
      expect(c.code).toBe('../src');
      expect(c.environment, path).toMatch(/^azureml:/);
      for (const [name, spec] of Object.entries({ ...c.inputs, ...c.outputs } as Record<string, any>)) {
        expect(typeof spec.type, `${path} ${name}`).toBe('string');
      }
      // Every placeholder in the command is declared, and the script exists in the code folder.
      for (const [, kind, name] of c.command.matchAll(/\$\{\{(inputs|outputs)\.(\w+)\}\}/g)) {
        expect(c[kind], `${path}: ${kind}.${name}`).toHaveProperty(name);
      }
      expect(t.has(`src/${c.command.split(' ')[1]}`), c.command).toBe(true);
    }
  });

  it('wires the components in jobs/pipeline.yml with a default compute, and keeps jobs/train.yml', () => {
    const p = yamlOf(t, 'jobs/pipeline.yml');
    expect(p.type).toBe('pipeline');
    expect(p.settings.default_compute).toMatch(/^azureml:/);
    const used = Object.values(p.jobs as Record<string, any>).map((j) => j.component.replace('../', ''));
    expect(used.sort()).toEqual(components(t));
    expect(Object.keys(p.jobs).slice(-2)).toEqual(['evaluate', 'register']);
    for (const [step, job] of Object.entries(p.jobs as Record<string, any>)) {
      const c = yamlOf(t, job.component.replace('../', ''));
      for (const name of Object.keys(job.inputs ?? {})) expect(c.inputs, `${step}.${name}`).toHaveProperty(name);
      for (const name of Object.keys(c.inputs)) {
        if (c.inputs[name].default === undefined) expect(job.inputs, `${step} leaves ${name} unbound`).toHaveProperty(name);
      }
    }
    expect(yamlOf(t, 'components/evaluate.yml').inputs.min_improvement.type).toBe('number');
    expect(yamlOf(t, 'jobs/train.yml').type).toBe('command');
  });

  it('pins the registered environment (and the data asset) by version', () => {
    const env = yamlOf(t, 'environment/environment.yml');
    for (const path of components(t).filter((x) => x !== 'components/train.yml')) {
      expect(yamlOf(t, path).environment).toBe(`azureml:${env.name}:${env.version}`);
    }
    const p = yamlOf(t, 'jobs/pipeline.yml');
    if (framework === 'rllib') {
      expect(t.has('data/training-data.yml')).toBe(false); // RLlib simulates its own data
      return;
    }
    const data = yamlOf(t, 'data/training-data.yml');
    expect(data.version).toBe('1');
    expect(p.inputs.training_data.path).toBe(`azureml:${data.name}:${data.version}`);
  });

  it('has a workflow that submits the pipeline, registers nothing itself, and deploys in environment production', () => {
    const raw = text(t, '.github/workflows/train-deploy.yml');
    const w = parse(raw) as { jobs: Record<string, any> };
    expect(raw).toContain('az ml job create -f jobs/pipeline.yml');
    expect(raw).not.toContain('jobs/train.yml');
    expect(raw).not.toMatch(/az ml model (create|register)/);
    expect(text(t, '.github/scripts/wait-pipeline.sh')).not.toMatch(/az ml model (create|register)/);
    expect(text(t, '.github/scripts/rollout.sh')).not.toMatch(/az ml model (create|register)/);
    expect(w.jobs.deploy.environment).toBe('production');
    expect(w.jobs.deploy.if).toContain("needs.train.outputs.promoted == 'true'");
    const rollout = w.jobs.deploy.steps.find((s: any) => s.id === 'rollout');
    expect(rollout.run).toBe('bash .github/scripts/rollout.sh online');
    expect(rollout.env.MODEL).toContain('needs.train.outputs.model_version');
  });

  it('has a cron retraining schedule created only on opt-in', () => {
    const s = yamlOf(t, 'schedules/retrain.yml');
    expect(s.trigger.type).toBe('cron');
    expect(s.trigger.expression.split(' ')).toHaveLength(5);
    expect(s.create_job).toBe('../jobs/pipeline.yml');
    const w = parse(text(t, '.github/workflows/train-deploy.yml')) as { jobs: Record<string, any> };
    const step = w.jobs.train.steps.find((x: any) => String(x.run).includes('schedules/retrain.yml'));
    expect(step.if).toContain("vars.RETRAIN_SCHEDULE == 'true'");
  });

  it('collects production data on the managed online deployment and monitors it', () => {
    const d = yamlOf(t, 'deploy/deployment.yml');
    expect(d.data_collector.collections).toEqual({ model_inputs: { enabled: 'True' }, model_outputs: { enabled: 'True' } });
    expect(d.code_configuration.scoring_script).toBe('score_monitored.py');
    const m = yamlOf(t, 'monitoring/monitor.yml');
    expect(m.$schema).toMatch(/monitorSchedule\.schema\.json$/);
    const signals = m.create_monitor.monitoring_signals;
    expect(signals.prediction_drift.type).toBe('prediction_drift');
    expect(m.create_monitor.monitoring_target.endpoint_deployment_id).toBe(`azureml:${d.endpoint_name}:${d.name}`);
    // Data drift needs tabular inputs: the scikit-learn model's, against the training data asset.
    expect(Object.keys(signals).includes('data_drift')).toBe(framework === 'sklearn');
    if (framework === 'sklearn') {
      expect(signals.data_drift.type).toBe('data_drift');
      const data = yamlOf(t, 'data/training-data.yml');
      expect(signals.data_drift.reference_data.input_data.path).toBe(`azureml:${data.name}:${data.version}`);
      expect(signals.data_drift.reference_data.data_context).toBe('training');
    }
  });
});

describe('pipeline projects by target', () => {
  it('batch: rollout through the batch path, no data collector, no monitor', () => {
    const t = tree({ framework: 'pytorch', target: 'batch' }) as Tree;
    const w = parse(text(t, '.github/workflows/train-deploy.yml')) as { jobs: Record<string, any> };
    expect(w.jobs.deploy.steps.find((s: any) => s.id === 'rollout').run).toBe('bash .github/scripts/rollout.sh batch');
    expect(t.has('monitoring/monitor.yml')).toBe(false);
    expect(yamlOf(t, 'deploy/deployment.yml')).not.toHaveProperty('data_collector');
  });

  it('kubernetes: the data collector and the monitor too (Azure ML collects on Kubernetes online deployments)', () => {
    for (const fields of [{ target: 'kubernetes' }, { framework: 'pytorch', target: 'kubernetes' }]) {
      const t = tree(fields) as Tree;
      expect(yamlOf(t, 'deploy/deployment.yml').data_collector).toEqual({ collections: { model_inputs: { enabled: 'True' }, model_outputs: { enabled: 'True' } } });
      expect(yamlOf(t, 'deploy/deployment.yml').code_configuration.scoring_script).toBe('score_monitored.py');
      expect(t.has('monitoring/monitor.yml')).toBe(true);
      expect(t.has('src/score_monitored.py')).toBe(true);
    }
  });

  it('mlflow: data collector without a wrapper script (the no-code server collects)', () => {
    const t = tree({ serving: 'mlflow' }) as Tree;
    expect(yamlOf(t, 'deploy/deployment.yml').data_collector).toBeDefined();
    expect(t.has('monitoring/monitor.yml')).toBe(true);
    expect(t.has('src/score_monitored.py')).toBe(false);
  });

  it('none: no deploy job, no rollout script, the pipeline still registers', () => {
    const t = tree({ target: 'none' }) as Tree;
    const w = parse(text(t, '.github/workflows/train-deploy.yml')) as { jobs: Record<string, any> };
    expect(Object.keys(w.jobs)).toEqual(['train']);
    expect(t.has('.github/scripts/rollout.sh')).toBe(false);
    expect(t.has('components/register.yml')).toBe(true);
  });

  it('--training job keeps the single command job and its workflow, with no pipeline files', () => {
    const t = tree({ training: 'job' }) as Tree;
    const paths = [...t.keys()];
    expect(paths.filter((p) => /^(components|schedules|monitoring)\//.test(p) || p === 'jobs/pipeline.yml')).toEqual([]);
    expect(text(t, '.github/workflows/train-deploy.yml')).toContain('az ml job create -f jobs/train.yml');
    expect(yamlOf(t, 'deploy/deployment.yml')).not.toHaveProperty('data_collector');
  });
});

describe('validate --strict on written pipeline projects', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(() => tmp.cleanup());

  const cases: Array<[string, string[]]> = [
    ...FRAMEWORKS.map((f): [string, string[]] => [f, ['--framework', f]]),
    ['batch', ['--framework', 'sklearn', '--target', 'batch']],
    ['kubernetes', ['--framework', 'pytorch', '--target', 'kubernetes']],
    ['mlflow', ['--framework', 'keras', '--serving', 'mlflow']],
    ['serverless', ['--framework', 'sklearn', '--compute', 'serverless', '--extras', 'privacy,sweep']],
  ];
  it.each(cases)('%s passes with no problem at all', async (label, args) => {
    const parent = join(tmp.path, label);
    await mkdir(parent);
    const dir = await initProject(parent, 'proj', args);
    const r = await runCli(['validate', dir, '--strict', '--json']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { valid: boolean; files: Array<{ path: string; kind: string; errors: unknown[] }> };
    expect(report.valid).toBe(true);
    expect(report.files.flatMap((f) => f.errors)).toEqual([]);
    // The pipeline job is checked (its components are skipped until validate models them).
    expect(report.files.find((f) => f.path.endsWith('jobs/pipeline.yml'))?.kind).toBe('pipelineJob');
  });
});
