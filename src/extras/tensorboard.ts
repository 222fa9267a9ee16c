import { frameworkById } from '../frameworks/index.js';
import type { Spec } from '../spec/schema.js';
import { pin } from '../versions.js';
import type { Extra } from './types.js';

/** Where train.py's hooks write the event files, relative to the job's working directory (the code folder). */
export const TB_LOG_DIR = 'outputs/tblogs';

/**
 * Frameworks whose train.py calls src/extensions.py (`on_epoch_end`, `after_training`). The others would
 * generate a module that never runs, so they are refused until their train.py calls the hooks.
 */
const HOOKED: ReadonlySet<Spec['framework']> = new Set(['sklearn', 'pytorch']);

function readme(spec: Spec): string {
  const what =
    spec.framework === 'pytorch'
      ? 'Every epoch, `train.py` writes its metrics with `torch.utils.tensorboard.SummaryWriter`'
      : 'After training, `train.py` writes the final metrics as TensorBoard scalars';
  return [
    '## TensorBoard',
    '',
    `${what} to \`${TB_LOG_DIR}\`. The training job has a TensorBoard service reading that folder while it runs:`,
    '',
    '```bash',
    'JOB=$(az ml job create -f jobs/train.yml --query name -o tsv -g "$RG" -w "$WS")',
    'az ml job show-services --name "$JOB" --node-index 0 -g "$RG" -w "$WS"   # prints the TensorBoard URL',
    '```',
    '',
    'Or open the job in studio, then **Debug and monitor** → TensorBoard. The service ends with the job; afterwards,',
    `download the logs and run TensorBoard locally: \`az ml job download --name "$JOB" --all\`, then`,
    `\`tensorboard --logdir artifacts/${TB_LOG_DIR}\`.`,
  ].join('\n');
}

export const tensorboard: Extra = {
  id: 'tensorboard',
  title: 'TensorBoard',
  summary: 'training curves in TensorBoard, served from the running job',
  unsupported: (spec) =>
    HOOKED.has(spec.framework)
      ? undefined
      : `${frameworkById(spec.framework).title}'s train.py does not call the extension hooks (src/extensions.py) yet, so nothing would write TensorBoard logs; use --framework sklearn or pytorch`,
  pip: () => [pin('tensorboard')],
  python: true,
  files: [{ path: 'src/extra_tensorboard.py' }, { path: 'tests/test_extra_tensorboard.py' }],
  job: () => ({ services: { tensorboard: { type: 'tensor_board', log_dir: TB_LOG_DIR } } }),
  readme,
};
