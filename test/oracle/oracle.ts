import { execa } from 'execa';
import { join, resolve } from 'node:path';

/** Debian's Python, where python3-azure (azure-ai-ml 1.4.0) and PyYAML live; our pydash stand-in on its path. */
export const ORACLE_PYTHON = process.env.AML_SCAFFOLD_PYTHON ?? '/usr/bin/python3';
export const ORACLE_DIR = resolve(import.meta.dirname);

export interface Verdict {
  path: string;
  kind: string;
  ok: boolean;
  error: string | null;
  applied: string[];
  yaml: unknown;
}

/** Load files with the official loaders (kind "yaml": PyYAML only). One Python process for all. */
export async function loadWithSdk(requests: Array<{ path: string; kind: string }>): Promise<Verdict[]> {
  const r = await execa(ORACLE_PYTHON, [join(ORACLE_DIR, 'load_azureml.py')], {
    input: JSON.stringify(requests),
    env: { PYTHONPATH: ORACLE_DIR, PYTHONDONTWRITEBYTECODE: '1' },
    reject: false,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.exitCode !== 0) throw new Error(`load_azureml.py failed (${r.exitCode}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Verdict[];
}

/** Whether the SDK imports here (Debian python3-azure plus the stand-in). */
export async function sdkAvailable(): Promise<boolean> {
  const r = await execa(ORACLE_PYTHON, ['-c', 'import azure.ai.ml, yaml'], {
    env: { PYTHONPATH: ORACLE_DIR },
    reject: false,
  });
  return r.exitCode === 0;
}

/** The Azure ML kind of a document from its $schema URL, or undefined. */
export function kindOf(text: string): string | undefined {
  return /^\$schema:\s*https:\/\/azuremlschemas\.azureedge\.net\/latest\/(\w+)\.schema\.json\s*$/m.exec(text)?.[1];
}
