/**
 * Job and environment facts of every framework (issue 6), read from the generated files in memory:
 * `generate()` → jobs/train.yml and environment/conda.yaml parsed with the YAML library.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generate } from '../../src/generate.js';
import { parseSpec, SpecError } from '../../src/spec/schema.js';
import { curated, images, pip } from '../../src/versions.js';

type Job = {
  command: string;
  environment: string | { image: string; conda_file: string };
  environment_variables?: Record<string, string>;
  distribution?: Record<string, unknown>;
  resources: { instance_count: number; shm_size?: string };
  outputs: Record<string, { type: string }>;
};

function project(fields: Record<string, unknown>) {
  const tree = generate(parseSpec({ name: 'demo', ...fields }), '2026-01-01T00:00:00.000Z');
  const text = (path: string) => {
    const content = tree.get(path);
    if (content === undefined) throw new Error(`${path} was not generated`);
    return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  };
  const read = (path: string) => parse(text(path)) as unknown;
  const conda = read('environment/conda.yaml') as { dependencies: Array<string | { pip: string[] }> };
  const pipList = conda.dependencies.find((d): d is { pip: string[] } => typeof d === 'object')?.pip ?? [];
  return { job: read('jobs/train.yml') as Job, pip: pipList, text };
}

/** Size strings as Azure ML takes them (`16g`, `512m`) → gigabytes. */
const gigabytes = (size: string) => {
  const m = /^(\d+)([gm])$/i.exec(size);
  if (!m) throw new Error(`not a size: ${size}`);
  return Number(m[1]) / (m[2].toLowerCase() === 'g' ? 1 : 1024);
};

const rejection = (fields: Record<string, unknown>) => {
  try {
    parseSpec({ name: 'demo', ...fields });
  } catch (e) {
    if (e instanceof SpecError) return e.message;
    throw e;
  }
  return undefined;
};

