import { extras } from '../extras/index.js';
import { frameworks } from '../frameworks/index.js';
import { servings } from '../serving/index.js';
import { targets } from '../targets/index.js';
import * as names from './names.js';
import { parseSpec, SpecError, type Spec } from './schema.js';

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

/** The settings a newcomer may want to change, in the order they are asked (later ones depend on earlier ones). */
export const ASKED = ['framework', 'target', 'serving', 'training', 'extras', 'compute', 'workspace', 'resourceGroup'] as const;
type Asked = (typeof ASKED)[number];

const LABELS: Record<Asked, string> = {
  framework: 'Framework (--framework)',
  target: 'Deployment target (--target)',
  serving: 'Serving (--serving)',
  training: 'Training (--training)',
  extras: 'Extras (--extras a,b)',
  compute: 'Training compute (--compute)',
  workspace: 'Azure ML workspace (--workspace)',
  resourceGroup: 'Resource group (--resource-group)',
};

/** One line per setting: what the project would be. */
export function summary(spec: Spec): string[] {
  const fw = frameworks.find((f) => f.id === spec.framework)?.title ?? spec.framework;
  const target = targets.find((t) => t.id === spec.target)?.title ?? spec.target;
  const serving = spec.target === 'none' ? 'no deployment' : (servings.find((s) => s.id === spec.serving)?.title ?? spec.serving);
  return [
    `name           ${spec.name}`,
    `framework      ${fw}`,
    `target         ${target}`,
    `serving        ${serving}`,
    `training       ${spec.training === 'pipeline' ? 'pipeline: prep → train → evaluate (gate) → register' : 'one command job'}`,
    `extras         ${spec.extras.length > 0 ? spec.extras.join(', ') : 'none'}`,
    `compute        ${spec.compute} (${spec.instanceType}${spec.nodes > 1 ? ` × ${spec.nodes} nodes` : ''})`,
    `workspace      ${spec.workspace ?? '<workspace> (set it later in the workflows or with provision)'}`,
    `resource group ${spec.resourceGroup ?? '<resource-group>'}`,
  ];
}

/** The settings flags left open: what the prompts may ask and what defaults fill without a terminal. */
export function openSettings(answers: Record<string, unknown>): Asked[] {
  return ASKED.filter((k) => answers[k] === undefined && !(k === 'serving' && answers.target === 'none'));
}

/**
 * Ask for what flags left open: the project name, then "use recommended settings?", and only the settings
 * the user chooses to change, each offering only choices compatible with the answers so far. Each prompt
 * names the flag that skips it next time. @inquirer/prompts is loaded only here.
 */
export async function promptMissing(answers: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { input, select, checkbox, confirm } = await import('@inquirer/prompts');
  const a = { ...answers };
  if (a.name === undefined) {
    a.name = await input({
      message: 'Project name (--name):',
      validate: (v) => names.projectName.pattern.test(v) || `Use ${names.projectName.describe}.`,
    });
  }
  const open = openSettings(a);
  if (open.length === 0) return a;
  const recommended = parseSpec(a);
  const shown = summary(recommended).slice(1).map((l) => `  ${l}`).join('\n');
  if (await confirm({ message: `Use recommended settings?\n${shown}\n`, default: true })) return a;
  const change = new Set(
    await checkbox<Asked>({
      message: 'What do you want to change?',
      choices: open.map((k) => ({ value: k, name: LABELS[k] })),
    }),
  );
  for (const k of ASKED) {
    if (!change.has(k)) continue;
    if (k === 'framework') {
      a.framework = await select({ message: `${LABELS.framework}:`, choices: frameworks.map((f) => ({ value: f.id, name: `${f.title} — ${f.summary}` })) });
    } else if (k === 'target') {
      const choices = targets.filter((t) => valid({ ...a, target: t.id }));
      a.target = await select({ message: `${LABELS.target}:`, choices: choices.map((t) => ({ value: t.id, name: `${t.title} — ${t.summary}` })) });
    } else if (k === 'serving' && a.target !== 'none') {
      const choices = servings.filter((s) => valid({ ...a, serving: s.id }));
      a.serving = choices.length === 1 ? choices[0].id : await select({ message: `${LABELS.serving}:`, choices: choices.map((s) => ({ value: s.id, name: `${s.title} — ${s.summary}` })) });
    } else if (k === 'training') {
      const choices = [
        { value: 'pipeline', name: 'Pipeline — prep → train → evaluate (gate) → register, in Azure ML' },
        { value: 'job', name: 'Job — one command job; the workflow registers its model' },
      ].filter((c) => valid({ ...a, training: c.value }));
      a.training = choices.length === 1 ? choices[0].value : await select({ message: `${LABELS.training}:`, choices });
    } else if (k === 'extras') {
      const offered = extras.filter((e) => valid({ ...a, extras: [e.id] }));
      a.extras = await checkbox({ message: `${LABELS.extras}:`, choices: offered.map((e) => ({ value: e.id, name: `${e.title} — ${e.summary}` })) });
    } else if (k === 'compute') {
      const rule = names.computeName;
      a.compute = await input({
        message: `${LABELS.compute}:`,
        default: parseSpec(a).compute,
        validate: (v) => v === 'serverless' || rule.pattern.test(v) || `Use ${rule.describe}, or serverless.`,
      });
    } else if (k === 'workspace' || k === 'resourceGroup') {
      const rule = k === 'workspace' ? names.workspaceName : names.resourceGroupName;
      const value = await input({ message: `${LABELS[k]} (empty: decide later):`, validate: (v) => v === '' || rule.pattern.test(v) || `Use ${rule.describe}.` });
      if (value !== '') a[k] = value;
    }
  }
  return a;
}
