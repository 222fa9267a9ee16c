import type { Spec } from '../spec/schema.js';
import type { FileRule } from './types.js';

/** The file layout every framework shares (docs/python-contract.md). */
const online = (s: Spec) => s.target === 'online' || s.target === 'kubernetes';
const scriptServing = (s: Spec) => s.serving === 'script';

export const when = {
  // Training-only projects (--target none) have no scoring code; `add target` brings it.
  scoreScript: (s: Spec) => scriptServing(s) && online(s),
  batchScript: (s: Spec) => scriptServing(s) && s.target === 'batch',
  sampleRequest: (s: Spec) => online(s) && s.serving === 'script',
  sampleBatch: (s: Spec) => s.target === 'batch',
  onnx: (s: Spec) => s.serving === 'triton' || s.extras.includes('onnx'),
};

export const commonFiles: FileRule[] = [
  { path: 'src/data.py' },
  { path: 'src/model.py' },
  { path: 'src/train.py' },
  { path: 'src/score.py', when: when.scoreScript },
  { path: 'src/batch_score.py', when: when.batchScript },
  { path: 'deploy/sample-request.json', when: when.sampleRequest },
  { path: 'tests/conftest.py' },
  { path: 'tests/test_model.py' },
  { path: 'tests/test_score.py', when: when.scoreScript },
  { path: 'tests/test_batch_score.py', when: when.batchScript },
  { path: 'tests/test_train_cli.py' },
];
