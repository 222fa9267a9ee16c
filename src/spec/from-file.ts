import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { nextSpec } from '../update/spec.js';
import { answersFromFlags, type InitFlags, oneLine } from './answers.js';
import { parseSpec } from './schema.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A file's answers, and whether it was a manifest (whose spec records every field, defaults included). */
function readAnswers(path: string): { answers: Record<string, unknown>; manifest: boolean } {
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
  if (!isObject(data)) throw new UsageError(`--from ${oneLine(path)} must hold a JSON object (a manifest or init options)`);
  if (data.tool !== 'aml-scaffold') return { answers: { ...data }, manifest: false };
  if (!isObject(data.spec)) throw new UsageError(`--from ${oneLine(path)}: the manifest has no "spec" object`);
  return { answers: { ...data.spec }, manifest: true };
}

/**
 * The answers in a file for `init --from`: a manifest (aml-scaffold.json, its `spec`) or an answers
 * file (a JSON object of init options, with the spec's keys). `-` reads stdin. The values are checked
 * later with the flags, by parseSpec, like any answer.
 */
export function specFromFile(path: string): Record<string, unknown> {
  return readAnswers(path).answers;
}

/**
 * `init --from <file>` with flags: the flags override the file. A manifest records every field, defaults
 * included, so there an option given re-derives the fields that came from its old value, as `update`
 * does (`--from a/aml-scaffold.json --framework pytorch` gets PyTorch's GPU defaults); an answers file
 * holds only choices, so its fields and the flags are simply combined.
 */
export function answersFrom(path: string, flags: InitFlags): Record<string, unknown> {
  const { answers, manifest } = readAnswers(path);
  if (!manifest) return { ...answers, ...answersFromFlags(flags) };
  return { ...nextSpec(parseSpec(answers), flags) };
}
