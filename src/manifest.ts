import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import './zod-config.js';
import * as z from 'zod/mini';
import { RunError, UsageError } from './core/errors.js';
import type { FileTree } from './core/tree.js';
import { sha256 } from './hash/sha256.js';
import { byCodeUnit } from './order.js';
import { parseSpec, type Spec } from './spec/schema.js';
import { entryAt } from './tree/disk.js';
import { VERSION } from './version.js';

export const MANIFEST = 'aml-scaffold.json';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

/** What `init` records and `add`, `update` and `init --force` read: tool version, the full spec, a sha256 per file. */
const ManifestSchema = z.object({
  tool: z.literal('aml-scaffold'),
  version: z.string().check(z.regex(SEMVER, 'must be a version like 1.2.3')),
  manifestVersion: z.literal(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  spec: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex'))),
});

export interface Manifest {
  tool: 'aml-scaffold';
  version: string;
  manifestVersion: 1;
  createdAt: string;
  updatedAt: string;
  spec: Spec;
  files: Record<string, string>;
}

export function buildManifest(spec: Spec, tree: FileTree, version: string, createdAt?: string): Manifest {
  const now = new Date().toISOString();
  const files: Record<string, string> = {};
  for (const path of [...tree.keys()].sort(byCodeUnit)) files[path] = sha256(tree.get(path) as string | Uint8Array);
  return { tool: 'aml-scaffold', version, manifestVersion: 1, createdAt: createdAt ?? now, updatedAt: now, spec, files };
}

export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** Whether two manifests describe the same project (timestamps and tool version aside). */
export function sameProject(a: Manifest, b: Manifest): boolean {
  return JSON.stringify([a.spec, a.files]) === JSON.stringify([b.spec, b.files]);
}

/** -1, 0, 1 as version a is older than, equal to, newer than b (pre-release tags ignored). */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a)?.slice(1).map(Number) ?? [];
  const pb = SEMVER.exec(b)?.slice(1).map(Number) ?? [];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
  return 0;
}

/**
 * The manifest of the project in `root`: undefined when there is none; a UsageError (exit 2) naming the
 * field when it is malformed, or when a newer aml-scaffold wrote it (this one would silently drop what
 * it does not know).
 */
export function readManifest(root: string): Manifest | undefined {
  const entry = entryAt(root, MANIFEST);
  if (entry.kind === 'missing') return undefined;
  // Never opened unless it is a regular file: a FIFO would block the read.
  if (entry.kind === 'other') throw new RunError(`${MANIFEST} is ${entry.what}, not a regular file; move it away and run again (nothing was changed)`);
  let text: string;
  try {
    text = readFileSync(join(root, MANIFEST), 'utf8');
  } catch (e) {
    throw new RunError(`cannot read ${MANIFEST} (${(e as NodeJS.ErrnoException).code}); nothing was changed`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${MANIFEST} is not valid JSON (${(e as Error).message}); restore it from version control`);
  }
  const parsed = ManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${MANIFEST}: field "${issue.path.join('.') || '(root)'}" ${issue.message}; restore it from version control`);
  }
  const m = parsed.data;
  if (compareVersions(m.version, VERSION) > 0) {
    throw new UsageError(`${MANIFEST} was made by aml-scaffold ${m.version}; this is ${VERSION}: upgrade the tool (npx aml-scaffold@${m.version})`);
  }
  let spec: Spec;
  try {
    // Projects made before --training existed train with one command job: keep them so.
    spec = parseSpec({ training: 'job', ...m.spec });
  } catch (e) {
    throw new UsageError(`${MANIFEST}: field "spec" ${(e as Error).message}`);
  }
  return { ...m, spec } as Manifest;
}
