// Every official example must validate with 0 errors (facts §1.2). Local paths (code: src, …) were
// not vendored, so missing-path warnings are expected; errors are not.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/azureml/lint.js';
import { examplesDir } from './helpers.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

const files = listFiles(examplesDir)
  .map((abs) => ({ abs, path: relative(examplesDir, abs).split('\\').join('/') }))
  .sort((a, b) => a.path.localeCompare(b.path));
const exists = (p: string) => existsSync(join(examplesDir, p));

/** Files that are not Azure ML kinds and must be skipped; conda files must be detected as conda. */
const SKIPPED = /(^|\/)(MLmodel|Dockerfile|requirements\.txt|SOURCES\.md)$/;
const CONDA = /((^|\/)conda\.ya?ml|\/pydata\.yml|\/triton-densenet-scoring-env\.yaml)$/;

describe('official examples', () => {
  it('are all present', () => {
    expect(files.length).toBeGreaterThanOrEqual(66);
  });

  it.each(files)('$path has no errors', ({ abs, path }) => {
    const report = validateFiles([{ path, text: readFileSync(abs, 'utf8') }], { exists }).files[0];
    expect(report.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(report.valid).toBe(true);
    if (SKIPPED.test(path)) expect(report.kind).toBe('skipped');
    else if (CONDA.test(path)) expect(report.kind).toBe('conda');
    else expect(report.kind).not.toBe('skipped');
  });

  it('validate together (endpoint_name matching across files) with no errors; strict only adds path errors', () => {
    const all = files.map(({ abs, path }) => ({ path, text: readFileSync(abs, 'utf8') }));
    const result = validateFiles(all, { exists });
    expect(result.files.flatMap((f) => f.errors.filter((e) => e.severity === 'error'))).toEqual([]);
    expect(result.valid).toBe(true);
    // strict only turns missing local paths into errors; nothing else may fail
    const strict = validateFiles(all, { exists, strict: true });
    const nonPath = strict.files.flatMap((f) => f.errors).filter((e) => !/not found \(looked for/.test(e.message));
    expect(nonPath).toEqual([]);
  });

  it('detects the kinds the $schema lines name', () => {
    const kinds = validateFiles(
      files.map(({ abs, path }) => ({ path, text: readFileSync(abs, 'utf8') })),
      { exists },
    ).files.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.kind]: (acc[f.kind] ?? 0) + 1 }), {});
    expect(kinds).toMatchObject({
      commandJob: 21,
      sweepJob: 3,
      environment: 3,
      model: 2,
      managedOnlineEndpoint: 5,
      kubernetesOnlineEndpoint: 1,
      managedOnlineDeployment: 9,
      kubernetesOnlineDeployment: 2,
      batchEndpoint: 2,
      modelBatchDeployment: 5,
      conda: 8,
      skipped: 5,
    });
  });
});
