import { frameworkById } from '../frameworks/index.js';
import type { Spec } from '../spec/schema.js';
import type { DerivedNames } from '../plan/names.js';
import { baseImage, scoringCondaPath } from '../plan/environment.js';
import { schemaUrl } from '../plan/yaml.js';

/** The model a deployment serves: the one the workflow registers from the training job's output. */
export function modelRef(spec: Spec, names: DerivedNames): string {
  return spec.serving === 'triton' ? `azureml:${names.model}-triton@latest` : `azureml:${names.model}@latest`;
}

/** score.py, or its wrapper: the encryption extra's, or data collection's (--training pipeline, online targets). */
function scoringScript(spec: Spec, script: string): string {
  if (script !== 'score.py') return script;
  if (spec.extras.includes('encryption')) return 'score_encrypted.py';
  return collectsData(spec) ? 'score_monitored.py' : script;
}

/** Scoring code and environment, only for script serving (MLflow and Triton are no-code). */
export function scoringParts(spec: Spec, script: string): Record<string, unknown> {
  if (spec.serving !== 'script') return {};
  return {
    // The encryption extra's script answers ciphertext requests and hands plaintext ones to score.py.
    code_configuration: { code: '../src', scoring_script: scoringScript(spec, script) },
    environment: { image: baseImage({ ...spec, device: 'cpu' }), conda_file: `../${scoringCondaPath(spec)}` },
  };
}

/**
 * Requests Azure ML lets through to one instance at a time. Triton's dynamic batcher can only merge
 * requests that are in flight together: at 1, every batch has one request and the GPU idles between
 * them. 16 keeps a T4 fed with batches (the PyTorch export allows 64 per batch) while bounding the queue
 * each request can wait in within request_timeout_ms. Scoring scripts answer one request per worker, so 1.
 */
export function maxConcurrentRequests(spec: Spec): number {
  return spec.serving === 'triton' ? 16 : 1;
}

/**
 * Production data for model monitoring (monitoring/monitor.yml), with --training pipeline, on managed
 * and Kubernetes online deployments (learn.microsoft.com, concept-data-collection); Triton cannot collect.
 */
export function collectsData(spec: Spec): boolean {
  if (spec.training !== 'pipeline' || (spec.target !== 'online' && spec.target !== 'kubernetes')) return false;
  // MLflow deployments collect by themselves; score.py through src/score_monitored.py (not the
  // encryption extra's score_encrypted.py: ciphertext is not worth collecting).
  return spec.serving === 'mlflow' || spec.serving === 'script';
}

export function dataCollector(spec: Spec): Record<string, unknown> {
  if (!collectsData(spec)) return {};
  return { data_collector: { collections: { model_inputs: { enabled: 'True' }, model_outputs: { enabled: 'True' } } } };
}

const probe = { initial_delay: 30, period: 10, timeout: 5, success_threshold: 1, failure_threshold: 30 };

export function onlineEndpoint(spec: Spec, names: DerivedNames, kind: 'managed' | 'kubernetes') {
  const endpoint: Record<string, unknown> = {
    $schema: schemaUrl(kind === 'managed' ? 'managedOnlineEndpoint' : 'kubernetesOnlineEndpoint'),
    name: names.endpoint,
    description: `Online endpoint of ${spec.name}.`,
    auth_mode: spec.serving === 'triton' ? 'aml_token' : 'key',
  };
  if (kind === 'kubernetes') endpoint.compute = `azureml:${spec.k8sCompute}`;
  return endpoint;
}

export function managedDeployment(spec: Spec, names: DerivedNames) {
  return {
    $schema: schemaUrl('managedOnlineDeployment'),
    name: names.deployment,
    endpoint_name: names.endpoint,
    model: modelRef(spec, names),
    ...scoringParts(spec, 'score.py'),
    instance_type: spec.deployInstanceType,
    instance_count: 1,
    request_settings: { request_timeout_ms: 10000, max_concurrent_requests_per_instance: maxConcurrentRequests(spec) },
    liveness_probe: probe,
    readiness_probe: probe,
    ...dataCollector(spec),
  };
}

/**
 * Kubernetes has no VM size to pick, so the pod asks for what the model needs: more for the deep
 * learning frameworks (torch or TensorFlow in memory) than for scikit-learn, and one GPU for Triton.
 * Quantities are strings, as Kubernetes (and the Azure ML schema) expect.
 */
export function kubernetesResources(spec: Spec): { requests: Record<string, string>; limits: Record<string, string> } {
  const light = frameworkById(spec.framework).tabular && spec.serving !== 'triton';
  const requests: Record<string, string> = light ? { cpu: '0.5', memory: '1Gi' } : { cpu: '1', memory: '4Gi' };
  const limits: Record<string, string> = light ? { cpu: '1', memory: '2Gi' } : { cpu: '2', memory: '8Gi' };
  if (spec.serving === 'triton') {
    // Extended resources cannot be overcommitted: request and limit must be equal.
    requests['nvidia.com/gpu'] = '1';
    limits['nvidia.com/gpu'] = '1';
  }
  return { requests, limits };
}

export function kubernetesDeployment(spec: Spec, names: DerivedNames) {
  return {
    $schema: schemaUrl('kubernetesOnlineDeployment'),
    name: names.deployment,
    type: 'kubernetes',
    endpoint_name: names.endpoint,
    model: modelRef(spec, names),
    ...scoringParts(spec, 'score.py'),
    instance_count: 1,
    resources: kubernetesResources(spec),
    // `default` keeps instance_count fixed; switch to target_utilization for autoscaling.
    scale_settings: { type: 'default' },
    // max_concurrent_requests_per_instance stays at its default (1) for scoring scripts: Azure ML
    // advises against changing it on Kubernetes; Triton needs more to batch (maxConcurrentRequests).
    // max_queue_wait_ms is deprecated, so it is not set.
    request_settings: { request_timeout_ms: 10000, max_concurrent_requests_per_instance: maxConcurrentRequests(spec) },
    liveness_probe: probe,
    readiness_probe: probe,
    ...dataCollector(spec),
  };
}
