import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import type { FileTree } from '../core/tree.js';
import { generateFiles } from '../generate.js';
import { sha256 } from '../hash/sha256.js';
import { buildManifest, type Manifest, manifestText, sameProject } from '../manifest.js';
import { byCodeUnit } from '../order.js';
import type { Spec } from '../spec/schema.js';
import { hashAt } from '../tree/disk.js';
import { VERSION } from '../version.js';
import type { Base } from './base.js';
import { mergeText } from './merge.js';
import { type Applied, migrateText } from './migrations.js';

/**
 * create: new in this rendering · update: you never changed it, so it takes the new rendering ·
 * merge: you changed it and the new rendering (or a migration) changed it too, without overlap ·
 * conflict: both changed the same lines (git markers in the file), or no merge was possible (the new
 * rendering in <file>.new) · delete: the new project no longer has it and you never changed it ·
 * keep: the new project no longer has it, but you changed it · unchanged: nothing to write.
 */
export type UpdateAction = 'create' | 'update' | 'merge' | 'conflict' | 'delete' | 'keep' | 'unchanged';

export interface UpdateChange {
  path: string;
  action: UpdateAction;
  /** For a conflict: where the new rendering went, when it is not in the file itself. */
  newFile?: string;
}

export interface UpdatePlan {
  changes: UpdateChange[];
  files: Map<string, string | Uint8Array>;
  deletes: string[];
  /** The new manifest; undefined when nothing changes. */
  manifest?: string;
  migrations: Applied[];
  /** One line, when the recorded version's rendering could not be had. */
  notice?: string;
}

/** A file's text, or undefined for bytes that are not UTF-8 (never merged line by line). */
function textAt(root: string, path: string): string | undefined {
  const bytes = readFileSync(join(root, path));
  return isUtf8(bytes) && !bytes.includes(0) ? bytes.toString('utf8') : undefined;
}

/**
 * The three-way update of the project in `root`: base = what `manifest.version` generated for the
 * recorded spec (asked of `loadBase` only when a file changed on both sides), ours = `spec` rendered
 * by this version, theirs = the disk. Whether the user changed a file is its hash against the manifest.
 */
export async function planUpdate(root: string, manifest: Manifest, spec: Spec, loadBase: () => Promise<Base>, specMigrations: Applied[] = []): Promise<UpdatePlan> {
  const ours = generateFiles(spec);
  const recorded = manifest.files;
  const plan: UpdatePlan = { changes: [], files: new Map(), deletes: [], migrations: [...specMigrations] };
  const both: string[] = [];
  const set = (path: string, action: UpdateAction, newFile?: string) => plan.changes.push({ path, action, ...(newFile && { newFile }) });
  const conflictBeside = (path: string, content: string | Uint8Array) => {
    plan.files.set(`${path}.new`, content);
    set(path, 'conflict', `${path}.new`);
  };
  /** Your content kept, with migrations applied to it: written only when they change it. */
  const keepTheirs = (path: string, action: UpdateAction) => {
    const text = textAt(root, path);
    const m = text === undefined ? undefined : migrateText(path, text);
    if (m && m.applied.length > 0) {
      plan.files.set(path, m.text);
      plan.migrations.push(...m.applied);
      set(path, action === 'unchanged' ? 'merge' : action);
    } else set(path, action);
  };

  for (const [path, content] of ours) {
    const theirs = hashAt(root, path);
    const mine = sha256(content);
    const base = recorded[path];
    if (theirs === undefined) {
      if (base === undefined) {
        plan.files.set(path, content);
        set(path, 'create');
      } else if (base === mine) set(path, 'unchanged'); // you deleted it and it did not change: it stays deleted
      else conflictBeside(path, content); // you deleted it and it changed
    } else if (theirs === mine) set(path, 'unchanged');
    else if (theirs === base) {
      plan.files.set(path, content);
      set(path, 'update');
    } else if (base === mine) keepTheirs(path, 'unchanged');
    else both.push(path);
  }

  let baseFiles: FileTree | undefined;
  if (both.some((p) => recorded[p] !== undefined)) {
    const b = await loadBase();
    if ('files' in b) baseFiles = b.files;
    else plan.notice = `${b.missing}; merging without it: each file changed by both you and aml-scaffold gets the new version beside it as <file>.new`;
  }
  for (const path of both) {
    const content = ours.get(path) as string | Uint8Array;
    const theirs = typeof content === 'string' ? textAt(root, path) : undefined;
    // A file we never generated merges from nothing (git's add/add); otherwise the base must be what we wrote.
    const baseContent = recorded[path] === undefined ? '' : baseFiles?.get(path);
    const baseOk = baseContent !== undefined && (recorded[path] === undefined || sha256(baseContent) === recorded[path]);
    if (theirs === undefined || typeof content !== 'string' || !baseOk || typeof baseContent !== 'string') {
      conflictBeside(path, content);
      continue;
    }
    const merged = mergeText(theirs, baseContent, content, VERSION);
    const m = migrateText(path, merged.text);
    plan.migrations.push(...m.applied);
    plan.files.set(path, m.text);
    set(path, merged.conflict ? 'conflict' : 'merge');
  }

  for (const path of Object.keys(recorded).filter((p) => !ours.has(p))) {
    const theirs = hashAt(root, path);
    if (theirs === undefined) continue;
    if (theirs === recorded[path]) {
      plan.deletes.push(path);
      set(path, 'delete');
    } else keepTheirs(path, 'keep');
  }

  plan.changes.sort((a, b) => byCodeUnit(a.path, b.path));
  const next = buildManifest(spec, ours, VERSION, manifest.createdAt);
  if (plan.files.size > 0 || plan.deletes.length > 0 || !sameProject(manifest, next) || manifest.version !== VERSION) plan.manifest = manifestText(next);
  return plan;
}
