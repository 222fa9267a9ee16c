import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Template contents by key (`frameworks/sklearn/src/train.py`, POSIX): text, or bytes for binary files. */
export type TemplateStore = ReadonlyMap<string, string | Uint8Array>;

const BINARY = /\.(png|jpe?g|gif|npy|npz|zip|gz|onnx|pt|pkl)$/i;

export function isBinaryKey(key: string): boolean {
  return BINARY.test(key);
}

/** Serialised form shipped in dist/templates.json: one file read instead of a directory walk. */
export type PackedTemplates = Record<string, { text: string } | { base64: string }>;

export function packTemplates(root: string): PackedTemplates {
  const packed: PackedTemplates = {};
  for (const file of walk(root)) {
    const key = relative(root, file).split(sep).join('/');
    const bytes = readFileSync(file);
    packed[key] = isBinaryKey(key) ? { base64: bytes.toString('base64') } : { text: bytes.toString('utf8') };
  }
  return packed;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (name === '__pycache__' || name === '.pytest_cache') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

export function unpack(packed: PackedTemplates): TemplateStore {
  const store = new Map<string, string | Uint8Array>();
  for (const [key, v] of Object.entries(packed)) {
    store.set(key, 'text' in v ? v.text : new Uint8Array(Buffer.from(v.base64, 'base64')));
  }
  return store;
}

let cached: TemplateStore | undefined;

/**
 * The bundled CLI reads dist/templates.json beside itself; running from source (tests) reads templates/.
 */
export function loadTemplates(): TemplateStore {
  if (cached) return cached;
  const here = fileURLToPath(new URL('.', import.meta.url));
  // The bundle may put this code in dist/ or in dist/chunks/.
  for (const candidate of [join(here, 'templates.json'), join(here, '..', 'templates.json')]) {
    let text: string;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch {
      continue;
    }
    cached = unpack(JSON.parse(text) as PackedTemplates);
    return cached;
  }
  cached = unpack(packTemplates(join(here, '..', '..', 'templates')));
  return cached;
}
