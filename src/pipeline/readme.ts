/** The README section of `--training pipeline` (Markdown), placed by templates/base/README.md.hbs. */
import { frameworkById } from '../frameworks/index.js';
import type { DerivedNames } from '../plan/names.js';
import type { Spec } from '../spec/schema.js';
import { collectsData } from '../targets/online.js';
import { ASSET_VERSION, MIN_IMPROVEMENT, hasData, pipelineNames } from './components.js';
import { RETRAIN_CRON } from './schedules.js';

export function pipelineReadme(spec: Spec, names: DerivedNames): string {
  if (spec.training !== 'pipeline') return '';
  const fw = frameworkById(spec.framework);
  const p = pipelineNames(spec, names);
  const deploy = spec.target !== 'none';
  const online = spec.target === 'online' || spec.target === 'kubernetes';
  const steps = [
    ...(hasData(spec) ? ['1. **prep** (`components/prep.yml`, `src/prep.py`): stages the data asset and writes its sha256 fingerprint.'] : []),
    `${hasData(spec) ? 2 : 1}. **train** (\`components/train.yml\`, \`src/train_step.py\` → \`src/train.py\`): the same training as \`jobs/train.yml\`; writes the model and \`metrics.json\`.`,
    `${hasData(spec) ? 3 : 2}. **evaluate** (\`components/evaluate.yml\`, \`src/evaluate.py\`): the gate. It reads the champion (the latest registered \`${names.model}\`) and its \`${fw.objective.metric}\` tag, and promotes the candidate only if it is at least \`min_improvement\` (default ${MIN_IMPROVEMENT}) better (${fw.objective.goal}); no champion → promote. \`decision.json\` records both numbers and whether they were measured on the same data (fingerprint).`,
    `${hasData(spec) ? 4 : 3}. **register** (\`components/register.yml\`, \`src/register.py\`): registers a promoted model only, tagged with \`git_commit\`, \`pipeline_run\`, \`data_fingerprint\` and its metrics; writes \`registered.json\` (the pipeline's \`registration\` output).`,
  ];
  const lines = [
    '## Training pipeline and release',
    '',
    `\`jobs/pipeline.yml\` runs ${steps.length === 4 ? 'four' : 'three'} steps in Azure ML, each a command component with typed inputs and outputs:`,
    '',
    ...steps,
    '',
    'The champion lookup and the registration go through `src/registry.py`: the workspace registry via MLflow',
    'inside Azure ML, or a local folder when `MODEL_REGISTRY_DIR` is set. `tests/test_pipeline_local.py` runs',
    'every step offline through its component command, including a worse candidate that is kept out and a',
    'better one that is registered.',
    '',
    'The components pin registered, versioned assets: the environment `' + `${names.environment}:${ASSET_VERSION}` + '` (`environment/environment.yml`)' +
      (hasData(spec) ? ` and the data asset \`${p.data}:${ASSET_VERSION}\` (\`data/training-data.yml\`). Bump \`version\` in those files and in the components or \`jobs/pipeline.yml\` when they change.` : '. Bump `version` when it changes.'),
    '',
    '```bash',
    'az ml environment create -f environment/environment.yml -g "$RG" -w "$WS"',
    ...(hasData(spec) ? ['az ml data create -f data/training-data.yml -g "$RG" -w "$WS"'] : []),
    'az ml job create -f jobs/pipeline.yml --stream --set inputs.min_improvement=0.01 -g "$RG" -w "$WS"',
    '```',
    '',
  ];
  if (deploy) {
    lines.push(
      '**Release.** The workflow submits the pipeline, waits for it (renewing its login during long runs) and',
      'reads `registered.json`; it registers nothing itself. Only a promoted model is deployed, by the `deploy` job,',
      'which runs in the GitHub environment `production`: add **required reviewers** to it (Settings →',
      'Environments) so that every release waits for an approval.',
      '',
    );
    if (online) {
      lines.push(
        '**Safe rollout** (`.github/scripts/rollout.sh online`): the new model gets a new deployment (`blue` or',
        '`green`) beside the live one; it is smoke-tested by name with the sample request, then receives mirrored',
        'traffic (10 %), then 10 % of live traffic, is smoke-tested again, and finally takes 100 %; the old',
        'deployment is then deleted. On any failure the traffic goes back to the old deployment and the new one',
        'is deleted.',
        '',
      );
    } else {
      lines.push(
        '**Safe rollout** (`.github/scripts/rollout.sh batch`): each model version gets its own deployment',
        '(`v<version>`); it scores `deploy/sample-batch/` and becomes the endpoint\'s default only if that job',
        'succeeds with predictions for every file. On failure it is deleted and the default is unchanged.',
        '',
      );
    }
  }
  if (collectsData(spec)) {
    lines.push(
      `**Monitoring.** The deployment collects its inputs and outputs (\`data_collector\`: \`model_inputs\`,`,
      `\`model_outputs\`${spec.serving === 'script' ? '; `src/score_monitored.py` wraps `score.py` to log them' : ''}), and after each rollout the workflow creates`,
      fw.tabular
        ? '`monitoring/monitor.yml`: a daily Azure ML monitor with data drift against the training data asset and prediction drift.'
        : '`monitoring/monitor.yml`: a daily Azure ML monitor with prediction drift against recent production data (data drift needs tabular inputs).',
      '',
    );
  }
  lines.push(
    `**Retraining.** \`schedules/retrain.yml\` runs the pipeline on a cron schedule (\`${RETRAIN_CRON}\`, UTC); the`,
    'gate keeps the champion unless the new model is better. The workflow creates it when the repository',
    'variable `RETRAIN_SCHEDULE` is `true`; by hand: `az ml schedule create -f schedules/retrain.yml`.',
    '',
    '**OIDC subjects.** Federate one credential per subject the workflows present:',
    '',
    '| subject | used by |',
    '|---|---|',
    '| `repo:<owner>/<repo>:ref:refs/heads/main` | `train-deploy.yml`, job `train` (pushes to `main`) |',
    ...(deploy ? [`| \`repo:<owner>/<repo>:environment:production\` | \`train-deploy.yml\`, job \`deploy\`${spec.registry ? '; `deploy-from-registry.yml`' : ''} |`] : []),
    ...(!deploy && spec.registry ? ['| `repo:<owner>/<repo>:environment:production` | `train-deploy.yml`, job `share` |'] : []),
    '| `repo:<owner>/<repo>:pull_request` | only if you add Azure steps to pull-request workflows (`ci.yml` has none) |',
    '',
    ...(spec.registry
      ? registrySection(spec.registry, names.model, deploy)
      : ['**Several workspaces.** `aml-scaffold update --registry <name>` shares every promoted model to an Azure ML registry, from which other workspaces deploy it.']),
  );
  return lines.join('\n');
}

