/**
 * The structure that keeps the CLI fast (timings themselves live in bench/, never in tests): what each
 * command evaluates before and while it runs, what the package ships, and that build-time work
 * (precompiled templates, the bundle) produces exactly what the sources produce.
 */
import { build, type Plugin } from 'esbuild';
import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledTemplatesModule, bundleOptions, chunkOptions, CHUNKS, templateKeys } from '../../scripts/build.mjs';
import { templateContext } from '../../src/plan/context.js';
import { planProject } from '../../src/plan/plan.js';
import { renderTemplate, templateOf } from '../../src/render/engine.js';
import { parseSpec } from '../../src/spec/schema.js';
import { loadTemplates, readTemplate } from '../../src/templates/store.js';
import { repoRoot, tempDir } from '../helpers/cli.js';

/**
 * Every bundled file from node_modules reports itself when its module body runs: the bundle's lazy
 * wrappers decide that, so this shows what a command really evaluates, not what the bundle contains.
 */
const reportEvaluation: Plugin = {
  name: 'report-evaluation',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.(c|m)?js$/ }, (args) => {
      const rel = args.path.split(/[\\/]node_modules[\\/]/).pop() as string;
      const mark = `\n;globalThis.__amlEvaluated?.add(${JSON.stringify(rel.split('\\').join('/'))});\n`;
      return { contents: readFileSync(args.path, 'utf8') + mark, loader: 'js' };
    });
  },
};

let tmp: Awaited<ReturnType<typeof tempDir>>;
let instrumented: string;
let loader: string;

beforeAll(async () => {
  tmp = await tempDir('aml-bundle-');
  // The real build options, with the reporting plugin, written next to a copy of the templates.
  const dist = join(tmp.path, 'dist');
  const options = bundleOptions(dist);
  await build({ ...options, plugins: [reportEvaluation, ...options.plugins], logLevel: 'error', absWorkingDir: repoRoot });
  for (const name of Object.keys(CHUNKS)) {
    const chunk = chunkOptions(dist, name);
    await build({ ...chunk, plugins: [reportEvaluation, ...chunk.plugins], logLevel: 'error', absWorkingDir: repoRoot });
  }
  cpSync(join(repoRoot, 'templates'), join(dist, 'templates'), { recursive: true });
  instrumented = join(dist, 'cli.cjs');
  // The bundle is a function expression that bin/aml-scaffold.cjs runs: a copy of it beside dist/ runs this one.
  loader = join(tmp.path, 'bin', 'aml-scaffold.cjs');
  cpSync(join(repoRoot, 'bin', 'aml-scaffold.cjs'), loader);
  const preload = join(tmp.path, 'preload.cjs');
  writeFileSync(
    preload,
    "globalThis.__amlEvaluated = new Set(); process.on('exit', () => require('fs').writeFileSync(process.env.AML_EVALUATED, JSON.stringify([...globalThis.__amlEvaluated])));",
  );
  mkdirSync(join(tmp.path, 'work'));
}, 60_000);

afterAll(() => tmp.cleanup());

let runs = 0;
/** The node_modules files a command evaluated (paths below node_modules/). */
async function evaluated(args: string[]): Promise<string[]> {
  const out = join(tmp.path, `evaluated-${runs++}.json`);
  const r = await execa('node', ['--require', join(tmp.path, 'preload.cjs'), loader, ...args], {
    cwd: join(tmp.path, 'work'),
    env: { AML_EVALUATED: out, NO_COLOR: '1', AML_SCAFFOLD_NO_CACHE: '1' },
    reject: false,
    stdin: 'ignore',
  });
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(await readFile(out, 'utf8'));
}

