import { describe, expect, it } from 'vitest';
import { outputPath, planProject } from '../../src/plan/plan.js';
import { parseSpec } from '../../src/spec/schema.js';
import { loadTemplates } from '../../src/templates/store.js';

const plan = (fields: Record<string, unknown> = {}) => planProject(parseSpec({ name: 'demo', ...fields }), loadTemplates());
const paths = (fields: Record<string, unknown> = {}) => plan(fields).files.map((f) => f.path);

describe('plan', () => {
  it('lists exactly the files of the default scikit-learn project (a training pipeline)', () => {
    expect(paths()).toEqual([
      '.github/scripts/rollout.sh',
      '.github/scripts/wait-pipeline.sh',
      '.github/workflows/ci.yml',
      '.github/workflows/train-deploy.yml',
      '.gitignore',
      'README.md',
      'components/evaluate.yml',
      'components/prep.yml',
      'components/register.yml',
      'components/train.yml',
      'data/iris.csv',
      'data/training-data.yml',
      'deploy/deployment.yml',
      'deploy/endpoint.yml',
      'deploy/sample-request.json',
      'environment/conda.yaml',
      'environment/environment.yml',
      'jobs/pipeline.yml',
      'jobs/train.yml',
      'monitoring/monitor.yml',
      'pyproject.toml',
      'requirements-dev.txt',
      'schedules/retrain.yml',
      'src/.amlignore',
      'src/data.py',
      'src/evaluate.py',
      'src/extensions.py',
      'src/model.py',
      'src/prep.py',
      'src/register.py',
      'src/registry.py',
      'src/score.py',
      'src/score_monitored.py',
      'src/train.py',
      'src/train_step.py',
      'tests/conftest.py',
      'tests/fake_mlflow.py',
      'tests/pipeline_case.py',
      'tests/test_model.py',
      'tests/test_pipeline_local.py',
      'tests/test_score.py',
      'tests/test_score_monitored.py',
      'tests/test_train_cli.py',
    ]);
  });

  it('lists exactly the files of the --training job project (one command job)', () => {
    expect(paths({ training: 'job' })).toEqual([
      '.github/scripts/wait-for-job.sh',
      '.github/workflows/ci.yml',
      '.github/workflows/train-deploy.yml',
      '.gitignore',
      'README.md',
      'data/iris.csv',
      'deploy/deployment.yml',
      'deploy/endpoint.yml',
      'deploy/sample-request.json',
      'environment/conda.yaml',
      'environment/environment.yml',
      'jobs/train.yml',
      'pyproject.toml',
      'requirements-dev.txt',
      'src/.amlignore',
      'src/data.py',
      'src/extensions.py',
      'src/model.py',
      'src/score.py',
      'src/train.py',
      'tests/conftest.py',
      'tests/fake_mlflow.py',
      'tests/test_model.py',
      'tests/test_score.py',
      'tests/test_train_cli.py',
    ]);
  });

  it('drops the deployment for --target none and the workflows for --ci none', () => {
    const p = paths({ target: 'none', ci: 'none' });
    expect(p.filter((x) => x.startsWith('deploy/') || x.startsWith('.github/'))).toEqual([]);
    expect(p).not.toContain('src/score.py');
  });

  it('swaps the online scoring script for the batch one with --target batch', () => {
    const p = paths({ target: 'batch' });
    expect(p).toContain('src/batch_score.py');
    expect(p).toContain('tests/test_batch_score.py');
    expect(p).not.toContain('src/score.py');
    expect(p.filter((x) => x.startsWith('deploy/sample-batch/')).length).toBeGreaterThan(0);
    expect(p).not.toContain('deploy/sample-request.json');
  });

  it('has no scoring code for MLflow no-code serving, but an input_data sample request', () => {
    const files = plan({ serving: 'mlflow' }).files;
    expect(files.map((f) => f.path)).not.toContain('src/score.py');
    const sample = files.find((f) => f.path === 'deploy/sample-request.json');
    expect(JSON.parse(sample?.content ?? '{}')).toHaveProperty('input_data');
  });

  it('records where each file comes from', () => {
    const origins = new Map(plan().files.map((f) => [f.path, f.origin]));
    expect(origins.get('src/train.py')).toBe('sklearn');
    expect(origins.get('README.md')).toBe('base');
    expect(origins.get('deploy/endpoint.yml')).toBe('online');
  });

  it('maps template keys to output paths', () => {
    expect(outputPath('_gitignore')).toBe('.gitignore');
    expect(outputPath('src/train.py.hbs')).toBe('src/train.py');
    expect(outputPath('a/_gitignore')).toBe('a/.gitignore');
  });
});