/** --registry: where the promoted model goes, and how another workspace deploys it. */
function registrySection(registry: string, model: string, deploy: boolean): string[] {
  const ref = `azureml://registries/${registry}/models/${model}/versions/<version>`;
  return [
    `**Registry \`${registry}\`.** The pipeline registers a promoted model in the workspace (where the gate finds`,
    `its champion); then the ${deploy ? '`deploy`' : '`share`'} job, after its approval in \`production\`, copies that version to the Azure ML`,
    `registry \`${registry}\` with \`az ml model share\` (\`.github/scripts/share-model.sh\`; the copy keeps the link to the`,
    `job that trained it)${deploy ? ' and deploys the registry copy' : ''}. Every workspace in one of the registry\'s regions can deploy the same`,
    `model as \`${ref}\`${deploy ? ': run the workflow `deploy-from-registry` (Actions → Run workflow) with the version, resource group and workspace, and it rolls the model out there the same safe way' : ''}.`,
    '',
    'Once per registry and workspace:',
    '',
    '```bash',
    '# the registry, if it does not exist yet: a YAML file with its name, location and replication_locations',
    `az ml registry show --name ${registry} -g "$RG" || az ml registry create --file <registry.yml> -g "$RG"`,
    '# the GitHub identity shares to it and reads from it (provision assigns this in the project\'s resource group)',
    `az role assignment create --assignee-object-id <identity-principal-id> --assignee-principal-type ServicePrincipal \\`,
    `  --role "AzureML Registry User" --scope "$(az ml registry show --name ${registry} -g "$RG" --query id -o tsv)"`,
    ...(deploy ? ['# every other workspace it deploys to: the same identity as "AzureML Data Scientist" on that workspace'] : []),
    '```',
    '',
    'The workspace that trains and every workspace that deploys must be in one of the registry\'s regions.',
  ];
}
