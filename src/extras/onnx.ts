import { frameworkById } from '../frameworks/index.js';
import type { Spec } from '../spec/schema.js';
import { pin } from '../versions.js';
import type { Extra } from './types.js';

/** Where the export lands (a Triton model repository), relative to the job's working directory. */
export const ONNX_DIR = 'outputs/onnx';

/**
 * Frameworks whose model.py has `export_onnx(model, <input size>, repo_dir, name)`, which
 * src/extra_onnx.py calls after training (`onnx.afterTraining`).
 */
function unsupported(spec: Spec): string | undefined {
  const fw = frameworkById(spec.framework);
  if (!fw.onnx) return `${fw.title} has no maintained ONNX exporter (RLlib exports ONNX only on its old API stack)`;
  if (!fw.onnx.afterTraining) {
    return `the ONNX export after training is implemented for scikit-learn and PyTorch only; ${fw.title} exports ONNX (${fw.onnx.exporter.replace(/`/g, '')}) with --serving triton`;
  }
  return undefined;
}

function readme(spec: Spec): string {
  const exporter = frameworkById(spec.framework).onnx?.exporter;
  return [
    '## ONNX export',
    '',
    `After training, \`train.py\` exports the model with ${exporter} to \`${ONNX_DIR}/model/1/model.onnx\``,
    '(a Triton model repository, with `config.pbtxt`), checks it with `onnx.checker` and logs it to the MLflow run',
    "as the artifact `onnx/model.onnx`. Files under `outputs/` are also kept with the job's artifacts:",
    '',
    '```bash',
    'az ml job download --name <job-name> --all -g "$RG" -w "$WS"   # artifacts/outputs/onnx/...',
    '```',
    '',
    '`tests/test_extra_onnx.py` checks the export offline and, where `onnxruntime` is installed, that it predicts',
    'what the trained model predicts.',
  ].join('\n');
}

export const onnx: Extra = {
  id: 'onnx',
  title: 'ONNX export',
  summary: 'export the trained model to ONNX and check it',
  unsupported,
  pip: (spec) => [...(frameworkById(spec.framework).onnx?.packages ?? []).map(pin), pin('onnxruntime')],
  python: true,
  files: [{ path: 'src/extra_onnx.py' }, { path: 'tests/test_extra_onnx.py' }],
  readme,
};
