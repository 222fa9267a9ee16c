import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST } from '../../src/manifest.js';
import { parseSpec } from '../../src/spec/schema.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { initProject } from '../helpers/project.js';

describe('--training', () => {
  it('defaults to pipeline and accepts job', () => {
    expect(parseSpec({ name: 'demo' }).training).toBe('pipeline');
    expect(parseSpec({ name: 'demo', training: 'job' }).training).toBe('job');
  });

  it('rejects anything else with the choices, as bad usage (exit 2)', async () => {
    expect(() => parseSpec({ name: 'demo', training: 'sweep' })).toThrow('invalid --training: "sweep" is not one of pipeline, job');
    const r = await runCli(['init', 'x', '--yes', '--dry-run', '--training', 'sweep']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['error: invalid --training: "sweep" is not one of pipeline, job']);
  });

  it('Triton serving trains with one job: its default, and the pipeline is refused with the reason', () => {
    expect(parseSpec({ name: 'demo', framework: 'pytorch', serving: 'triton' }).training).toBe('job');
    expect(() => parseSpec({ name: 'demo', framework: 'pytorch', serving: 'triton', training: 'pipeline' })).toThrow(
      /--serving triton needs --training job: the pipeline registers through MLflow, which cannot create the triton_model/,
    );
  });

  describe('in an existing project', () => {
    let tmp: Awaited<ReturnType<typeof tempDir>>;
    beforeEach(async () => {
      tmp = await tempDir();
    });
    afterEach(() => tmp.cleanup());

    it('a manifest written before the option reads as job, so add keeps that project a single job', async () => {
      const dir = await initProject(tmp.path, 'old', ['--training', 'job']);
      const path = join(dir, MANIFEST);
      const manifest = JSON.parse(await readFile(path, 'utf8'));
      delete manifest.spec.training;
      await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
      const r = await runCli(['add', 'privacy', '--dir', dir, '--yes']);
      expect(r.exitCode, r.stderr).toBe(0);
      const { existsSync } = await import('node:fs');
      expect(existsSync(join(dir, 'jobs', 'pipeline.yml'))).toBe(false);
      expect(existsSync(join(dir, 'components'))).toBe(false);
      expect(existsSync(join(dir, 'jobs', 'train.yml'))).toBe(true);
      expect(JSON.parse(await readFile(path, 'utf8')).spec.training).toBe('job');
    });
  });
});
