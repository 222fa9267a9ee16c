// The real corpus: every YAML file under Azure/azureml-examples `cli/` (vendored, MIT; see
// test/fixtures/azureml-examples/SOURCES.md), each with an expected verdict in corpus-expectations.json:
// - valid: checked as `kind`, no error, no placeholder;
// - placeholder-template: checked as `kind`, no error, its placeholders reported as such;
// - skipped: not an Azure ML file, with the reason validate gives (nothing is skipped silently);
// - known-wrong-upstream: the errors listed, each explained in `reason` (and, where the official
//   loader can judge, its verdict in `oracle`; see oracle.test.ts).
// Run non-strict: code, data and models were not vendored, so missing local paths are warnings.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/azureml/lint.js';
import { examplesDir, examplesRoot } from './helpers.js';

interface Expectation {
  verdict: 'valid' | 'placeholder-template' | 'skipped' | 'known-wrong-upstream';
  kind?: string;
  reason?: string;
  placeholders?: string[];
  errors?: string[];
  oracle?: 'rejects' | 'accepts';
}

const expectations = JSON.parse(readFileSync(join(import.meta.dirname, 'corpus-expectations.json'), 'utf8')) as Record<string, Expectation>;

const list = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? list(join(dir, d.name)) : /\.ya?ml$/i.test(d.name) ? [join(dir, d.name)] : []));
const files = list(examplesDir)
  .map((abs) => ({ path: relative(examplesRoot, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') }))
  .sort((a, b) => (a.path < b.path ? -1 : 1));
const inRoot = (p: string) => join(examplesRoot, p);
const result = validateFiles(files, { exists: (p) => existsSync(inRoot(p)), read: (p) => (existsSync(inRoot(p)) ? readFileSync(inRoot(p), 'utf8') : undefined) });
const reports = new Map(result.files.map((f) => [f.path, f]));

describe('azureml-examples cli/ corpus', () => {
  it('has all 580 YAML files, each with exactly one expectation', () => {
    expect(files.length).toBe(580);
    expect(Object.keys(expectations).sort()).toEqual(files.map((f) => f.path));
  });

  it.each(files.map((f) => [f.path, expectations[f.path]?.verdict ?? 'missing'] as const))('%s: %s', (path) => {
    const want = expectations[path];
    const got = reports.get(path)!;
    const errors = got.errors.filter((e) => e.severity === 'error').map((e) => `${e.path}: ${e.message}`);
    const placeholders = [...new Set(got.errors.filter((e) => e.message.startsWith('template placeholder ')).map((e) => e.message.slice(21)))];
    switch (want.verdict) {
      case 'valid':
        expect({ kind: got.kind, errors, placeholders }).toEqual({ kind: want.kind, errors: [], placeholders: [] });
        break;
      case 'placeholder-template':
        expect({ kind: got.kind, errors, placeholders: placeholders.sort() }).toEqual({ kind: want.kind, errors: [], placeholders: [...want.placeholders!].sort() });
        break;
      case 'skipped':
        expect(want.reason).toMatch(/\w/);
        expect({ kind: got.kind, reason: got.reason }).toEqual({ kind: 'skipped', reason: want.reason });
        break;
      case 'known-wrong-upstream':
        expect(want.reason!.length).toBeGreaterThan(40); // a real explanation
        expect(want.reason).not.toMatch(/TODO/);
        expect({ kind: got.kind, errors }).toEqual({ kind: want.kind, errors: want.errors });
        break;
    }
  });

  it('reports errors only in the files known to be wrong upstream (no false errors)', () => {
    const withErrors = result.files.filter((f) => !f.valid).map((f) => f.path);
    const known = Object.entries(expectations).filter(([, e]) => e.verdict === 'known-wrong-upstream').map(([p]) => p);
    expect(withErrors.sort()).toEqual(known.sort());
  });
});
