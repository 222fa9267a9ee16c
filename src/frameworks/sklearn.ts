import { sklearnStack } from '../versions.js';
import { commonFiles, when } from './common.js';
import type { Framework } from './types.js';

export const sklearn: Framework = {
  id: 'sklearn',
  title: 'scikit-learn',
  summary: 'iris flower classifier (scaler + logistic regression) on a CSV or the bundled iris data',
  defaultDevice: 'cpu',
  gpuCapable: false,
  tabular: true,
  learnsFrom: 'learns from tabular rows',
  linearModel: true,
  testsTrain: true,
  mlflowFlavor: 'sklearn',
  modelType: 'mlflow_model',
  objective: { metric: 'val_accuracy', goal: 'maximize' },
  onnx: { exporter: '`skl2onnx`', packages: ['onnx', 'skl2onnx'], afterTraining: true },
  python: '3.10',
  pip: (s) => sklearnStack(when.onnx(s)),
  dataInput: { type: 'uri_file', path: '../data/iris.csv' },
  hyperparameters: [
    { flag: '--C', input: 'C', default: 1.0, search: { type: 'loguniform', min_value: -4, max_value: 4 } },
    { flag: '--max-iter', input: 'max_iter', default: 200, search: { type: 'choice', values: [100, 200, 500] } },
  ],
  distribution: null,
  mlflowSampleRequest: { input_data: [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] },
  files: [
    ...commonFiles,
    { path: 'data/iris.csv' },
    { path: 'deploy/sample-batch/', when: when.sampleBatch },
    { path: 'tests/test_onnx.py', when: when.onnx },
  ],
};
