import { curated, pin, pip } from '../versions.js';
import { zerosRequest } from '../serving/tensor.js';
import { commonFiles, when } from './common.js';
import type { Framework } from './types.js';

/** MNIST as IDX files in the public Azure ML examples storage; Azure ML mounts the folder as the input. */
export const mnistInput = {
  type: 'uri_folder',
  path: 'https://azuremlexamples.blob.core.windows.net/datasets/mnist/',
} as const;

/**
 * TensorFlow for the conda environment. On GPU the `and-cuda` extra brings the CUDA 12 libraries as
 * wheels: the GPU base image has CUDA 11.8, which TF 2.16 cannot use (it would silently train on CPU).
 */
export const tensorflowPin = (s: { device: string }) =>
  s.device === 'gpu' ? `tensorflow[and-cuda]==${pip.tensorflow}` : pin('tensorflow');

const tfDistribution = (s: { nodes: number }) =>
  s.nodes > 1 ? { type: 'tensorflow', worker_count: s.nodes } : undefined;

export const tensorflow: Framework = {
  id: 'tensorflow',
  title: 'TensorFlow',
  summary: 'handwritten digits (MNIST) with tf.keras and tf.data, multi-node with MultiWorkerMirroredStrategy',
  defaultDevice: 'gpu',
  gpuCapable: true,
  tabular: false,
  learnsFrom: 'trains on images',
  linearModel: false,
  testsTrain: false,
  mlflowFlavor: 'tensorflow',
  modelType: 'mlflow_model',
  objective: { metric: 'val_accuracy', goal: 'maximize' },
  // tf2onnx 1.17 takes any protobuf >= 3.20 and onnx >= 1.14: pin onnx, or pip picks whichever it likes.
  onnx: { exporter: '`tf2onnx`', packages: ['tf2onnx', 'onnx'], afterTraining: false },
  python: '3.11',
  curatedGpu: curated.tensorflowGpu,
  curatedProvides: ['tensorboard'],
  // pandas: mlflow.tensorflow and mlflow.models import it, and mlflow-skinny (the tracking client) does not bring it.
  pip: (s) => [tensorflowPin(s), pin('tf-keras'), pin('numpy'), pin('pillow'), pin('pandas')],
  // The curated TF 2.16 image sets TF_USE_LEGACY_KERAS=1: tf.keras is Keras 2 there, as the code expects.
  environmentVariables: () => ({ TF_USE_LEGACY_KERAS: '1' }),
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
  // MNIST digits: data, payload checks, scoring, ONNX export and their tests are the same code.
  shared: ['digits'],
  files: [
    ...commonFiles,
    { path: 'src/distributed.py' },
    { path: 'src/payload.py' },
    { path: 'src/onnx_export.py', when: when.onnx },
    { path: 'tests/test_onnx_export.py', when: when.onnx },
    { path: 'tests/test_data.py' },
    { path: 'tests/test_distributed.py' },
    { path: 'tests/test_payload.py' },
    { path: 'tests/test_artifacts.py' },
    { path: 'tests/test_tensorflow.py' },
    { path: 'deploy/sample-batch/', when: when.sampleBatch },
  ],
};

export { tfDistribution };
