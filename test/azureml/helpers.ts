import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFiles, type FileReport, type ValidateOptions } from '../../src/azureml/lint.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
/** The vendored official examples: every YAML under Azure/azureml-examples `cli/` (MIT, see SOURCES.md). */
export const examplesRoot = resolve(here, '../fixtures/azureml-examples');
export const examplesDir = resolve(examplesRoot, 'cli');
export const badDir = resolve(here, '../fixtures/azureml-bad');

export const schema = (kind: string) => `$schema: https://azuremlschemas.azureedge.net/latest/${kind}.schema.json\n`;

/** Validate one in-memory file; nothing exists on "disk" unless `exists` says so. */
export function lint(text: string, opts: Partial<ValidateOptions> & { path?: string } = {}): FileReport {
  const { path = 'project/file.yml', ...rest } = opts;
  return validateFiles([{ path, text }], { exists: () => false, ...rest }).files[0];
}

/** Problems of one severity as `line:column path` strings, for compact assertions. */
export const where = (r: FileReport, severity: 'error' | 'warning' = 'error') =>
  r.errors.filter((e) => e.severity === severity).map((e) => `${e.line}:${e.column} ${e.path}`);
