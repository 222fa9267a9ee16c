import { pin } from '../versions.js';
import { zerosRequest } from '../serving/tensor.js';
import { commonFiles, when } from './common.js';
import { mnistInput, tensorflowPin } from './tensorflow.js';
import type { Framework } from './types.js';

export const keras: Framework = {
  id: 'keras',
  title: 'Keras',
  summary: 'Keras 3 convolutional network on digit images, backend-agnostic, saved as .keras',
  defaultDevice: 'gpu',
  gpuCapable: true,
  tabular: false,
  learnsFrom: 'trains on images',
  linearModel: false,
  testsTrain: false,
  mlflowFlavor: 'keras',
  modelType: 'mlflow_model',
  objective: { metric: 'val_accuracy', goal: 'maximize' },
  // tf2onnx 1.17 takes any protobuf >= 3.20 and onnx >= 1.14: pin onnx, or pip picks whichever it likes.
  onnx: { exporter: '`tf2onnx`', packages: ['tf2onnx', 'onnx'], afterTraining: false },
  python: '3.11',
  // No curated image runs Keras 3 by default (the TF image sets TF_USE_LEGACY_KERAS=1), so pin our own.
  // pandas: mlflow.pyfunc and mlflow.models import it, and mlflow-skinny (the tracking client) does not bring it.
  pip: (s) => [pin('keras'), tensorflowPin(s), pin('numpy'), pin('pillow'), pin('pandas')],
  environmentVariables: () => ({ KERAS_BACKEND: 'tensorflow', TF_USE_LEGACY_KERAS: '0' }),
  dataInput: mnistInput,
  hyperparameters: [
    { flag: '--learning-rate', input: 'learning_rate', default: 0.001, search: { type: 'uniform', min_value: 0.0001, max_value: 0.01 } },
    { flag: '--epochs', input: 'epochs', default: 5, search: { type: 'choice', values: [3, 5, 8] } },
    { flag: '--batch-size', input: 'batch_size', default: 64, search: { type: 'choice', values: [32, 64, 128] } },
  ],
  // Single node: Keras 3 `model.fit` fails under MultiWorkerMirroredStrategy (keras-team/keras#20585, open;
  // reproduced with Keras 3.15 / TF 2.21: "Attempt to convert a value (PerReplica...)"), so --nodes > 1 is refused.
  distribution: null,
  unsupported: (s) =>
    s.nodes > 1
      ? 'Keras 3 cannot train on several nodes (model.fit fails under MultiWorkerMirroredStrategy, keras-team/keras#20585); use --nodes 1, or --framework tensorflow (tf.keras on Keras 2) for multi-node'
      : undefined,
  // One 28x28 grey image, [1, 28, 28, 1] float32 in 0-255: the shape of train.py's signature
  // (to_model_input of MNIST test images).
  get mlflowSampleRequest() {
    return zerosRequest([1, 28, 28, 1]);
  },
  // MNIST digits: data, payload checks, scoring, ONNX export and their tests are the same code.
  shared: ['digits'],
  files: [
    ...commonFiles,
    { path: 'src/payload.py' },
    { path: 'src/pyfunc_model.py' },
    { path: 'src/onnx_export.py', when: when.onnx },
    { path: 'tests/test_onnx_export.py', when: when.onnx },
    { path: 'tests/test_data.py' },
    { path: 'tests/test_payload.py' },
    { path: 'tests/test_artifacts.py' },
    { path: 'tests/test_keras.py' },
    { path: 'deploy/sample-batch/', when: when.sampleBatch },
  ],
};
