/**
 * zod issues → problems with a dotted key path, a message a person can act on, and the line/column of
 * the offending node (the key for unknown keys, the parent mapping for missing keys).
 */
import type * as z from 'zod/mini';
import { typeName } from './fields.js';
import { isCollection, locate, positionOf, type Source } from './source.js';

export type Severity = 'error' | 'warning';
export interface Problem {
  path: string;
  message: string;
  line: number;
  column: number;
  severity: Severity;
}

export const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

const EXPECTED: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg as string)) return { present: false, value: undefined };
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return { present: true, value: cur };
}

function describe(issue: z.core.$ZodIssue, present: boolean, value: unknown): string {
  const params = (issue as { params?: { hint?: string } }).params;
  const last = issue.path[issue.path.length - 1];
  if (!present && issue.path.length > 0) {
    return `missing required key "${String(last)}"${params?.hint ? ` (${params.hint})` : ''}`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeName(value)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${issue.minimum} item(s)` : `must be >= ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${issue.maximum} item(s)` : `must be <= ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** Enough to fix a file; a generated or hostile file can produce tens of thousands. */
export const MAX_PROBLEMS = 200;

/**
 * Turns the issues of one parse into positioned problems (all severity `error`). Only the first
 * MAX_PROBLEMS are located; lint.ts counts the rest as "not shown".
 */
export function toProblems(src: Source, issues: readonly z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const issue of issues.slice(0, MAX_PROBLEMS)) {
    const atKey = Boolean((issue as { params?: { atKey?: boolean } }).params?.atKey);
    const { present, value } = valueAt(src.value, issue.path);
    const where = locate(src, issue.path);
    // a block mapping or list starts on the line after its key; point at the key instead
    const onKey = where.found && (atKey || isCollection(where.node));
    const node = onKey ? (where.key ?? where.node) : where.node;
    const pos = positionOf(src, node);
    const severity = (issue as { params?: { severity?: Severity } }).params?.severity ?? 'error';
    const problem: Problem = { path: dotted(issue.path), message: describe(issue, present, value), ...pos, severity };
    const id = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(id)) out.push(problem);
    seen.add(id);
  }
  return out;
}
