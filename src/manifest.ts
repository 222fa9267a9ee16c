import { sha256 } from './hash/sha256.js';
import { byCodeUnit } from './order.js';
import type { FileTree } from './render/render.js';
import type { Spec } from './spec/schema.js';

export const MANIFEST = 'aml-scaffold.json';

/** What `init` records and `add` reads: tool version, the full spec and a sha256 per generated file. */
export interface Manifest {
  tool: 'aml-scaffold';
  version: string;
  manifestVersion: 1;
  createdAt: string;
  updatedAt: string;
  spec: Spec;
  files: Record<string, string>;
}

/**
 * `known`: hashes computed before, by path (the build hashes every template that is copied as it is);
 * every other file is hashed here.
 */
export function buildManifest(spec: Spec, tree: FileTree, version: string, createdAt?: string, known?: ReadonlyMap<string, string>): Manifest {
  const now = new Date().toISOString();
  const files: Record<string, string> = {};
  for (const [path, content] of [...tree].sort(([a], [b]) => byCodeUnit(a, b))) {
    files[path] = known?.get(path) ?? sha256(content);
  }
  return { tool: 'aml-scaffold', version, manifestVersion: 1, createdAt: createdAt ?? now, updatedAt: now, spec, files };
}

export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
