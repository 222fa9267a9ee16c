/**
 * The structure that keeps the CLI fast (timings themselves live in bench/, never in tests): what each
 * command loads before it runs, what the package ships, and that build-time work (precompiled
 * templates, the bundle) produces exactly what the sources produce.
 */
import { build, type Metafile } from 'esbuild';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../scripts/build.mjs';
import { templateContext } from '../../src/plan/context.js';
import { planProject } from '../../src/plan/plan.js';
import { renderTemplate } from '../../src/render/engine.js';
import { parseSpec } from '../../src/spec/schema.js';
import { precompiledSpec, unpack, type PackedTemplates } from '../../src/templates/store.js';
import { repoRoot } from '../helpers/cli.js';

let meta: Metafile;

beforeAll(async () => {
  // The real build options, bundled in memory: nothing is written, dist/ is left alone.
  const result = await build({ ...bundleOptions(join(repoRoot, 'dist')), write: false, metafile: true, absWorkingDir: repoRoot });
  meta = result.metafile;
}, 60_000);

/** The output chunk built for a source entry (main.ts, or a module the CLI imports dynamically). */
function chunkOf(entry: string): string {
  const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry);
  if (!found) throw new Error(`no chunk has the entry point ${entry}`);
  return found[0];
}

/** A chunk and every chunk it imports statically: what Node loads before the chunk's code runs. */
function staticClosure(chunk: string): string[] {
  const seen = new Set([chunk]);
  for (const c of seen) {
    for (const i of meta.outputs[c].imports) if (i.kind === 'import-statement' && !i.external) seen.add(i.path);
  }
  return [...seen];
}

/** Source files (node_modules paths included) with code in the given chunks. */
function inputsOf(chunks: string[]): string[] {
  return chunks.flatMap((c) => Object.entries(meta.outputs[c].inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k));
}

function packagesOf(chunks: string[]): string[] {
  const names = inputsOf(chunks).map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1]);
  return [...new Set(names.filter((n): n is string => n !== undefined))].sort();
}

describe('what each command loads', () => {
  it('dist/main.js statically loads the argument parser and nothing else', () => {
    const closure = staticClosure(chunkOf('src/cli/main.ts'));
    expect(packagesOf(closure)).toEqual(['commander']);
    const sources = inputsOf(closure).filter((i) => i.startsWith('src/'));
    expect(sources.filter((s) => /^src\/cli\/(init|validate|add|list)\.ts$/.test(s))).toEqual([]);
  });

  it('loads each command on demand, as its own chunk', () => {
    const dynamic = meta.outputs[chunkOf('src/cli/main.ts')].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    for (const command of ['init', 'validate', 'add', 'list']) expect(dynamic).toContain(chunkOf(`src/cli/${command}.ts`));
  });

  it('validate loads neither Handlebars, a prompt library nor a process runner', () => {
    const packages = packagesOf(staticClosure(chunkOf('src/cli/validate.ts')));
    expect(packages.filter((p) => /^(handlebars|@inquirer\/|execa$)/.test(p))).toEqual([]);
    expect(packages).toContain('yaml');
  });

  it('init loads no prompt library and no git runner up front, and only the Handlebars runtime', () => {
    const closure = staticClosure(chunkOf('src/cli/init.ts'));
    expect(packagesOf(closure).filter((p) => /^(@inquirer\/|execa$|chalk$)/.test(p))).toEqual([]);
    const handlebars = inputsOf(closure).filter((i) => i.includes('node_modules/handlebars/'));
    expect(handlebars.length).toBeGreaterThan(0);
    // the compiler (parser, code generator) and its source-map dependency stay out
    expect(handlebars.filter((i) => /compiler\//.test(i))).toEqual([]);
    expect(packagesOf(closure)).not.toContain('source-map');
  });

  it('the prompt library is reached only through dynamic imports', () => {
    const promptChunks = Object.keys(meta.outputs).filter((c) => packagesOf([c]).some((p) => p.startsWith('@inquirer/')));
    expect(promptChunks.length).toBeGreaterThan(0);
    for (const command of ['main', 'init', 'validate', 'add', 'list']) {
      const closure = staticClosure(chunkOf(`src/cli/${command}.ts`));
      expect(closure.filter((c) => promptChunks.includes(c)), command).toEqual([]);
    }
  });

  it('leaves out the editor prompt and its text-encoding tables', () => {
    expect(packagesOf(Object.keys(meta.outputs)).filter((p) => ['iconv-lite', 'chardet', '@inquirer/external-editor'].includes(p))).toEqual([]);
  });
});

describe('what the package ships', () => {
  it('has no runtime dependencies and ships only bin/ and dist/', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(Object.keys(pkg[field] ?? {}), field).toEqual([]);
    }
    expect([...pkg.files].sort()).toEqual(['bin/', 'dist/']);
    for (const target of Object.values(pkg.bin as Record<string, string>)) expect(target).toMatch(/^bin\//);
  });

  it('every .hbs template is precompiled into dist/templates.json (run `npm run build` first)', async () => {
    const packed = JSON.parse(await readFile(join(repoRoot, 'dist', 'templates.json'), 'utf8')) as Record<string, { spec?: string }>;
    const hbs: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(dir, e.name));
        else if (e.name.endsWith('.hbs')) hbs.push(relative(join(repoRoot, 'templates'), join(dir, e.name)).split('\\').join('/'));
      }
    };
    await walk(join(repoRoot, 'templates'));
    expect(hbs.length).toBeGreaterThan(0);
    expect(hbs.filter((k) => typeof packed[k]?.spec !== 'string')).toEqual([]);
  });
});

describe('templates precompiled at build time', () => {
  // dist/templates.json as the CLI reads it: texts plus their build-time compiled forms
  const load = async () => JSON.parse(await readFile(join(repoRoot, 'dist', 'templates.json'), 'utf8')) as PackedTemplates;

  it.each([
    ['default scikit-learn', {}],
    ['pytorch batch with extras', { framework: 'pytorch', target: 'batch', extras: ['onnx', 'sweep'] }],
    ['tensorflow kubernetes, no CI', { framework: 'tensorflow', target: 'kubernetes', ci: 'none' }],
  ])('%s: render exactly what run-time compilation renders', async (_, fields) => {
    const store = unpack(await load());
    const plan = planProject(parseSpec({ name: 'demo', ...fields }), store);
    const context = templateContext(plan.spec, plan.names);
    const rendered = plan.files.filter((f) => f.template?.endsWith('.hbs'));
    expect(rendered.length).toBeGreaterThan(0);
    for (const { template: key } of rendered) {
      const text = store.get(key as string) as string;
      expect(precompiledSpec(key as string, text), key).toBeTypeOf('string');
      // a key with no precompiled form is compiled from the text, as when running from source
      expect(renderTemplate(key as string, text, context), key).toBe(renderTemplate(`runtime:${key}`, text, context));
    }
  });
});
