import { resolve } from 'node:path';
import { RunError, UsageError } from '../core/errors.js';
import { MANIFEST, readManifest } from '../manifest.js';
import type { InitFlags } from '../spec/answers.js';
import { baseFor } from '../update/base.js';
import { migrateSpec } from '../update/migrations.js';
import { planUpdate, type UpdatePlan } from '../update/plan.js';
import { nextSpec } from '../update/spec.js';
import { flush, recover } from '../write/flush.js';
import { line, makeIo, type Io } from './io.js';

export interface UpdateOptions extends InitFlags {
  dir?: string;
}

/**
 * `aml-scaffold update`: the recorded spec, with the options given, rendered by this version and merged
 * three ways into the project (see docs/update.md). One flush writes everything, or nothing.
 */
export async function runUpdate(opts: UpdateOptions): Promise<number> {
  const io = makeIo(Boolean(opts.json));
  const root = resolve(opts.dir ?? '.');
  if (!opts.dryRun) recover(root); // a killed run's leftovers go first: they would skew the comparison
  const manifest = readManifest(root);
  if (!manifest) throw new UsageError(`no ${MANIFEST} in ${root}; update works in projects made by aml-scaffold init`);
  const { spec, applied } = migrateSpec(nextSpec(manifest.spec, opts));
  const plan = await planUpdate(root, manifest, spec, () => baseFor(manifest, root), applied);
  report(io, plan, Boolean(opts.dryRun));
  if (opts.json) {
    const changes = plan.changes.map(({ path, action }) => ({ path, action }));
    io.out.write(`${JSON.stringify({ changes, migrations: plan.migrations })}\n`);
  }
  if (opts.dryRun || plan.manifest === undefined) return 0;
  await flush(root, { files: new Map([...plan.files, [MANIFEST, plan.manifest]]), deletes: plan.deletes });
  const conflicts = plan.changes.filter((c) => c.action === 'conflict');
  if (conflicts.length > 0) {
    throw new RunError(
      `${conflicts.length} file(s) need your decision: resolve the <<<<<<< markers, or compare with <file>.new, then run your tests`,
      conflicts.map((c) => c.newFile ?? c.path),
    );
  }
  return 0;
}

function report(io: Io, plan: UpdatePlan, dryRun: boolean): void {
  if (plan.notice) line(io.err, `notice: ${plan.notice}`);
  const shown = plan.changes.filter((c) => c.action !== 'unchanged');
  if (shown.length === 0 && plan.manifest === undefined) {
    line(io.human, 'Nothing to change: the project is up to date.');
    return;
  }
  if (shown.length === 0) line(io.human, `No file changes: only ${MANIFEST} changes (version and spec).`);
  for (const c of shown) line(io.human, `  ${c.action.padEnd(9)} ${c.path}${c.newFile ? ` (new version in ${c.newFile})` : ''}`);
  if (plan.migrations.length > 0) {
    line(io.human, '\nMigrations:');
    for (const m of plan.migrations) line(io.human, `  ${m.path}${m.line > 0 ? `:${m.line}` : ''}  ${m.id}  ${m.from} -> ${m.to}`);
  }
  if (dryRun) line(io.human, '\nNothing was written (--dry-run).');
}
