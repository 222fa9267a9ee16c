import { frameworkById } from '../frameworks/index.js';
import { extraById } from '../extras/index.js';
import type { Spec } from '../spec/schema.js';
import { actions, pin } from '../versions.js';
import { VERSION } from '../version.js';
import { CATALOG_DATE, DEFAULT_SIZES, retirementOf } from '../catalog/vm-sizes.js';
import { devRequirements, pipRequirements, scoringCondaFile } from './environment.js';
import type { DerivedNames } from './names.js';
import { pipelineContext } from '../pipeline/context.js';

export type ActionName = keyof typeof actions;

/** `uses:` value of an action: tag by default, full commit SHA with the version as a comment on request. */
export function actionRef(name: ActionName, mode: Spec['pinActions']): string {
  const a = actions[name];
  return mode === 'sha' ? `${name}@${a.sha} # ${a.version}` : `${name}@${a.tag}`;
}

/** Everything a template may read. Strict Handlebars makes a missing field an error, not an empty string. */
export function templateContext(spec: Spec, names: DerivedNames) {
  const fw = frameworkById(spec.framework);
  const has = (id: Spec['extras'][number]) => spec.extras.includes(id);
  const uses = Object.fromEntries(
    (Object.keys(actions) as ActionName[]).map((n) => [n.replace(/[/-]/g, '_'), actionRef(n, spec.pinActions)]),
  );
  return {
    spec: { ...spec, workspace: spec.workspace ?? '', resourceGroup: spec.resourceGroup ?? '', registry: spec.registry ?? '' },
    framework: {
      title: fw.title,
      summary: fw.summary,
      python: fw.python,
      pythonTag: fw.python.replace('.', ''),
      hyperparameters: fw.hyperparameters,
      modelType: fw.modelType,
    },
    names,
    is: {
      online: spec.target === 'online',
      kubernetes: spec.target === 'kubernetes',
      batch: spec.target === 'batch',
      none: spec.target === 'none',
      deploy: spec.target !== 'none',
      onlineLike: spec.target === 'online' || spec.target === 'kubernetes',
      script: spec.serving === 'script',
      mlflow: spec.serving === 'mlflow',
      triton: spec.serving === 'triton',
      distributed: spec.nodes > 1,
      gpu: spec.device === 'gpu',
      serverless: spec.compute === 'serverless',
      github: spec.ci === 'github',
      pytorch: spec.framework === 'pytorch',
      scoringConda: scoringCondaFile(spec, names) !== undefined,
    },
    has: {
      tensorboard: has('tensorboard'),
      onnx: has('onnx'),
      responsibleAi: has('responsible-ai'),
      privacy: has('privacy'),
      encryption: has('encryption'),
      sweep: has('sweep'),
    },
    pipeline: pipelineContext(spec, names),
    pip: pipRequirements(spec),
    devPip: devRequirements(spec),
    uses,
    // Python modules of the extras, imported by src/extensions.py (e.g. extra_onnx).
    extensionModules: spec.extras.filter((id) => extraById(id).python).map((id) => `extra_${id.replace(/-/g, '_')}`),
    extraSections: spec.extras.map((id) => extraById(id).readme?.(spec, names)).filter((x): x is string => Boolean(x)),
    toolVersion: VERSION,
    sizeNote: sizeNote(spec),
    tritonClientPin: `"${pin('tritonclient')}"`.replace('tritonclient', 'tritonclient[http]'),
  };
}

export type TemplateContext = ReturnType<typeof templateContext>;

/** One README sentence on the training VM size: why the default, or a warning about a retiring one. */
function sizeNote(spec: Spec): string {
  const size = spec.instanceType;
  const retiring = retirementOf(size);
  if (retiring) {
    return `\`${size}\` is in the ${retiring.series} series, which Azure retires on ${retiring.date}: use a current size such as \`${retiring.replacement}\` (\`--instance-type\`).`;
  }
  if (size === DEFAULT_SIZES.gpuTrain) {
    return `\`${size}\` (one NVIDIA T4, 16 GB) is the cheapest single-GPU size in a current series (checked ${CATALOG_DATE}), and enough for this model; for bigger ones use \`Standard_NC24ads_A100_v4\` (A100) or \`Standard_NC40ads_H100_v5\` (H100). Check your GPU quota for the NCasT4_v3 family first.`;
  }
  if (size === DEFAULT_SIZES.cpuTrain) {
    return `\`${size}\` (4 vCPUs, 16 GiB) is a current general-purpose size (checked ${CATALOG_DATE}); the older Dsv2 sizes retire on 2028-05-01 and are closed to new subscriptions.`;
  }
  return `Training runs on \`${size}\`.`;
}
