/**
 * Runs the provision steps (steps.ts) in order: check, then create only what is missing. Progress goes
 * to `log` one step at a time; the first failure stops the run with the step, the command and the fix.
 * A dry run prints every command (checks and creates) and runs none.
 */
import { provisionSteps, type Facts, type ProvisionOptions, type Step } from './steps.js';
import type { Project } from './project.js';
import { CREATE_TIMEOUT_MS, firstError, printable, type Command, type Runner } from './tools.js';

export interface ProvisionFailure {
  step: string;
  title: string;
  command: string;
  error: string;
  fix: string;
}

export interface ProvisionResult {
  /** Every command shown (dry run) or run (real run), as argv arrays. */
  commands: string[][];
  created: string[];
  existing: string[];
  /** Steps left to the user (an attached Kubernetes compute that is missing), with their fix. */
  manual: { step: string; fix: string }[];
  failure?: ProvisionFailure;
}

export function dryRun(project: Project, options: ProvisionOptions, log: (line: string) => void): ProvisionResult {
  const steps = provisionSteps(project, options, {});
  const commands: string[][] = [];
  steps.forEach((step, i) => {
    log(`[${i + 1}/${steps.length}] ${step.title}`);
    if (step.check) {
      log(`    check:  ${printable(step.check)}`);
      commands.push(step.check.argv);
    }
    for (const c of step.create) {
      log(`    create: ${printable(c)}${step.blocked ? `  (would stop: ${step.blocked})` : ''}`);
      commands.push(c.argv);
    }
    if (step.create.length === 0) log(`    ${step.manual ? 'if missing, by hand' : 'if it fails'}: ${step.fix}`);
  });
  return { commands, created: [], existing: [], manual: [] };
}

function toolMissing(cmd: Command): string {
  return cmd.argv[0] === 'gh'
    ? 'install the GitHub CLI (https://cli.github.com), version 2.31 or later'
    : 'install the Azure CLI (https://aka.ms/installazurecli)';
}

export async function runProvision(
  project: Project,
  options: ProvisionOptions,
  run: Runner,
  log: (line: string) => void,
): Promise<ProvisionResult> {
  let facts: Facts = {};
  const result: ProvisionResult = { commands: [], created: [], existing: [], manual: [] };
  const count = provisionSteps(project, options, facts).length;
  const exec = async (cmd: Command, timeout?: number) => {
    result.commands.push(cmd.argv);
    return run(cmd, timeout);
  };
  const fail = (step: Step, cmd: Command | undefined, error: string, fix: string): ProvisionResult => {
    result.failure = { step: step.id, title: step.title, command: cmd ? printable(cmd) : '', error, fix };
    log(`    failed: ${error}`);
    return result;
  };
  for (let i = 0; i < count; i++) {
    // Rebuilt at each step: later commands use what earlier ones learned (subscription, identity IDs).
    const step = provisionSteps(project, options, facts)[i];
    log(`[${i + 1}/${count}] ${step.title}`);
    if (step.check) {
      const r = await exec(step.check);
      if (r.missing) return fail(step, step.check, `${step.check.argv[0]} is not installed`, toolMissing(step.check));
      if (r.exitCode === 0 && (step.present?.(r.stdout) ?? true)) {
        facts = { ...facts, ...defined(step.learn?.(r.stdout)) };
        result.existing.push(step.id);
        log(step.create.length === 0 ? '    ok' : '    exists');
        continue;
      }
      if (step.create.length === 0) {
        if (step.manual) {
          result.manual.push({ step: step.id, fix: step.fix });
          log(`    missing; by hand: ${step.fix}`);
          continue;
        }
        return fail(step, step.check, firstError(r), step.fix);
      }
    }
    if (step.blocked) return fail(step, step.create[0], step.blocked, step.fix);
    for (const cmd of step.create) {
      log(`    creating: ${printable(cmd)}`);
      const r = await exec(cmd, CREATE_TIMEOUT_MS);
      if (r.missing) return fail(step, cmd, `${cmd.argv[0]} is not installed`, toolMissing(cmd));
      if (r.exitCode !== 0) return fail(step, cmd, firstError(r), step.fix);
      facts = { ...facts, ...defined(step.learn?.(r.stdout)), ...step.onCreate };
    }
    result.created.push(step.id);
    log('    created');
  }
  return result;
}

/** Only the facts a step found (a missing field must not erase one learned before). */
function defined(f: Facts | undefined): Facts {
  return Object.fromEntries(Object.entries(f ?? {}).filter(([, v]) => v !== undefined)) as Facts;
}
