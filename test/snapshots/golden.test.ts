/**
 * Golden projects: a few generated projects committed under test/snapshots/<name>/ and compared byte for
 * byte, so every template change shows up as a reviewable diff. After an intended change, rewrite them
 * with `UPDATE_SNAPSHOTS=1 npx vitest run test/snapshots` and review `git diff test/snapshots`.
 * The manifest's timestamps are fixed; everything else is exactly what `init` writes.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { MANIFEST } from '../../src/manifest.js';
import { parseSpec } from '../../src/spec/schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const CREATED = '2026-01-01T00:00:00.000Z';

export const GOLDEN: Record<string, Record<string, unknown>> = {
  'sklearn-online-script': { framework: 'sklearn' },
  'sklearn-all-extras': { framework: 'sklearn', extras: ['tensorboard', 'onnx', 'responsible-ai', 'privacy', 'encryption', 'sweep'] },
  'pytorch-batch': { framework: 'pytorch', target: 'batch' },
  'rllib-none': { framework: 'rllib', target: 'none' },
  'keras-online-mlflow': { framework: 'keras', serving: 'mlflow' },
  'sklearn-online-job': { framework: 'sklearn', training: 'job' },
};

/** The project as files: the manifest with fixed timestamps and without the tool version. */
function render(fields: Record<string, unknown>): Map<string, Buffer> {
  const tree = generate(parseSpec({ name: 'demo', ...fields }), CREATED);
  const out = new Map<string, Buffer>();
  for (const [path, content] of tree) {
    if (path === MANIFEST) {
      const m = JSON.parse(content as string);
      m.updatedAt = CREATED;
      m.version = '<version>';
      out.set(path, Buffer.from(`${JSON.stringify(m, null, 2)}\n`));
    } else out.set(path, Buffer.from(content));
  }
  return out;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

describe('golden projects', () => {
  for (const [name, fields] of Object.entries(GOLDEN)) {
    it(`${name} is byte-identical to test/snapshots/${name}`, () => {
      const dir = join(here, name);
      const files = render(fields);
      if (process.env.UPDATE_SNAPSHOTS === '1') {
        rmSync(dir, { recursive: true, force: true });
        for (const [path, bytes] of files) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), bytes);
        }
      }
      expect(filesUnder(dir)).toEqual([...files.keys()].sort());
      for (const [path, bytes] of files) {
        expect(readFileSync(join(dir, path)).equals(bytes), `${name}/${path} differs from the snapshot`).toBe(true);
      }
    });
  }
});
