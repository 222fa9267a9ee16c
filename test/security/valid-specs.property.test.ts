/**
 * Property: every valid spec generates a project whose YAML parses (one document, no errors, no
 * unknown tags), whose files hold no leftover template tag, and whose Python compiles.
 * generate() already runs the Azure ML models over every YAML file (src/check/check.ts) and throws
 * on any problem, so "generate succeeds" includes "passes validate --strict".
 */
import { execa } from 'execa';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { tempDir } from '../helpers/cli.js';
import { PYTHON } from '../helpers/python.js';
import { EXTRAS } from '../../src/spec/ids.js';
import { LEFTOVER_TAG, NUM_RUNS, parsedYaml, tryParse, validSpec } from './support.js';

// Python sources seen across all runs, de-duplicated by content, compiled once at the end.
const python = new Map<string, { path: string; content: string }>();
const seen = { specs: 0, frameworks: new Set<string>(), targets: new Set<string>(), extras: new Set<string>() };

describe('property: random valid specs', () => {
  it('generate a project that parses, has no leftover tags and passes the self-check', () => {
    fc.assert(
      fc.property(validSpec, (spec) => {
        const tree = generate(spec);
        seen.specs++;
        seen.frameworks.add(spec.framework);
        seen.targets.add(spec.target);
        for (const x of spec.extras) seen.extras.add(x);
        for (const [path, p] of parsedYaml(tree)) {
          expect(p.errors, path).toEqual([]);
          expect(p.warnings, path).toEqual([]);
          expect(p.docs, path).toBe(1);
        }
        for (const [path, content] of tree) {
          if (typeof content !== 'string') continue;
          expect(LEFTOVER_TAG.test(content), `${path} holds a template tag`).toBe(false);
          if (path.endsWith('.py')) {
            const hash = createHash('sha256').update(content).digest('hex');
            if (!python.has(hash)) python.set(hash, { path, content });
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The arbitrary must reach the interesting corners, or the property says little.
    expect(seen.frameworks.size).toBeGreaterThanOrEqual(4);
    expect(seen.targets.size).toBe(4);
    // Extras are drawn from those the spec accepts at run time: once any is supported, it must show up.
    const supported = EXTRAS.filter((id) => 'spec' in tryParse({ name: 'demo', extras: [id] }));
    if (supported.length > 0) expect(seen.extras.size).toBeGreaterThan(0);
  });

  it('every distinct Python file generated above compiles', async () => {
    expect(python.size).toBeGreaterThan(10);
    const tmp = await tempDir('aml-pyc-');
    try {
      const files: string[] = [];
      for (const [hash, { path, content }] of python) {
        const rel = join(hash.slice(0, 12), path);
        await mkdir(dirname(join(tmp.path, rel)), { recursive: true });
        await writeFile(join(tmp.path, rel), content);
        files.push(rel);
      }
      const r = await execa(PYTHON, ['-m', 'py_compile', ...files], { cwd: tmp.path, reject: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
      expect(r.exitCode, r.stderr).toBe(0);
    } finally {
      await tmp.cleanup();
    }
  });
});

afterAll(() => {
  python.clear();
});
