import type { Spec } from '../spec/schema.js';
import { pin } from '../versions.js';
import type { Extra } from './types.js';

/** Where train.py's hooks write the event files, relative to the job's working directory (the code folder). */
export const TB_LOG_DIR = 'outputs/tblogs';

function readme(spec: Spec): string {
  const what: Record<Spec['framework'], string> = {
    sklearn: 'After training, `train.py` writes the final metrics as TensorBoard scalars',
    pytorch: 'Every epoch, `train.py` writes its metrics with `torch.utils.tensorboard.SummaryWriter`',
    tensorflow: 'Every epoch, `train.py` writes its Keras metrics as TensorBoard scalars',
    keras: 'Every epoch, `train.py` writes its Keras metrics as TensorBoard scalars',
    rllib: 'Every training iteration, `train.py` writes the mean episode return as a TensorBoard scalar',
  };
  return [
    '## TensorBoard',
    '',
    `${what[spec.framework]} to \`${TB_LOG_DIR}\`. The training job has a TensorBoard service reading that folder while it runs:`,
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
  // Every framework's train.py calls on_epoch_end/after_training (checked by test/extras/tensorboard.test.ts).
  pip: () => [pin('tensorboard')],
  python: true,
  files: [{ path: 'src/extra_tensorboard.py' }, { path: 'tests/test_extra_tensorboard.py' }],
  job: () => ({ services: { tensorboard: { type: 'tensor_board', log_dir: TB_LOG_DIR } } }),
  readme,
};
