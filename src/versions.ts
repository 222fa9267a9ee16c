import { DEFAULT_SIZES } from './catalog/vm-sizes.js';

/**
 * Every pinned version the generator emits, in one place (bump here, nowhere else).
 * Python pins follow the curated Azure ML images where a project trains on one
 * (../shared/reference/azureml-facts.md §10) and PyPI releases checked on 2026-11-27; pins with a
 * published advisory were bumped to a fixed release on 2026-12-07 (the advisory is named at the pin).
 */
export const python = {
  sklearn: '3.10', // curated sklearn-1.5 image
  pytorch: '3.10', // acpt-pytorch-2.8 image
  tensorflow: '3.11', // tensorflow-2.16-cuda12 image
  keras: '3.11',
  rllib: '3.11',
} as const;

export const pip = {
  // tracking and serving
  // 1.62.0.post6 caps mlflow-skinny <= 3.15.0 (post5: <= 3.13.0; post2: <= 3.9.0), per
  // Azure/azure-sdk-for-python#49128 and #48745 (2026-08/09), which also say post6 works with MLflow 3.15.0.
  'azureml-mlflow': '1.62.0.post6',
  // 3.15.0: the newest release azureml-mlflow allows. It clears CVE-2026-8147 (fixed 3.13.0rc0) and the
  // tracking-server advisories fixed in 3.11 (GHSA-7qhf-v65m-g5f3, GHSA-fh64-r2vc-xvhr, GHSA-46r5-x6jq-v8g6).
  // Not advisory-free: a fix in 3.15.3 (the security requirement of #49128) and CVE-2026-2635 /
  // GHSA-gq3w-7jj3-x7gr (default admin password of the `mlflow server` basic-auth app; the default stays
  // until 3.16.1) sit above the cap, in the tracking server, which generated projects never start.
  'mlflow-skinny': '3.15.0',
  // No-code deployments: MLflow 2 until the no-code image takes MLflow 3 models. 2.22.4: 2.22.1 had
  // GHSA-wxj7-3fx5-pp9m (SSRF, fixed 2.22.2) and GHSA-5cvj-7rg6-jggj (tracking-server RCE, fixed 2.22.4).
  mlflow: '2.22.4',
  'azureml-inference-server-http': '1.5.1',
  'azureml-ai-monitoring': '1.0.0',
  'scikit-learn': '1.5.2',
  numpy: '1.26.4',
  scipy: '1.11.4',
  pandas: '2.2.3',
  // deep learning
  // 2.8.0 had PYSEC-2025-203/204/206 (fixed 2.9.0), CVE-2025-2999 (2.9.1), CVE-2025-3001 (2.10.0); CVE-2025-3000 /
  // GHSA-rrmf-rvhw-rf47 (torch.jit.script memory corruption) first listed <= 2.12.0, now <= 2.12.1 with 2.13.0 as
  // the first patched release. 2.13.0 publishes cp310 CPU wheels (manylinux_2_28) on the CPU index.
  torch: '2.13.0',
  torchvision: '0.28.0', // the release of torch 2.13.0
  // 12.3.0: 12.2.0 has CVE-2026-59200/59203/59204/59197/59198/59199/59205, CVE-2026-54058/54059/54060,
  // CVE-2026-55379/55380/55798 (PYSEC-2026-2253..2257, 3451..3453), fixed in 12.3.0 (its release notes).
  // requires-python >= 3.10, so it fits the 3.10 (PyTorch) and 3.11 (TF, Keras) projects.
  pillow: '12.3.0',
  // The curated tensorflow-2.16-cuda12 image. TF 2.16.x requires protobuf < 5, so pip resolves protobuf
  // 4.25.x: 4.25.8 fixes CVE-2025-4565, but CVE-2026-0994 / GHSA-7gcm-g887-7qv7 (json_format.ParseDict
  // recursion) is fixed only in 5.29.6 / 6.33.5, with no 4.x backport (protobuf 4.x is end of life). Not
  // fixable while TF stays on 2.16 (TF >= 2.18 allows protobuf 5): see docs/pins.md.
  tensorflow: '2.16.2',
  'tf-keras': '2.16.0',
  // 3.15.1: 3.10-3.13.2 had CVE-2025-8747, CVE-2025-9906, CVE-2026-1669 (and its incomplete fix); 3.14.0 has
  // CVE-2026-12481 (Lambda.from_config skips the safe-mode guard when safe_mode is unset), fixed by keras-team/keras
  // #23048, first released in 3.15.0 (3.15.1 is 3.15.0 plus the version bump). Needs Python >= 3.11, no TF pin.
  keras: '3.15.1',
  // 2.56.1: <= 2.53.0 had CVE-2026-27482 / GHSA-q5fh-2hc8-f6rq (unauthenticated dashboard DELETE, fixed 2.54.0),
  // < 2.52.0 GHSA-q279-jhrf-cc6v, <= 2.54.x CVE-2026-41486 (RCE via Parquet Arrow extension-type
  // deserialization, fixed 2.55.0). CVE-2023-48022 (ShadowRay, unauthenticated job submission) is disputed by
  // Anyscale and has no fixed release (docs/pins.md). Ray dropped Python 3.9 after 2.51; the project uses 3.11.
  'ray[rllib]': '2.56.1',
  // ray[rllib] pins gymnasium exactly: 1.1.1 through 2.5x, 1.2.2 since ray-project/ray#59530 (Dec 2025, after
  // Python 3.9 was dropped); Ray 2.56.x requires gymnasium==1.2.2 (Python >= 3.10).
  gymnasium: '1.2.2',
  // extras
  tensorboard: '2.16.2',
  // 1.22.0: <= 1.20.1 had CVE-2026-28500 / GHSA-hqmj-h5c6-369m (onnx.hub trust bypass), CVE-2026-27489
  // (path traversal) and CVE-2026-34445 (fixed 1.21.0); 1.21.0 had GHSA-7w46-vvrh-m8q5 (stack overflow on
  // cyclic model-local functions, fixed 1.22.0). cp310/cp311 manylinux_2_28 wheels; needs numpy >= 1.23.2,
  // protobuf >= 4.25.1, ml_dtypes >= 0.5.4 (so the sklearn stack takes numpy 1.26.4 with ONNX: sklearnStack).
  onnx: '1.22.0',
  onnxruntime: '1.22.1',
  skl2onnx: '1.19.1', // needs onnx >= 1.2.1 and scikit-learn >= 1.1 (no onnxconverter-common since 1.19.1)
  // 1.17.0: 1.16.1 required protobuf~=3.20 (CVE-2025-4565 among others) and pulled an unpinned onnx; 1.17.0
  // needs protobuf >= 3.20 and onnx >= 1.14, so the pinned onnx above installs next to it.
  tf2onnx: '1.17.0',
  // fairlearn >= 0.10 and matplotlib >= 3.9 need numpy/pandas newer than the sklearn-1.5 stack (sklearnImage).
  fairlearn: '0.9.0',
  'interpret-core': '0.6.9', // 0.7 needs numpy >= 1.25 and scikit-learn >= 1.6
  matplotlib: '3.8.4',
  diffprivlib: '0.6.6',
  tenseal: '0.3.16',
  tritonclient: '2.59.0',
  // dev tooling in generated CI
  pytest: '9.0.3', // <= 9.0.2: CVE-2025-71176 / GHSA-6w46-j5rx-g56g (predictable /tmp/pytest-of-<user>)
  ruff: '0.12.4',
  pyyaml: '6.0.2',
} as const;