const packagesIn = (files: string[]) =>
  [...new Set(files.map((f) => /^((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter((p): p is string => p !== undefined))].sort();

describe('what each command evaluates', () => {
  it('--help: the argument parser and nothing else', async () => {
    expect(packagesIn(await evaluated(['--help']))).toEqual(['commander']);
  });

  it('init --yes: no prompt library, no process runner, no colours, and only the Handlebars runtime', async () => {
    const files = await evaluated(['init', 'a', '--yes', '--no-git']);
    const packages = packagesIn(files);
    expect(packages).toContain('handlebars');
    expect(packages.filter((p) => /^(@inquirer\/|execa$|chalk$|yaml$)/.test(p))).toEqual([]);
    // the compiler (parser, code generator) and its source-map dependency stay out
    expect(files.filter((f) => /^handlebars\/.*compiler\//.test(f))).toEqual([]);
    expect(packages).not.toContain('source-map');
  });

  it('init with git evaluates the process runner (the probe sees lazily loaded code)', async () => {
    expect(packagesIn(await evaluated(['init', 'b', '--yes']))).toContain('execa');
  });

  it('validate: neither Handlebars, a prompt library nor a process runner', async () => {
    const packages = packagesIn(await evaluated(['validate', join(repoRoot, 'test', 'fixtures', 'azureml-examples', 'cli', 'jobs', 'basics')]));
    expect(packages.filter((p) => /^(handlebars|@inquirer\/|execa$)/.test(p))).toEqual([]);
    expect(packages).toContain('zod');
  });

  it('has no dynamic import(): bin/aml-scaffold.cjs runs the bundle with vm.Script, which has no ES module loader', () => {
    for (const file of ['cli.cjs', ...Object.keys(CHUNKS).map((name) => `vendor/${name}.cjs`)]) {
      const text = readFileSync(join(repoRoot, 'dist', file), 'utf8');
      expect(text.match(/\bimport\s*\(/g) ?? [], file).toEqual([]);
    }
  });

  it('keeps the process runner, the prompts and the YAML library out of the main bundle, in chunks', () => {
    const main = readFileSync(join(repoRoot, 'dist', 'cli.cjs'), 'utf8');
    for (const name of Object.keys(CHUNKS)) {
      const chunk = readFileSync(join(repoRoot, 'dist', 'vendor', `${name}.cjs`), 'utf8');
      expect(chunk, name).toMatch(/^\/\/ build [0-9a-f]{16}\n\(function \(exports, require, module, __filename, __dirname\) \{/);
      expect(main, name).toContain(`__aml_chunk("${name}")`);
    }
    expect(main.length).toBeLessThan(400_000);
  });

  it('init renders from the compiled templates: it never reads a .hbs file', async () => {
    // this test's copy of dist/ without a single .hbs file still makes a project
    const templates = join(tmp.path, 'dist', 'templates');
    for (const entry of readdirSync(templates, { recursive: true })) {
      if (String(entry).endsWith('.hbs')) rmSync(join(templates, String(entry)));
    }
    expect(packagesIn(await evaluated(['init', 'nohbs', '--yes', '--no-git']))).toContain('handlebars');
  });

  it('leaves out the editor prompt and its text-encoding tables', async () => {
    const text = readFileSync(instrumented, 'utf8');
    for (const p of ['iconv-lite/', 'chardet/', '@inquirer/external-editor/']) expect(text, p).not.toContain(p);
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

  it('dist/ holds the stamped bundle and every template (run `npm run build` first)', async () => {
    const bundle = readFileSync(join(repoRoot, 'dist', 'cli.cjs'), 'utf8');
    expect(bundle).toMatch(/^\/\/ build [0-9a-f]{16}\n/);
    // one function expression with Module.wrap's parameters, which the loader compiles as it is
    expect(bundle.split('\n')[1]).toMatch(/^\(function \(exports, require, module, __filename, __dirname\) \{/);
    expect(bundle.trimEnd().endsWith('\n})')).toBe(true);
    for (const key of await templateKeys()) {
      expect(readFileSync(join(repoRoot, 'dist', 'templates', key)), key).toEqual(readFileSync(join(repoRoot, 'templates', key)));
    }
  });
});

describe('templates precompiled at build time', () => {
  let bundled: { keys: string[]; specs: Record<string, object>; hashes: Record<string, string> };
  beforeAll(async () => {
    const code = await bundledTemplatesModule();
    bundled = (await import(`data:text/javascript,${encodeURIComponent(code)}`)).BUNDLED;
  });

  it('records the sha256 of every template copied as it is, as the manifest would compute it', async () => {
    const keys = await templateKeys();
    const copied = keys.filter((k: string) => !k.endsWith('.hbs'));
    expect(Object.keys(bundled.hashes).sort()).toEqual(copied.sort());
    const templates = join(repoRoot, 'templates');
    for (const key of copied) expect(bundled.hashes[key], key).toBe(createHash('sha256').update(readTemplate(templates, key)).digest('hex'));
  });

  it('lists every template and compiles every .hbs one', async () => {
    const keys = await templateKeys();
    expect(bundled.keys).toEqual(keys);
    expect(Object.keys(bundled.specs).sort()).toEqual(keys.filter((k: string) => k.endsWith('.hbs')).sort());
  });

  it.each([
    ['default scikit-learn', {}],
    ['pytorch batch with extras', { framework: 'pytorch', target: 'batch', extras: ['onnx', 'sweep'] }],
    ['tensorflow kubernetes, no CI', { framework: 'tensorflow', target: 'kubernetes', ci: 'none' }],
  ])('%s: render exactly what run-time compilation renders', (_, fields) => {
    const store = loadTemplates();
    const plan = planProject(parseSpec({ name: 'demo', ...fields }), store);
    const context = templateContext(plan.spec, plan.names);
    const rendered = plan.files.filter((f) => f.template?.endsWith('.hbs'));
    expect(rendered.length).toBeGreaterThan(0);
    for (const { template: key } of rendered) {
      const text = store.get(key as string) as string;
      expect(templateOf(bundled.specs[key as string])(context), key).toBe(renderTemplate(`runtime:${key}`, () => text, context));
    }
  });
});
