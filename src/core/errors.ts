/**
 * The error vocabulary. Only `src/cli/main.ts` turns these into exit codes:
 * UsageError → 2 (bad flag, bad value, unsupported combination),
 * RunError → 1 (conflicts, write failures, validation failures),
 * CancelledError → 130 (Ctrl-C).
 * The command line's entry and the commands are built apart (scripts/build.mjs), each with its own
 * copy of this module, so main.ts knows these errors by a shared brand, not by their class.
 */
const BRAND = Symbol.for('aml-scaffold.cli-error');

abstract class CliErrorBase extends Error {
  abstract readonly exitCode: 1 | 2 | 130;
  readonly details: string[] = [];
  readonly [BRAND] = true;
}

export class UsageError extends CliErrorBase {
  readonly exitCode = 2;
}

export class RunError extends CliErrorBase {
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export class CancelledError extends CliErrorBase {
  readonly exitCode = 130;
  constructor() {
    super('cancelled');
  }
}

export type CliError = UsageError | RunError | CancelledError;

export function isCliError(e: unknown): e is CliError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