export type PipName = keyof typeof pip;

/**
 * The scikit-learn stack of the curated sklearn-1.5 image (facts §10), which the sklearn project matches.
 * No advisory applies: numpy's CVE-2021-34141/41495/41496 were fixed in 1.22.0; scipy's CVE-2023-25399 in
 * 1.10.0; pandas' CVE-2024-9880 and CVE-2024-42992 were rejected and CVE-2020-13091 (read_pickle) is disputed.
 */
export const sklearnImage = ['scikit-learn==1.5.2', 'numpy==1.22.4', 'scipy==1.10.1', 'pandas==1.5.3'] as const;

/**
 * The sklearn project's stack: the image's, except numpy when ONNX is on, since onnx >= 1.21 (the first
 * release without an advisory) needs numpy >= 1.23.2. numpy 1.26.4 still suits scikit-learn 1.5.2,
 * scipy 1.10.1 (numpy < 1.27) and pandas 1.5.3.
 */
export function sklearnStack(onnx: boolean): string[] {
  return sklearnImage.map((r) => (onnx && r.startsWith('numpy==') ? pin('numpy') : r));
}

/**
 * pip in the conda files, from conda-forge. 26.2.1: pip < 25.3 had CVE-2025-8869 (tarfile), < 26.0
 * CVE-2026-1703 (wheel path traversal), < 26.1 CVE-2026-3219 / GHSA-58qw-9mgm-455v and CVE-2026-6357,
 * < 26.1.2 CVE-2026-8643 (PYSEC-2026-196), < 26.2 CVE-2026-13346 / GHSA-qwm4-qh6w-59xr (PYSEC-2026-3721).
 * conda-forge's pip feedstock takes each PyPI release by bot (26.0 and 26.0.1 landed within days); check
 * with `conda search -c conda-forge pip`.
 */
