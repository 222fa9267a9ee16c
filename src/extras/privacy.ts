import type { Spec } from '../spec/schema.js';
import { pin } from '../versions.js';
import type { Extra } from './types.js';

/** The job input's default budget. Smaller is more private and noisier; see the README section. */
export const EPSILON_DEFAULT = 1.0;

/** One line per framework without a differentially private trainer here. */
const reasons: Partial<Record<Spec['framework'], string>> = {
  pytorch:
    "Opacus needs train.py's optimizer and data loader and cannot train ResNet-18's BatchNorm layers (its GroupNorm swap breaks the weights score.py loads); use --framework sklearn",
  tensorflow:
    'no maintained differential-privacy library fits TensorFlow 2.16 / Keras 3 training (TensorFlow Privacy targets Keras 2 optimizers); use --framework sklearn',
  keras:
    'no maintained differential-privacy library fits Keras 3 training (TensorFlow Privacy targets Keras 2 optimizers); use --framework sklearn',
  rllib: 'no maintained library adds differential privacy to RLlib reinforcement learning; use --framework sklearn',
};

function readme(): string {
  return [
    '## Differential privacy',
    '',
    'Training is differentially private: `src/extra_privacy.py` swaps the logistic regression for IBM',
    "diffprivlib's `LogisticRegression(epsilon=..., data_norm=...)` (objective perturbation; the model stays",
    `linear, so scoring is unchanged). The job input \`epsilon\` (default \`${EPSILON_DEFAULT}\`) is the privacy budget,`,
    "passed as `--epsilon` and logged as the run's `epsilon` parameter, with `dp_data_norm` and the metric",
    "`epsilon_spent` (from diffprivlib's accountant). Smaller epsilon means stronger privacy and a noisier",
    'model: compare `val_accuracy` across a few budgets, e.g.',
    '`az ml job create -f jobs/train.yml --set inputs.epsilon=4`.',
    '',
    '- **data_norm** bounds the L2 norm of one scaled row; rows beyond it are clipped, which bounds any single',
    '  row\'s influence. The default `2 * sqrt(n_features)` comes from the schema alone (after scaling, a row\'s',
    '  squared norm averages n_features), so choosing it spends no budget; override with `--dp-data-norm`.',
    '- **Limit:** the StandardScaler\'s mean and standard deviation are computed without noise, so the guarantee',
    '  covers the coefficients given that scaling, not those statistics (see `diffprivlib.models.StandardScaler`).',
    '- Why diffprivlib and not SmartNoise: `smartnoise-sql` needs pandas 2, which clashes with the pandas 1.5',
    '  of the scikit-learn 1.5 stack this project pins.',
    '- Without `--epsilon` (e.g. a plain `python src/train.py`), training is ordinary; with it and without',
    '  diffprivlib installed, training stops with an error rather than silently training without privacy.',
  ].join('\n');
}

export const privacy: Extra = {
  id: 'privacy',
  title: 'Differential privacy',
  summary: 'differentially private training with an epsilon budget',
  unsupported: (spec) => reasons[spec.framework],
  pip: () => [pin('diffprivlib')],
  python: true,
  files: [{ path: 'src/extra_privacy.py' }, { path: 'tests/test_extra_privacy.py' }],
  job: () => ({ inputs: { epsilon: EPSILON_DEFAULT }, args: ['--epsilon ${{inputs.epsilon}}'] }),
  readme,
};
