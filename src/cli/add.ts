import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { classify, type Change } from '../add/changes.js';
import { generate } from '../generate.js';
import { MANIFEST, type Manifest } from '../manifest.js';
import { oneLine } from '../spec/answers.js';
import { EXTRAS, TARGETS } from '../spec/ids.js';
import { parseSpec, type Spec } from '../spec/schema.js';
import { applyFiles, assertNoLinks } from '../write/write.js';
import { RunError, UsageError } from './errors.js';
import { line, makeIo } from './io.js';

export interface AddOptions {
  dir?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

async function readManifest(root: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(root, MANIFEST), 'utf8');
  } catch {
    throw new UsageError(`no ${MANIFEST} in ${root}; add works in projects made by aml-scaffold init`);
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.tool !== 'aml-scaffold' || typeof m.spec !== 'object' || typeof m.files !== 'object') throw new Error('shape');
    return m;
  } catch {
    throw new UsageError(`${MANIFEST} in ${root} is not an aml-scaffold manifest`);
  }
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

async function readDisk(root: string, paths: string[]): Promise<Map<string, Uint8Array | undefined>> {
  const disk = new Map<string, Uint8Array | undefined>();
  for (const p of paths) {
    assertNoLinks(root, p);
    disk.set(p, await readFile(join(root, p)).then((b) => new Uint8Array(b), () => undefined));
  }
  return disk;
}

export async function runAdd(features: string[], opts: AddOptions): Promise<number> {
  const io = makeIo(Boolean(opts.json));
  const root = resolve(opts.dir ?? '.');
  const manifest = await readManifest(root);
  const spec = parseSpec(applyFeatures(manifest.spec, features));
  const tree = generate(spec, manifest.createdAt);
  const manifestText = tree.get(MANIFEST) as string;
  tree.delete(MANIFEST);
  const disk = await readDisk(root, [...tree.keys()]);
  const changes = classify(tree, disk, manifest.files);
  report(io, changes, Boolean(opts.dryRun));
  if (opts.json) io.out.write(`${JSON.stringify({ changes })}\n`);
  const conflicts = changes.filter((c) => c.action === 'conflict');
  if (opts.dryRun) return 0;
  const writes = new Map<string, string | Uint8Array>();
  for (const c of changes) {
    if (c.action === 'create' || c.action === 'update') writes.set(c.path, tree.get(c.path) as string | Uint8Array);
    if (c.action === 'conflict') writes.set(`${c.path}.new`, tree.get(c.path) as string | Uint8Array);
  }
  if (writes.size === 0 && JSON.stringify(manifest.spec) === JSON.stringify(spec)) return 0;
  writes.set(MANIFEST, manifestText);
  for (const p of writes.keys()) assertNoLinks(root, p);
  await applyFiles(root, writes, [...writes.keys()]);
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