export const condaPip = '26.2.1';

/** `name==version` for a pinned package. */
export function pin(name: PipName): string {
  return `${name}==${pip[name]}`;
}

/** GitHub Actions used by generated workflows, with the commit each tag pointed at (for --pin-actions sha). */
export const actions = {
  'actions/checkout': { tag: 'v4', sha: '11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  'actions/setup-python': { tag: 'v5', sha: 'a26af69be951a213d495a4c3e4e4022e16d87065', version: 'v5.6.0' },
  'actions/setup-node': { tag: 'v4', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  // v2.3.1 (2026-08-04, what the v2 tag points at now): escapes single quotes in every value interpolated into the
  // PowerShell login script (Azure/login#599; v2.3.0 escaped only the client secret). v2 is in maintenance mode
  // (security fixes only); v3 is current.
  'azure/login': { tag: 'v2', sha: '7184910d9eb2b1c5e48f7073824a90609bb9b6d6', version: 'v2.3.1' },
} as const;

/**
 * Base images by dated tag, never `:latest`, so an upstream rebuild cannot change a working project
 * without a diff. The newest dated tags we could source on CATALOG_DATE (src/catalog/vm-sizes.ts):
 * - cpu: openmpi4.1.0-ubuntu22.04:20260715.v1, named as the CPU base in public Azure ML projects found with
 *   the code search (2026-07); the tag scheme <yyyymmdd>.v<n> is the one azureml-assets pins resolve to.
 * - gpu: openmpi5.0-cuda12.4-ubuntu22.04:20260901.v1, the base an azureml-assets image remediation note
 *   (2026-09) names as inherited; CUDA 12 as torch 2.8 and TensorFlow 2.16 expect (the CUDA 11.8 image
 *   made TensorFlow fall back to the CPU).
 * Check newer tags with: az acr repository show-tags -n mcr ... or https://mcr.microsoft.com/v2/azureml/<image>/tags/list
 */
export const images = {
  cpu: 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:20260715.v1',
  gpu: 'mcr.microsoft.com/azureml/openmpi5.0-cuda12.4-ubuntu22.04:20260901.v1',
} as const;

/**
 * Curated environments pinned by version (`versions/<n>`), never `labels/latest`. An Azure ML curated
 * image is tagged with its asset version, so `mcr.microsoft.com/azureml/curated/<name>:<n>` and
 * `.../environments/<name>/versions/<n>` are the same build. The azureml-assets repository publishes
 * versions as `auto`, so the numbers come from public references found with the code search on
 * CATALOG_DATE: acpt-pytorch-2.8-cuda12.6 image tag 17 (2026, pinned by digest in a public runbook) and
 * tensorflow-2.16-cuda12 image tag 30 (an azureml-assets remediation note). Newer versions may exist:
 * `az ml environment list --registry-name azureml --name <name> --query "[0].version"`.
 */
export const curated = {
  pytorchGpu: 'azureml://registries/azureml/environments/acpt-pytorch-2.8-cuda12.6/versions/17',
  tensorflowGpu: 'azureml://registries/azureml/environments/tensorflow-2.16-cuda12/versions/30',
} as const;

/** Default VM sizes: see src/catalog/vm-sizes.ts (current series only, with the reasons). */
export const skus = DEFAULT_SIZES;

/** The CPU wheel index of PyTorch, for environments where no GPU runs. */
export const torchCpuIndex = 'https://download.pytorch.org/whl/cpu';
