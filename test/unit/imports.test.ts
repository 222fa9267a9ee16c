/**
 * The layering of src/: no import cycles, and nothing below the command line imports from src/cli/.
 * Reads every module's static imports (`import … from`, `export … from`) with esbuild's own parser.
 */
import { buildSync } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const src = join(repoRoot, 'src');

function modules(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** module (relative to src/) → the src/ modules it imports statically. */
function graph(): Map<string, string[]> {
  const result = buildSync({
    entryPoints: modules(),
    absWorkingDir: repoRoot,
    bundle: true,
    packages: 'external',
    splitting: true,
    write: false,
    metafile: true,
    outdir: join(repoRoot, 'unused'),
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const g = new Map<string, string[]>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (!file.startsWith('src/')) continue;
    const to = input.imports.filter((i) => i.kind === 'import-statement' && i.path.startsWith('src/')).map((i) => relative(src, resolve(repoRoot, i.path)));
    g.set(relative(src, resolve(repoRoot, file)), to);
  }
  return g;
}

/** Every cycle, each as the list of modules around it (Tarjan's strongly connected components). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('src/ layering', () => {
  const g = graph();

  it('reads the imports of every module', () => {
    expect(g.size).toBe(modules().length);
    expect(g.get('cli/add.ts')).toContain('write/flush.ts');
  });

  it('has no import cycles', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it('nothing outside src/cli/ imports from it', () => {
    const offenders = [...g].filter(([from, to]) => !from.startsWith('cli/') && to.some((t) => t.startsWith('cli/')));
    expect(offenders).toEqual([]);
  });
});
