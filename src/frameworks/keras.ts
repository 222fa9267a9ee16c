import { pin } from '../versions.js';
import { zerosRequest } from '../serving/tensor.js';
import { commonFiles, when } from './common.js';
import { mnistInput, tfDistribution } from './tensorflow.js';
import type { Framework } from './types.js';

export const keras: Framework = {
  id: 'keras',
  title: 'Keras',
  summary: 'Keras 3 convolutional network on digit images, saved as .keras, multi-node on the TensorFlow backend',
  defaultDevice: 'gpu',
  gpuCapable: true,
  tabular: false,
  mlflowFlavor: 'keras',
  modelType: 'mlflow_model',
  objective: { metric: 'val_accuracy', goal: 'maximize' },
  onnx: true,
  python: '3.11',
  // No curated image runs Keras 3 by default (the TF image sets TF_USE_LEGACY_KERAS=1), so pin our own.
  pip: () => [pin('keras'), pin('tensorflow'), pin('numpy'), pin('pillow')],
  environmentVariables: () => ({ KERAS_BACKEND: 'tensorflow', TF_USE_LEGACY_KERAS: '0' }),
  dataInput: mnistInput,
  hyperparameters: [
    { flag: '--learning-rate', input: 'learning_rate', default: 0.001, search: { type: 'uniform', min_value: 0.0001, max_value: 0.01 } },
    { flag: '--epochs', input: 'epochs', default: 5, search: { type: 'choice', values: [3, 5, 8] } },
    { flag: '--batch-size', input: 'batch_size', default: 64, search: { type: 'choice', values: [32, 64, 128] } },
  ],
  distribution: tfDistribution,
  // One 28x28 grey image, [1, 28, 28, 1] float32 in 0-255: the shape of train.py's signature
  // (to_model_input of MNIST test images).
  get mlflowSampleRequest() {
    return zerosRequest([1, 28, 28, 1]);
  },
  files: [
    ...commonFiles,
    { path: 'src/distributed.py' },
    { path: 'src/payload.py' },
    { path: 'src/pyfunc_model.py' },
    { path: 'src/onnx_export.py', when: when.onnx },
    { path: 'tests/test_onnx_export.py', when: when.onnx },
    { path: 'tests/test_data.py' },
    { path: 'tests/test_distributed.py' },
    { path: 'tests/test_payload.py' },
    { path: 'tests/test_artifacts.py' },
    { path: 'tests/test_keras.py' },
    { path: 'deploy/sample-batch/', when: when.sampleBatch },
  ],
};
