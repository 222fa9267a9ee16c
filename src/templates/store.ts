import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED } from './bundled.js';

/** Template contents by key (`frameworks/sklearn/src/train.py`, POSIX): text, or bytes for binary files. */
export interface TemplateStore {
  keys(): string[];
  has(key: string): boolean;
  /** The content, read from disk the first time it is asked for (a project uses a third of them). */
  get(key: string): string | Uint8Array | undefined;
}

const BINARY = /\.(png|jpe?g|gif|npy|npz|zip|gz|onnx|pt|pkl)$/i;

export function isBinaryKey(key: string): boolean {
  return BINARY.test(key);
}

/** Every file under `root` as a template key, sorted, without Python caches. */
export function templateKeys(root: string): string[] {
  const keys: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '__pycache__' || name === '.pytest_cache') continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else keys.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return keys;
}

/** A template's content as every reader sees it: text, or bytes for binary files. */
export function readTemplate(root: string, key: string): string | Uint8Array {
  const bytes = readFileSync(join(root, key));
  return isBinaryKey(key) ? new Uint8Array(bytes) : bytes.toString('utf8');
}

let cached: TemplateStore | undefined;

/**
 * Every template: the bundled CLI reads dist/templates/ beside itself (its keys listed by the build);
 * running from source (tests) lists and reads templates/.
 */
export function loadTemplates(): TemplateStore {
  if (cached) return cached;
  const root = BUNDLED ? join(BUNDLED.dir, 'templates') : fileURLToPath(new URL('../../templates', import.meta.url));
  const keys = BUNDLED?.keys ?? templateKeys(root);
  const known = new Set(keys);
  const read = new Map<string, string | Uint8Array>();
  cached = {
    keys: () => keys,
    has: (key) => known.has(key),
    get(key) {
      if (!known.has(key)) return undefined;
      if (!read.has(key)) read.set(key, readTemplate(root, key));
      return read.get(key);
    },
  };
  return cached;
}

/** The build-time compiled form of template `key` (a Handlebars template spec) in the bundled CLI. */
export function precompiledSpec(key: string): object | undefined {
  return BUNDLED?.specs[key];
}
