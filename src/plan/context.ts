import { frameworkById } from '../frameworks/index.js';
import { extraById } from '../extras/index.js';
import type { Spec } from '../spec/schema.js';
import { actions, pin } from '../versions.js';
import { VERSION } from '../version.js';
import { devRequirements, pipRequirements } from './environment.js';
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
    spec: { ...spec, workspace: spec.workspace ?? '', resourceGroup: spec.resourceGroup ?? '' },
    framework: { title: fw.title, summary: fw.summary, python: fw.python, hyperparameters: fw.hyperparameters, modelType: fw.modelType },
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
    torchPins: `${pin('torch')} ${pin('torchvision')}`,
    tritonClientPin: `"${pin('tritonclient')}"`.replace('tritonclient', 'tritonclient[http]'),
  };
}

export type TemplateContext = ReturnType<typeof templateContext>;
