import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Template contents by key (`frameworks/sklearn/src/train.py`, POSIX): text, or bytes for binary files. */
export type TemplateStore = ReadonlyMap<string, string | Uint8Array>;

const BINARY = /\.(png|jpe?g|gif|npy|npz|zip|gz|onnx|pt|pkl)$/i;

export function isBinaryKey(key: string): boolean {
  return BINARY.test(key);
}

/**
 * Serialised form shipped in dist/templates.json: one file read instead of a directory walk.
 * `spec` is the JavaScript source of a `.hbs` template precompiled at build time (scripts/build.mjs),
 * so the CLI ships the Handlebars runtime only and compiles nothing when it runs.
 */
export type PackedTemplates = Record<string, { text: string; spec?: string } | { base64: string }>;

export function packTemplates(root: string, precompile?: (source: string, key: string) => string): PackedTemplates {
  const packed: PackedTemplates = {};
  for (const file of walk(root)) {
    const key = relative(root, file).split(sep).join('/');
    const bytes = readFileSync(file);
    if (isBinaryKey(key)) {
      packed[key] = { base64: bytes.toString('base64') };
      continue;
    }
    const text = bytes.toString('utf8');
    packed[key] = precompile && key.endsWith('.hbs') ? { text, spec: precompile(text, key) } : { text };
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

let cached: TemplateStore | undefined;
const specs = new Map<string, { text: string; spec: string }>();

export function unpack(packed: PackedTemplates): TemplateStore {
  const store = new Map<string, string | Uint8Array>();
  for (const [key, v] of Object.entries(packed)) {
    if ('base64' in v) {
      store.set(key, new Uint8Array(Buffer.from(v.base64, 'base64')));
      continue;
    }
    store.set(key, v.text);
    if (v.spec !== undefined) specs.set(key, { text: v.text, spec: v.spec });
  }
  return store;
}

/**
 * The build-time compiled form of template `key`, when it was compiled from exactly `source`
 * (anything else, such as a test rendering its own text under some key, is compiled at run time).
 */
export function precompiledSpec(key: string, source: string): string | undefined {
  const hit = specs.get(key);
  return hit && hit.text === source ? hit.spec : undefined;
}

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
