/**
 * Generated Azure ML documents are serialised by our own emitter (src/yaml/emit.ts): never string
 * concatenation, so no value can turn into structure whatever it contains, and no YAML library to load.
 * YAML 1.1-safe quoting: the az ml CLI (PyYAML) reads `yes`, `on`, `1_000` as booleans and numbers.
 */
export { folded, toYaml } from '../yaml/emit.js';

export const schemaUrl = (kind: string) => `https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
