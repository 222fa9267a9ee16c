import { createRequire } from 'node:module';

/**
 * Ruff (the same linter the generated CI runs), as WebAssembly from npm: no Python download needed.
 * Settings mirror the generated pyproject.toml: line length 100, rules E, F, W.
 */
const require = createRequire(import.meta.url);
const ruff = require('@astral-sh/ruff-wasm-nodejs') as {
  Workspace: new (options: unknown, encoding: number) => { check(source: string): RuffDiagnostic[] };
  PositionEncoding: { Utf8: number };
};

export interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: { row: number; column: number };
}

let workspace: { check(source: string): RuffDiagnostic[] } | undefined;

export function ruffCheck(source: string): string[] {
  workspace ??= new ruff.Workspace({ 'line-length': 100, lint: { select: ['E', 'F', 'W'] } }, ruff.PositionEncoding.Utf8);
  return workspace.check(source).map((d) => `${d.start_location.row}:${d.start_location.column} ${d.code ?? ''} ${d.message}`);
}
