/**
 * `aml-scaffold doctor`: checks what a generated project needs (src/azure/doctor.ts).
 * Exit 0 when every check passes, 1 otherwise, 2 for bad usage (no manifest).
 */
import { runDoctor, type Check } from '../azure/doctor.js';
import { readProject } from '../azure/project.js';
import { runTool, type Runner } from '../azure/tools.js';
import { githubRepoOf } from './provision.js';
import { line, makeIo } from './io.js';

export interface DoctorCliOptions {
  json?: boolean;
  dir?: string;
}

/** What tests replace: the tool runner and the Node version being judged. */
export interface DoctorDeps {
  run?: Runner;
  nodeVersion?: string;
  today?: string;
}

export async function runDoctorCli(opts: DoctorCliOptions, deps: DoctorDeps = {}): Promise<number> {
  const io = makeIo(Boolean(opts.json));
  const project = readProject(opts.dir ?? '.');
  const run = deps.run ?? runTool;
  const repo = await githubRepoOf(project.root, undefined, run);
  const checks = await runDoctor(project, {
    run,
    nodeVersion: deps.nodeVersion ?? process.versions.node,
    today: deps.today ?? new Date().toISOString().slice(0, 10),
    repo,
  });
  if (opts.json) io.out.write(`${JSON.stringify({ checks })}\n`);
  else report(checks, (text) => line(io.human, text));
  return checks.every((c) => c.ok) ? 0 : 1;
}

function report(checks: Check[], out: (text: string) => void): void {
  for (const c of checks) {
    out(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.id.padEnd(20)} ${c.message}`);
    if (!c.ok && c.fix) out(`      ${''.padEnd(20)} fix: ${c.fix}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  out(failed === 0 ? '\nAll checks passed.' : `\n${failed} of ${checks.length} checks failed.`);
}
