import { frameworkById } from '../frameworks/index.js';
import type { Spec } from '../spec/schema.js';
import { pin } from '../versions.js';
import type { Extra } from './types.js';

/** The job input's default: a clearly labelled group derived from a feature (iris has no sensitive attribute). */
export const SENSITIVE_DEFAULT = 'synthetic';
export const RAI_DIR = 'outputs/responsible_ai';

function unsupported(spec: Spec): string | undefined {
  const fw = frameworkById(spec.framework);
  if (fw.tabular) return undefined;
  return `${fw.title} ${fw.learnsFrom}, with no tabular feature columns to group metrics by or explain; Fairlearn and InterpretML reports need --framework sklearn`;
}

function readme(): string {
  return [
    '## Responsible AI: fairness by group and an explanation',
    '',
    'After training, `train.py` (through `src/extra_responsible_ai.py`) writes a report to',
    `\`${RAI_DIR}/\` and logs it to the MLflow run under \`responsible_ai/\`:`,
    '',
    '| file | content |',
    '|---|---|',
    '| `fairness.json`, `fairness.png` | Fairlearn `MetricFrame` on the validation rows: accuracy, row count and each class\'s selection rate, overall and by group, with the largest gap between groups |',
    '| `explanation.json`, `importance.png` | InterpretML term importances of an Explainable Boosting Machine fitted to the model\'s own predictions (a global surrogate), with its fidelity: how often it agrees with the model |',
    '| `report.html` | both, on one page |',
    '',
    'The run also gets the metrics `fairness_accuracy_difference`, `fairness_selection_rate_difference_max`',
    'and `explanation_fidelity`. Why a surrogate EBM and not a blackbox explainer: it describes the deployed',
    "model rather than the data, handles the three iris classes with `interpret-core` alone (the blackbox",
    'explainers need `shap` or `lime` and explain one output at a time), and its fidelity says how far to trust it.',
    '',
    `The job input \`sensitive_column\` names the column to group by (\`--sensitive-column\`). Its default,`,
    `\`${SENSITIVE_DEFAULT}\`, is a **synthetic** group (the first feature split at its median), because iris has no`,
    'sensitive attribute; the report labels it as such. Use `synthetic:<column>` to split another feature, or',
    'the name of a numeric column of your CSV (such as a 0/1-encoded attribute): its values become the groups',
    '(more than 10 distinct values: split at the median). The column is also a model feature; drop it from the',
    'features in `src/data.py` if the model must not see it. Selection rates are per class because demographic',
    'parity assumes a binary outcome.',
    '',
    'Locally, `python src/train.py --sensitive-column synthetic` makes the same report; without the flag, or',
    'without `fairlearn`/`interpret-core`/`matplotlib` installed, training runs and no report is made.',
  ].join('\n');
}

export const responsibleAi: Extra = {
  id: 'responsible-ai',
  title: 'Responsible AI',
  summary: 'Fairlearn metrics by group and an InterpretML explanation',
  unsupported,
  pip: () => [pin('fairlearn'), pin('interpret-core'), pin('matplotlib')],
  python: true,
  files: [
    { path: 'src/extra_responsible_ai.py' },
    { path: 'src/responsible_ai.py' },
    { path: 'tests/test_extra_responsible_ai.py' },
  ],
  job: () => ({
    inputs: { sensitive_column: SENSITIVE_DEFAULT },
    args: ['--sensitive-column ${{inputs.sensitive_column}}'],
  }),
  readme,
};
