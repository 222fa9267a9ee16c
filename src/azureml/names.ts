/**
 * Naming rules from facts §15. Only rules the service enforces are errors here; the ❓ rows
 * (asset name charset, job names) stay unchecked so valid files are never rejected.
 */
import { check, typeName } from './fields.js';

/**
 * Online/batch endpoint and deployment names: 3–32 chars and the SDK's pattern
 * `^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$` (a letter first, letters, digits and hyphens, `my--endpoint`
 * included, ending with a letter or digit).
 */
export function endpointNameProblem(name: string, what = 'name'): string | undefined {
  const rule = `${what} must be 3–32 characters: a letter first, then letters, digits or hyphens, ending with a letter or digit`;
  if (name.length < 3 || name.length > 32) return `${rule} (got ${name.length} characters)`;
  if (!/^[A-Za-z]/.test(name)) return `${rule} (must start with a letter)`;
  if (/[^A-Za-z0-9-]/.test(name)) return `${rule} (contains "${name.match(/[^A-Za-z0-9-]/)![0]}")`;
  if (!/[A-Za-z0-9]$/.test(name)) return `${rule} (ends with "-")`;
  return undefined;
}

export const endpointName = (what = 'name') =>
  check((v) => (typeof v === 'string' ? endpointNameProblem(v, what) : `expected a string, got ${typeName(v)}`));

/** The `AzureML` prefix is reserved for curated environments (facts §4, §15). */
export const environmentName = () =>
  check((v) => {
    if (typeof v !== 'string') return `expected a string, got ${typeName(v)}`;
    if (v.trim() === '') return 'must not be empty';
    if (v.startsWith('AzureML')) return `environment name "${v}" must not start with "AzureML" (reserved for curated environments)`;
    return undefined;
  });

/** Pipeline step names (the keys of `jobs:`) must be Python identifiers in the SDK. */
export const stepNameProblem = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? undefined : `step name "${name}" must be letters, digits and underscores, not starting with a digit`;
