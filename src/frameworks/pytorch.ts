import { curated, pin } from '../versions.js';
import { zerosRequest } from '../serving/tensor.js';
import { commonFiles, when } from './common.js';
import type { Framework } from './types.js';

export const pytorch: Framework = {
  id: 'pytorch',
  title: 'PyTorch',
  summary: 'transfer learning of a ResNet-18 image classifier, multi-GPU and multi-node with DDP',
  defaultDevice: 'gpu',
  gpuCapable: true,
  tabular: false,
  learnsFrom: 'trains on images',
  linearModel: false,
  testsTrain: true,
  mlflowFlavor: 'pytorch',
  modelType: 'mlflow_model',
  objective: { metric: 'val_accuracy', goal: 'maximize' },
  // torch.onnx.export ships with torch; onnx lets the job check the graph.
  onnx: { exporter: '`torch.onnx.export` (dynamic batch axis)', packages: ['onnx'], afterTraining: true },
  python: '3.10',
  curatedGpu: curated.pytorchGpu,
  curatedProvides: ['tensorboard', 'onnxruntime'],
  pip: () => [pin('torch'), pin('torchvision'), pin('pillow'), pin('numpy')],
  // The chickens-and-turkeys set the official transfer-learning samples use; Azure ML mounts it as the input.
  dataInput: { type: 'uri_file', path: 'https://azuremlexamples.blob.core.windows.net/datasets/fowl_data.zip' },
  hyperparameters: [
    { flag: '--learning-rate', input: 'learning_rate', default: 0.001, search: { type: 'uniform', min_value: 0.0005, max_value: 0.01 } },
    { flag: '--momentum', input: 'momentum', default: 0.9, search: { type: 'uniform', min_value: 0.8, max_value: 0.99 } },
    { flag: '--epochs', input: 'epochs', default: 5, search: { type: 'choice', values: [3, 5, 8] } },
    { flag: '--batch-size', input: 'batch_size', default: 32, search: { type: 'choice', values: [16, 32, 64] } },
  ],
  extraArgs: (s) => (s.device === 'cpu' ? ['--num-workers 2'] : []),
  distribution: (s) =>
    s.nodes > 1 || s.processesPerNode > 1
      ? { type: 'pytorch', process_count_per_instance: s.processesPerNode }
      : undefined,
  shmSize: '16g',
  // One zero image, [1, 3, 224, 224] float32: train.py's signature comes from a real image at the
  // default --image-size 224, which the job keeps, so the request cannot be smaller (about 300 kB).
  get mlflowSampleRequest() {
    return zerosRequest([1, 3, 224, 224]);
  },
  files: [
    ...commonFiles,
    { path: 'src/distributed.py' },
    { path: 'tests/test_distributed.py' },
    { path: 'tests/test_data.py' },
    { path: 'tests/test_train_args.py' },
    { path: 'tests/test_onnx.py', when: when.onnx },
    { path: 'deploy/sample-batch/', when: when.sampleBatch },
  ],
};
