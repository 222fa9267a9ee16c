import { execa, type Options } from 'execa';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const bin = join(repoRoot, 'bin', 'aml-scaffold.cjs');
/** The vendored Azure/azureml-examples `cli/` YAML (test/fixtures/azureml-examples/SOURCES.md). */
export const examplesDir = resolve(repoRoot, 'test', 'fixtures', 'azureml-examples', 'cli');

/** Spawn the built CLI (as users run it), never throwing: tests assert exit code and output. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: Options = {}): Promise<CliResult> {
  const r = await execa('node', [bin, ...args], {
    reject: false,
    stdin: 'ignore',
    ...options,
    env: { NO_COLOR: '1', ...options.env },
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** A fresh temporary folder, removed after the test. */
export async function tempDir(prefix = 'aml-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
