import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MANIFEST } from '../../src/manifest.js';
import { parseSpec } from '../../src/spec/schema.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { initProject } from '../helpers/project.js';
import { text, tree } from '../helpers/tree.js';

/**
 * --registry <name>: the deploy job shares each model the pipeline's gate promoted to an Azure ML
 * registry and deploys the registry copy; deploy-from-registry.yml deploys a registry version to any
 * workspace. The scripts themselves run against a fake az in rollout.test.ts.
 */
type Tree = Map<string, string | Uint8Array>;
type Job = { needs?: string | string[]; if?: string; environment?: string; steps: Array<{ name?: string; id?: string; run?: string; env?: Record<string, string> }> };
const workflow = (t: Tree, path: string) => parse(text(t, path)) as { env: Record<string, string>; on: any; jobs: Record<string, Job> };
const REF = '${{ steps.share.outputs.model }}';

describe('--registry', () => {
  it('takes a registry name, and needs the pipeline and GitHub workflows (exit 2 with the reason)', async () => {
    expect(parseSpec({ name: 'demo', registry: 'shared-models' }).registry).toBe('shared-models');
    expect(parseSpec({ name: 'demo' })).not.toHaveProperty('registry');
    expect(() => parseSpec({ name: 'demo', registry: 'a b' })).toThrow(/invalid --registry: must be 3-33 characters/);
    expect(() => parseSpec({ name: 'demo', registry: 'team-models', training: 'job' })).toThrow(/--registry .* needs --training pipeline/);
    expect(() => parseSpec({ name: 'demo', registry: 'team-models', ci: 'none' })).toThrow(/--registry .* needs --ci github/);
    const r = await runCli(['init', 'x', '--yes', '--dry-run', '--registry', 'team-models', '--training', 'job']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('needs --training pipeline');
  });

  it('without it, nothing is shared and no registry workflow is generated', () => {
    const t = tree({}) as Tree;
    expect(t.has('.github/scripts/share-model.sh')).toBe(false);
    expect(t.has('.github/workflows/deploy-from-registry.yml')).toBe(false);
    expect(text(t, '.github/workflows/train-deploy.yml')).not.toMatch(/registr(y|ies)\//);
  });

  it.each([['online'], ['kubernetes'], ['batch']])('%s: the deploy job shares the promoted version, then rolls out the registry copy', (target) => {
    const t = tree({ target, registry: 'shared-models' }) as Tree;
    const w = workflow(t, '.github/workflows/train-deploy.yml');
    expect(w.env.REGISTRY_NAME).toBe('shared-models');
    const steps = w.jobs.deploy.steps;
    const share = steps.findIndex((s) => s.id === 'share');
    const rollout = steps.findIndex((s) => s.id === 'rollout');
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(rollout);
    expect(steps[share].run).toBe('bash .github/scripts/share-model.sh "$VERSION"');
    expect(steps[share].env?.VERSION).toBe('${{ needs.train.outputs.model_version }}');
    expect(steps[rollout].env?.MODEL).toBe(REF);
    expect(w.jobs.deploy.environment).toBe('production');
    // The workflow still registers nothing: the pipeline did, the share copies that version.
    expect(text(t, '.github/workflows/train-deploy.yml')).not.toMatch(/az ml model create/);
  });

  it('none: a share job, after the approval in production, only for a promoted model', () => {
    const t = tree({ target: 'none', registry: 'shared-models' }) as Tree;
    const w = workflow(t, '.github/workflows/train-deploy.yml');
    expect(Object.keys(w.jobs)).toEqual(['train', 'share']);
    expect(w.jobs.share.needs).toBe('train');
    expect(w.jobs.share.if).toContain("needs.train.outputs.promoted == 'true'");
    expect(w.jobs.share.environment).toBe('production');
    expect(w.jobs.share.steps.at(-1)?.run).toBe('bash .github/scripts/share-model.sh "$VERSION"');
    expect(t.has('.github/workflows/deploy-from-registry.yml')).toBe(false);
  });

  it.each([['online', 'online'], ['batch', 'batch']])('%s: deploy-from-registry deploys a registry version to the workspace given', (target, mode) => {
    const t = tree({ target, registry: 'shared-models' }) as Tree;
    const w = workflow(t, '.github/workflows/deploy-from-registry.yml');
    expect(Object.keys(w.on)).toEqual(['workflow_dispatch']);
    expect(Object.keys(w.on.workflow_dispatch.inputs)).toEqual(['version', 'resource_group', 'workspace', 'endpoint']);
    const job = w.jobs.deploy;
    expect(job.environment).toBe('production');
    const prepare = job.steps.find((s) => s.name?.startsWith('Check the inputs'))!;
    // Inputs reach the shell as environment variables, never pasted into the script.
    expect(prepare.run).not.toContain('${{');
    expect(prepare.env).toMatchObject({ VERSION: '${{ inputs.version }}', RG: '${{ inputs.resource_group }}', WS: '${{ inputs.workspace }}' });
    expect(prepare.run).toContain('MODEL=azureml://registries/$REGISTRY_NAME/models/$MODEL_NAME/versions/$VERSION');
    expect(job.steps.at(-1)?.run).toBe(`bash .github/scripts/rollout.sh ${mode}`);
  });

  it('the README says where models go, the roles and the regions', () => {
    const readme = text(tree({ registry: 'shared-models' }), 'README.md');
    expect(readme).toContain('azureml://registries/shared-models/models/demo-model/versions/<version>');
    expect(readme).toContain('AzureML Registry User');
    expect(readme).toContain('deploy-from-registry');
    expect(readme).not.toContain('not generated yet');
  });

  describe('on disk', () => {
    let tmp: Awaited<ReturnType<typeof tempDir>>;
    beforeEach(async () => {
      tmp = await tempDir();
    });
    afterEach(() => tmp.cleanup());

    it('is recorded in the manifest, passes validate --strict, and update can add it later', async () => {
      const dir = await initProject(tmp.path, 'proj', ['--registry', 'shared-models']);
      expect(JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')).spec.registry).toBe('shared-models');
      const v = await runCli(['validate', dir, '--strict']);
      expect(v.exitCode, v.stdout + v.stderr).toBe(0);

      const later = await initProject(tmp.path, 'later', []);
      const u = await runCli(['update', '--dir', later, '--registry', 'shared-models', '--yes']);
      expect(u.exitCode, u.stdout + u.stderr).toBe(0);
      expect(JSON.parse(await readFile(join(later, MANIFEST), 'utf8')).spec.registry).toBe('shared-models');
      expect(await readFile(join(later, '.github/scripts/share-model.sh'), 'utf8')).toContain('az ml model share');
      expect(await readFile(join(later, '.github/workflows/train-deploy.yml'), 'utf8')).toContain(REF);
    });
  });
});
