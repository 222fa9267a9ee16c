import { generate } from '../../src/generate.js';
import { parseSpec } from '../../src/spec/schema.js';

/** Generate a project in memory from spec fields (name defaults to "demo"). */
export function tree(fields: Record<string, unknown> = {}) {
  return generate(parseSpec({ name: 'demo', ...fields }));
}

export function text(t: Map<string, string | Uint8Array>, path: string): string {
  const c = t.get(path);
  if (typeof c !== 'string') throw new Error(`${path} is not a generated text file`);
  return c;
}
