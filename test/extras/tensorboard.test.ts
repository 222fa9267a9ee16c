import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TB_LOG_DIR } from '../../src/extras/tensorboard.js';
import { FRAMEWORKS } from '../../src/spec/ids.js';
import { parseSpec } from '../../src/spec/schema.js';
import { pin } from '../../src/versions.js';
import { text, tree } from '../helpers/tree.js';

const pipOf = (t: Map<string, string | Uint8Array>) =>
  (parse(text(t, 'environment/conda.yaml')).dependencies as unknown[]).flatMap((d) => (typeof d === 'object' && d && 'pip' in d ? (d.pip as string[]) : []));

describe('extra: tensorboard', () => {
  it.each(FRAMEWORKS)('%s: the job serves outputs/tblogs, the environment has tensorboard, train.py runs the module', (framework) => {
    const t = tree({ framework, extras: ['tensorboard'] });
    const job = parse(text(t, 'jobs/train.yml'));
    expect(job.services).toEqual({ tensorboard: { type: 'tensor_board', log_dir: 'outputs/tblogs' } });
    expect(pipOf(t)).toContain(pin('tensorboard'));
    expect(text(t, 'requirements-dev.txt')).toContain(pin('tensorboard')); // the CI runs the event-file test
    expect(text(t, 'src/extensions.py')).toMatch(/^import extra_tensorboard$/m);
    expect(text(t, 'src/extensions.py')).toMatch(/^EXTRAS: .*\[extra_tensorboard\]$/m);
    expect(t.has('tests/test_extra_tensorboard.py')).toBe(true);
    const readme = text(t, 'README.md');
    expect(readme).toContain('## TensorBoard');
    expect(readme).toContain('az ml job show-services');
  });

  it.each(FRAMEWORKS)('%s: train.py calls the hooks with ctx.framework and outputs_dir, which the module turns into the service log_dir', (framework) => {
    const t = tree({ framework, extras: ['tensorboard'] });
    const train = text(t, 'src/train.py');
    // Without these calls the module would never run: the extra would silently do nothing.
    expect(train).toContain('extensions.after_training(ctx)');
    if (framework !== 'sklearn') expect(train).toMatch(/extensions\.on_epoch_end\(ctx, /);
    expect(train).toContain(`framework="${framework}"`);
    expect(train).toMatch(/outputs_dir=Path\("outputs"\)/);
    const module = text(t, 'src/extra_tensorboard.py');
    const sub = /^LOG_SUBDIR = "([^"]+)"$/m.exec(module)?.[1];
    expect(`outputs/${sub}`).toBe(TB_LOG_DIR);
    // PyTorch uses torch's writer; the others must not need torch (it is not in their environment).
    expect(module).toContain('from torch.utils.tensorboard import SummaryWriter');
    expect(module).toContain('from tensorboard.summary import Writer');
  });

  it('is accepted for every framework (each train.py calls the hooks)', () => {
    for (const framework of FRAMEWORKS) expect(() => parseSpec({ name: 'demo', framework, extras: ['tensorboard'] })).not.toThrow();
  });

  it('keeps the TensorBoard service off the sweep (not part of the sweep schema) and says so', () => {
    const t = tree({ extras: ['tensorboard', 'sweep'] });
    expect(parse(text(t, 'jobs/train.yml')).services.tensorboard.type).toBe('tensor_board');
    const sweep = parse(text(t, 'jobs/sweep.yml'));
    expect(sweep.services).toBeUndefined();
    expect(sweep.trial.services).toBeUndefined();
    expect(text(t, 'README.md')).toContain('Sweeps have no TensorBoard service');
  });

  it('renders the generated test for the framework: per-epoch points, or final metrics for scikit-learn', () => {
    const sk = text(tree({ extras: ['tensorboard'] }), 'tests/test_extra_tensorboard.py');
    expect(sk).toContain('framework="sklearn"');
    expect(sk).not.toContain('on_epoch_end');
    const pt = text(tree({ framework: 'pytorch', extras: ['tensorboard'] }), 'tests/test_extra_tensorboard.py');
    expect(pt).toContain('framework="pytorch"');
    expect(pt).toContain('extra_tensorboard.on_epoch_end(ctx, epoch');
  });
});
