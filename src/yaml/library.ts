/**
 * The `yaml` library, loaded on first use: `validate` needs it, `init`, `add`, `list` and `--help` do not
 * (the generator writes YAML with its own emitter, src/yaml/emit.ts). The build replaces this module
 * with a plain `require('yaml')` that the bundle resolves to its own chunk (scripts/build.mjs).
 */
import { createRequire } from 'node:module';

export type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  library ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return library;
}
