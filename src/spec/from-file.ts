import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { oneLine } from './answers.js';

/**
 * The answers in a file for `init --from`: a manifest (aml-scaffold.json, its `spec`) or an answers
 * file (a JSON object of init options, with the spec's keys). `-` reads stdin. The values are checked
 * later with the flags, by parseSpec, like any answer.
 */
export function specFromFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --from ${oneLine(path)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--from ${oneLine(path)} is not valid JSON (${oneLine((e as Error).message)})`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(data)) throw new UsageError(`--from ${oneLine(path)} must hold a JSON object (a manifest or init options)`);
  if (data.tool === 'aml-scaffold') {
    if (!isObject(data.spec)) throw new UsageError(`--from ${oneLine(path)}: the manifest has no "spec" object`);
    return { ...data.spec };
  }
  return { ...data };
}
