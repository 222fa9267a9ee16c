import { resolve } from 'node:path';
import { RunError, UsageError } from '../core/errors.js';
import { MANIFEST, readManifest } from '../manifest.js';
import { oneLine } from '../spec/answers.js';
import { EXTRAS, TARGETS } from '../spec/ids.js';
import { parseSpec, type Spec } from '../spec/schema.js';
import type { Change } from '../tree/diff.js';
import { propose } from '../tree/propose.js';
import { flush, recover } from '../write/flush.js';
import { line, makeIo } from './io.js';

export interface AddOptions {
  dir?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** `onnx sweep` → extras; `target online` → the deployment target. */
export function applyFeatures(spec: Spec, features: string[]): Record<string, unknown> {
  const next: Record<string, unknown> = { ...spec, extras: [...spec.extras] };
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    if (f === 'target') {
      const t = features[++i];
      if (!t || !(TARGETS as readonly string[]).includes(t) || t === 'none') {
        throw new UsageError(`add target needs one of online, kubernetes, batch${t ? `, not "${oneLine(t)}"` : ''}`);
      }
      if (spec.target !== 'none' && spec.target !== t) {
        throw new UsageError(`this project already deploys to ${spec.target}; add target only extends training-only projects`);
      }
      next.target = t;
    } else if ((EXTRAS as readonly string[]).includes(f)) {
      (next.extras as string[]).push(f);
    } else {
      throw new UsageError(`unknown feature "${oneLine(f)}"; choose from ${EXTRAS.join(', ')} or "target <online|kubernetes|batch>"`);
    }
  }
  return next;
}

export async function runAdd(features: string[], opts: AddOptions): Promise<number> {
  const io = makeIo(Boolean(opts.json));
  const root = resolve(opts.dir ?? '.');
  if (!opts.dryRun) recover(root); // a killed run's leftovers go first: they would skew the comparison
  const manifest = readManifest(root);
  if (!manifest) throw new UsageError(`no ${MANIFEST} in ${root}; add works in projects made by aml-scaffold init`);
  const spec = parseSpec(applyFeatures(manifest.spec, features));
  const proposal = propose(root, spec, manifest);
  const changes = proposal.changes.filter((c) => c.action !== 'keep');
  report(io, changes, Boolean(opts.dryRun));
  if (opts.json) io.out.write(`${JSON.stringify({ changes })}\n`);
  if (opts.dryRun || proposal.manifest === undefined) return 0;
  const files = new Map<string, string | Uint8Array>();
  for (const c of changes) {
    const content = proposal.files.get(c.path) as string | Uint8Array;
    if (c.action === 'create' || c.action === 'update') files.set(c.path, content);
    if (c.action === 'conflict') files.set(`${c.path}.new`, content);
  }
  files.set(MANIFEST, proposal.manifest);
  await flush(root, { files });
  const conflicts = changes.filter((c) => c.action === 'conflict');
  if (conflicts.length > 0) {
    throw new RunError(
      `${conflicts.length} file(s) you changed were not overwritten; the proposed content is beside each as <file>.new`,
      conflicts.map((c) => `${c.path}.new`),
    );
  }
  return 0;
}

function report(io: ReturnType<typeof makeIo>, changes: Change[], dryRun: boolean): void {
  const shown = changes.filter((c) => c.action !== 'unchanged');
  if (shown.length === 0) {
    line(io.human, 'Nothing to change: the project already has these features.');
    return;
  }
  for (const c of shown) line(io.human, `  ${c.action.padEnd(9)} ${c.path}${c.action === 'conflict' ? ` (proposed content in ${c.path}.new)` : ''}`);
  if (dryRun) line(io.human, '\nNothing was written (--dry-run).');
}
