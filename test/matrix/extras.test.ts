import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extras } from '../../src/extras/index.js';
import { frameworks } from '../../src/frameworks/index.js';
import { generate } from '../../src/generate.js';
import { EXTRAS } from '../../src/spec/ids.js';
import { parseSpec, SpecError } from '../../src/spec/schema.js';

/** Every subset of the extras, for every framework: a clean exit-2 reason, or a project that checks. */
const subsets = Array.from({ length: 2 ** EXTRAS.length }, (_, mask) => EXTRAS.filter((_, i) => mask & (1 << i)));

describe('extras matrix', () => {
  it.each(frameworks.map((f) => f.id))('%s: every subset of extras is refused with a reason or generates a valid project', (framework) => {
    let generated = 0;
    for (const subset of subsets) {
      let spec;
      try {
        spec = parseSpec({ name: 'm', framework, extras: subset });
      } catch (e) {
        expect(e).toBeInstanceOf(SpecError);
        expect((e as Error).message).toMatch(/^--extras [a-z-]+: .{10,}/);
        // Refused only because one of the extras alone is refused: combinations add no hidden rules.
        const alone = subset.filter((id) => {
          try {
            parseSpec({ name: 'm', framework, extras: [id] });
            return false;
          } catch {
            return true;
          }
        });
        expect(alone.length, `${framework} ${subset.join(',')}`).toBeGreaterThan(0);
        continue;
      }
      const tree = generate(spec); // runs the strict Azure ML self-check
      const conda = parse(tree.get('environment/conda.yaml') as string);
      const pins: string[] = conda.dependencies.at(-1).pip;
      expect(new Set(pins.map((p) => p.split('==')[0])).size, 'each package pinned once').toBe(pins.length);
      for (const id of subset) {
        const python = extras.find((e) => e.id === id)?.python;
        if (python) expect(tree.has(`src/extra_${id.replace(/-/g, '_')}.py`), id).toBe(true);
      }
      generated++;
    }
    expect(generated).toBeGreaterThan(1);
  });
});
