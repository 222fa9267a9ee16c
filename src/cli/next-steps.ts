import type { Spec } from '../spec/schema.js';
import { shellWord } from '../core/shell.js';

/** The short "what now" list printed after init (the generated README has the full version). */
export function nextSteps(dir: string, spec: Spec, committed: boolean): string[] {
  const rg = spec.resourceGroup ? shellWord(spec.resourceGroup) : '<resource-group>';
  const ws = spec.workspace ? shellWord(spec.workspace) : '<workspace>';
  const steps = [
    `cd ${dir}`,
    'python -m pip install -r requirements-dev.txt && python -m pytest -q   # train and score offline',
    `az ml job create -f jobs/train.yml --stream -g ${rg} -w ${ws}   # train in Azure ML`,
  ];
  if (spec.ci === 'github') {
    steps.push(
      'Set GitHub secrets AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID (OIDC; README "One-time Azure set-up")',
    );
    if (!spec.resourceGroup || !spec.workspace) {
      steps.push('Set GitHub variables AZURE_RESOURCE_GROUP and AZUREML_WORKSPACE');
    }
    steps.push(committed ? 'Push to GitHub: the train-deploy workflow runs on main' : 'git init, commit and push: the train-deploy workflow runs on main');
  }
  return steps;
}
