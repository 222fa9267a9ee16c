import { frameworks } from '../frameworks/index.js';
import { extras } from '../extras/index.js';
import { targets } from '../targets/index.js';
import { SERVINGS } from './ids.js';
import { projectName } from './names.js';
import { parseSpec, SpecError } from './schema.js';

const servingTitles: Record<string, string> = {
  script: 'Scoring script (score.py on an inference server)',
  mlflow: 'MLflow no-code deployment',
  triton: 'ONNX on NVIDIA Triton (GPU)',
};

/** Whether a partial answer set is still valid (used to offer only compatible choices). */
function valid(answers: Record<string, unknown>): boolean {
  try {
    parseSpec(answers);
    return true;
  } catch (e) {
    if (e instanceof SpecError) return false;
    throw e;
  }
}

/**
 * Ask only for what flags left open, offering only choices that are compatible with the answers so far.
 * Each prompt names the flag that skips it next time. @inquirer/prompts is loaded only here, so runs with
 * --yes or without a TTY never pay for it.
 */
export async function promptMissing(answers: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { input, select, checkbox } = await import('@inquirer/prompts');
  const a = { ...answers };
  if (a.name === undefined) {
    a.name = await input({
      message: 'Project name (--name):',
      validate: (v) => projectName.pattern.test(v) || `Use ${projectName.describe}.`,
    });
  }
  if (a.framework === undefined) {
    a.framework = await select({
      message: 'Framework (--framework):',
      choices: frameworks.map((f) => ({ value: f.id, name: `${f.title} — ${f.summary}` })),
    });
  }
  if (a.target === undefined) {
    a.target = await select({
      message: 'Deployment target (--target):',
      choices: targets.filter((t) => valid({ ...a, target: t.id })).map((t) => ({ value: t.id, name: `${t.title} — ${t.summary}` })),
    });
  }
  if (a.serving === undefined && a.target !== 'none') {
    const choices = SERVINGS.filter((s) => valid({ ...a, serving: s }));
    a.serving = choices.length === 1 ? choices[0] : await select({
      message: 'Serving (--serving):',
      choices: choices.map((s) => ({ value: s, name: servingTitles[s] })),
    });
  }
  if (a.training === undefined) {
    const choices = [
      { value: 'pipeline', name: 'Pipeline — prep → train → evaluate (gate) → register, in Azure ML' },
      { value: 'job', name: 'Job — one command job; the workflow registers its model' },
    ].filter((c) => valid({ ...a, training: c.value }));
    a.training = choices.length === 1 ? choices[0].value : await select({ message: 'Training (--training):', choices });
  }
  if (a.extras === undefined) {
    const offered = extras.filter((e) => valid({ ...a, extras: [e.id] }));
    a.extras = offered.length === 0 ? [] : await checkbox({
      message: 'Extras (--extras a,b):',
      choices: offered.map((e) => ({ value: e.id, name: `${e.title} — ${e.summary}` })),
    });
  }
  return a;
}
