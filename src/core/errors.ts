/**
 * The error vocabulary. Only `src/cli/main.ts` turns these into exit codes:
 * UsageError → 2 (bad flag, bad value, unsupported combination),
 * RunError → 1 (conflicts, write failures, validation failures),
 * CancelledError → 130 (Ctrl-C).
 */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class RunError extends Error {
  readonly exitCode = 1;
  constructor(message: string, readonly details: string[] = []) {
    super(message);
  }
}

export class CancelledError extends Error {
  readonly exitCode = 130;
  constructor() {
    super('cancelled');
  }
}

export type CliError = UsageError | RunError | CancelledError;

export function isCliError(e: unknown): e is CliError {
  return e instanceof UsageError || e instanceof RunError || e instanceof CancelledError;
}
