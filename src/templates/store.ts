import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED } from './bundled.js';

/** Template contents by key (`frameworks/sklearn/src/train.py`, POSIX): text, or bytes for binary files. */
export type TemplateStore = ReadonlyMap<string, string | Uint8Array>;

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

/**
 * The templates of a folder, each file read the first time it is asked for: a project uses about a
 * third of them, and reading the rest (or one big packed file) would cost more than the rendering.
 */
class FolderStore implements TemplateStore {
  readonly #loaded = new Map<string, string | Uint8Array>();
  readonly #keys: ReadonlySet<string>;

  constructor(
    readonly root: string,
    keys: readonly string[],
  ) {
    this.#keys = new Set(keys);
  }

  get size(): number {
    return this.#keys.size;
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  get(key: string): string | Uint8Array | undefined {
    if (!this.#keys.has(key)) return undefined;
    let content = this.#loaded.get(key);
    if (content === undefined) {
      content = readTemplate(this.root, key);
      this.#loaded.set(key, content);
    }
    return content;
  }

  keys(): MapIterator<string> {
    return this.#keys.values();
  }

  *entries(): MapIterator<[string, string | Uint8Array]> {
    for (const key of this.#keys) yield [key, this.get(key) as string | Uint8Array];
  }

  *values(): MapIterator<string | Uint8Array> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, string | Uint8Array]> {
    return this.entries();
  }

  forEach(fn: (value: string | Uint8Array, key: string, map: TemplateStore) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

let cached: TemplateStore | undefined;

/**
 * The bundled CLI reads dist/templates/ beside itself, its file list and compiled .hbs forms built in
 * (scripts/build.mjs); running from source (tests) lists and reads templates/.
 */
export function loadTemplates(): TemplateStore {
  if (cached) return cached;
  if (BUNDLED) {
    cached = new FolderStore(join(BUNDLED.dir, 'templates'), BUNDLED.keys);
  } else {
    const source = fileURLToPath(new URL('../../templates', import.meta.url));
    cached = new FolderStore(source, templateKeys(source));
  }
  return cached;
}

/**
 * The build-time compiled form of template `key` (a Handlebars template spec), when the CLI is the
 * bundle: its templates are exactly the files compiled with it. Running from source compiles at run time.
 */
export function precompiledSpec(key: string): object | undefined {
  return BUNDLED?.specs[key];
}

/**
 * The build-time sha256 of a template that is copied as it is, when the CLI is the bundle (its
 * dist/templates/ are the files hashed with it). Undefined running from source: hash the content.
 */
export function templateHash(key: string): string | undefined {
  return BUNDLED?.hashes[key];
}
