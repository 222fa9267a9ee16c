import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileTree } from '../core/tree.js';
import { generateFiles } from '../generate.js';
import { MANIFEST, type Manifest } from '../manifest.js';
import { flagName, flagValue } from '../spec/ids.js';
import { isBinaryKey } from '../templates/store.js';
import { VERSION } from '../version.js';

/** The command that renders an older version's project; `{version}` is replaced. Tests point it at a fixture. */
const DEFAULT_BASE_CMD = 'npx --yes aml-scaffold@{version}';
const TIMEOUT_MS = 180_000;

/** The base of the merge, or why it could not be had. */
export type Base = { files: FileTree } | { missing: string };

/**
 * `init` flags that make exactly the recorded spec: every field it records is given, so no default of
 * that version fills in, and no field it does not record (one a later version added) is passed to it.
 */
export function specFlags(recorded: Readonly<Record<string, unknown>>): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(recorded)) {
    if (value === undefined || value === null) continue;
    args.push(flagName(key), flagValue(value));
  }
  return args;
}

/**
 * What the recorded version generated for the recorded spec. The same version renders it here; an older
 * one is run (`npx aml-scaffold@<version> init …`, or AML_SCAFFOLD_BASE_CMD) into a temporary folder.
 */
export async function baseFor(manifest: Manifest, root: string): Promise<Base> {
  if (manifest.version === VERSION) return { files: generateFiles(manifest.spec) };
  const command = (process.env.AML_SCAFFOLD_BASE_CMD ?? DEFAULT_BASE_CMD).replaceAll('{version}', manifest.version);
  const [file, ...pre] = command.split(/\s+/).filter(Boolean);
  const tmp = mkdtempSync(join(tmpdir(), 'aml-scaffold-base-'));
  const dir = join(tmp, manifest.spec.name);
  try {
    const { execa } = await import('execa');
    // The spec as that version wrote it: readManifest completed it with this version's fields.
    const recorded = (JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as { spec: Record<string, unknown> }).spec;
    const r = await execa(file, [...pre, 'init', dir, '--yes', '--no-git', ...specFlags(recorded)], {
      reject: false,
      timeout: TIMEOUT_MS,
      stdin: 'ignore',
      env: { CI: '1' },
    });
    if (r.exitCode !== 0) {
      const why = r.timedOut ? 'timed out' : (String(r.stderr).trim().split('\n').at(-1) ?? `exit ${r.exitCode}`);
      return { missing: `aml-scaffold ${manifest.version} could not be run (${command}: ${why || `exit ${r.exitCode}`})` };
    }
    return { files: readTree(dir) };
  } catch (e) {
    return { missing: `aml-scaffold ${manifest.version} could not be run (${(e as Error).message.split('\n')[0]})` };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Every file under `dir` but the manifest and .git, as a tree (bytes for binary files). */
function readTree(dir: string, prefix = '', out: FileTree = new Map()): FileTree {
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (rel === '.git' || rel === MANIFEST) continue;
    if (e.isDirectory()) readTree(dir, rel, out);
    else if (e.isFile()) {
      const bytes = readFileSync(join(dir, rel));
      out.set(rel, isBinaryKey(rel) ? new Uint8Array(bytes) : bytes.toString('utf8'));
    }
  }
  return out;
}
