/**
 * The `yaml` library, loaded on first use: most files never need it (the fast parser in parse.ts reads
 * them), and loading it costs more than parsing a whole project. The build replaces this module with a
 * plain `require('yaml')` that the bundle resolves to its own copy (scripts/build.mjs).
 */
import { createRequire } from 'node:module';

export type YamlLibrary = typeof import('yaml');

let library: YamlLibrary | undefined;

export function yamlLibrary(): YamlLibrary {
  library ??= createRequire(import.meta.url)('yaml') as YamlLibrary;
  return library;
}