describe('--nodes 2: each framework gets the distribution Azure ML launches it with', () => {
  it('pytorch: one process per GPU on each of 2 nodes (distribution type pytorch)', () => {
    const { job } = project({ framework: 'pytorch', nodes: 2, instanceType: 'Standard_NC12s_v3', compute: 'serverless' });
    expect(job.distribution).toEqual({ type: 'pytorch', process_count_per_instance: 2 });
    expect(job.resources.instance_count).toBe(2);
  });

  it('tensorflow: MultiWorkerMirroredStrategy workers, one per node (distribution type tensorflow)', () => {
    const { job } = project({ framework: 'tensorflow', nodes: 2 });
    expect(job.distribution).toEqual({ type: 'tensorflow', worker_count: 2 });
    expect(job.resources.instance_count).toBe(2);
    // tf.keras must be Keras 2 for MultiWorkerMirroredStrategy (keras-team/keras#20585).
    expect(job.environment_variables).toMatchObject({ TF_USE_LEGACY_KERAS: '1' });
  });

  it('keras: refused with the upstream reason, since Keras 3 cannot train under MultiWorkerMirroredStrategy', () => {
    const why = rejection({ framework: 'keras', nodes: 2 });
    expect(why).toMatch(/Keras 3 cannot train on several nodes/);
    expect(why).toMatch(/keras-team\/keras#20585/);
    expect(why).toMatch(/--framework tensorflow/);
    expect(rejection({ framework: 'keras', nodes: 1 })).toBeUndefined();
  });

  it('rllib: MPI with one process per node (Ray head on rank 0) and a large shared memory for the object store', () => {
    const { job } = project({ framework: 'rllib', nodes: 2 });
    expect(job.distribution).toEqual({ type: 'mpi', process_count_per_instance: 1 });
    expect(job.resources.instance_count).toBe(2);
    expect(gigabytes(job.resources.shm_size ?? '0g')).toBeGreaterThanOrEqual(8);
  });

  it('sklearn: refused with a reason (it trains on one node)', () => {
    expect(rejection({ framework: 'sklearn', nodes: 2 })).toMatch(/single node; --nodes must be 1/);
  });

  it.each([
    ['pytorch', 3],
    ['tensorflow', 3],
    ['rllib', 4],
    ['tensorflow', 1],
    ['keras', 1],
    ['rllib', 1],
  ] as const)('%s with --nodes %i: instance_count matches, and one node has no distribution block', (framework, nodes) => {
    const { job } = project({ framework, nodes, device: 'cpu' });
    expect(job.resources.instance_count).toBe(nodes);
    if (nodes === 1) expect(job.distribution).toBeUndefined();
    else expect(job.distribution).toBeDefined();
  });
});

describe('environments', () => {
  it.each([
    ['by default', {}],
    ['with extras the curated image already has (tensorboard)', { extras: ['tensorboard'] }],
  ])('tensorflow trains on the curated tensorflow-2.16-cuda12 environment %s', (_why, fields) => {
    const { job } = project({ framework: 'tensorflow', ...fields });
    expect(job.environment).toBe(curated.tensorflowGpu);
    expect(curated.tensorflowGpu).toContain('/environments/tensorflow-2.16-cuda12/');
  });

  it('tensorflow trains on our conda environment on the GPU image when it needs a package the curated one lacks (tf2onnx for Triton)', () => {
    const { job, pip: reqs } = project({ framework: 'tensorflow', serving: 'triton' });
    expect(job.environment).toEqual({ image: images.gpu, conda_file: '../environment/conda.yaml' });
    expect(reqs.some((r) => r.startsWith('tf2onnx=='))).toBe(true);
    // pip's TensorFlow brings its CUDA 12 libraries (the GPU base image has CUDA 11.8), and tf.keras is Keras 2.
    expect(reqs).toContain(`tensorflow[and-cuda]==${pip.tensorflow}`);
    expect(reqs).toContain(`tf-keras==${pip['tf-keras']}`);
  });

  it('tensorflow on CPU installs plain tensorflow, and CI never installs the CUDA wheels', () => {
    expect(project({ framework: 'tensorflow', device: 'cpu' }).pip).toContain(`tensorflow==${pip.tensorflow}`);
    const dev = project({ framework: 'keras' }).text('requirements-dev.txt');
    expect(dev).toContain(`tensorflow==${pip.tensorflow}`);
    expect(dev).not.toContain('and-cuda');
  });

  it('keras trains on a pinned conda environment with Keras 3, and the job makes tf.keras agree', () => {
    const { job, pip: reqs } = project({ framework: 'keras' });
    expect(job.environment).toEqual({ image: images.gpu, conda_file: '../environment/conda.yaml' });
    expect(reqs).toContain(`keras==${pip.keras}`);
    expect(pip.keras.split('.')[0]).toBe('3');
    expect(reqs).toContain(`tensorflow[and-cuda]==${pip.tensorflow}`);
    expect(job.environment_variables).toEqual({ KERAS_BACKEND: 'tensorflow', TF_USE_LEGACY_KERAS: '0' });
  });

  it('rllib trains on our conda environment on the openmpi ubuntu22.04 image with pinned ray[rllib], torch and gymnasium', () => {
    const { job, pip: reqs } = project({ framework: 'rllib' });
    expect(job.environment).toEqual({ image: images.cpu, conda_file: '../environment/conda.yaml' });
    expect(images.cpu).toContain('openmpi4.1.0-ubuntu22.04');
    for (const name of ['ray[rllib]', 'torch', 'gymnasium'] as const) expect(reqs).toContain(`${name}==${pip[name]}`);
  });
});

describe('model outputs', () => {
  it('rllib registers its checkpoint folder as a custom model; the others an MLflow model', () => {
    expect(project({ framework: 'rllib' }).job.outputs.model).toEqual({ type: 'custom_model' });
    for (const framework of ['sklearn', 'pytorch', 'tensorflow', 'keras']) {
      expect(project({ framework }).job.outputs.model, framework).toEqual({ type: 'mlflow_model' });
    }
  });

  it('triton adds a custom_model output for the ONNX repository (tensorflow, keras)', () => {
    for (const framework of ['tensorflow', 'keras']) {
      const { job } = project({ framework, serving: 'triton' });
      expect(job.outputs.triton_model).toEqual({ type: 'custom_model' });
      expect(job.command).toMatch(/--onnx-output \$\{\{outputs\.triton_model\}\}/);
    }
  });
});
