import { pin } from '../versions.js';
import { commonFiles, when } from './common.js';
import type { Framework } from './types.js';

export const rllib: Framework = {
  id: 'rllib',
  title: 'Ray RLlib',
  summary: 'PPO on gymnasium CartPole-v1 with the current RLlib API, multi-node Ray over MPI',
  defaultDevice: 'cpu',
  gpuCapable: false,
  tabular: false,
  learnsFrom: 'learns from environment episodes',
  linearModel: false,
  testsTrain: false,
  mlflowFlavor: null,
  // MLflow has no RLlib flavor: the output is the checkpoint folder, registered as a custom model.
  modelType: 'custom_model',
  objective: { metric: 'episode_return_mean', goal: 'maximize' },
  onnx: null, // RLlib exports ONNX only on its old API stack
  python: '3.11',
  pip: () => [pin('ray[rllib]'), pin('torch'), pin('gymnasium'), pin('numpy')],
  hyperparameters: [
    { flag: '--learning-rate', input: 'learning_rate', default: 0.0003, search: { type: 'loguniform', min_value: -10, max_value: -6 } },
    { flag: '--iterations', input: 'iterations', default: 10, search: { type: 'choice', values: [10, 20] } },
    { flag: '--train-batch-size', input: 'train_batch_size', default: 4000, search: { type: 'choice', values: [2000, 4000] } },
  ],
  // Two sampling actors per node (4 vCPUs by default: two for the actors, the rest for the driver and
  // learner on the head), so more nodes sample more episodes instead of idling.
  extraArgs: (s) => [`--num-env-runners ${2 * s.nodes}`],
  // Ray across nodes: Azure ML's MPI launcher starts one process per node; rank 0 runs the Ray head and
  // the others join it (src/cluster.py). The native `type: ray` distribution is still experimental.
  distribution: (s) => (s.nodes > 1 ? { type: 'mpi', process_count_per_instance: 1 } : undefined),
  shmSize: '16g',
  files: [
    ...commonFiles,
    { path: 'src/cluster.py' },
    { path: 'src/payload.py' },
    { path: 'tests/test_cluster.py' },
    { path: 'tests/test_payload.py' },
    { path: 'tests/test_model_helpers.py' },
    { path: 'tests/test_rllib.py' },
    { path: 'deploy/sample-batch/', when: when.sampleBatch },
  ],
};
