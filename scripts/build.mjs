// Bundle the CLI with esbuild (so the published package has no runtime dependencies) and pack the
// templates into dist/templates/, every .hbs template precompiled into the bundle.
//
// Start-up is most of what a scaffolder costs. The bundle is one CommonJS file, dist/cli.cjs, so that
// bin/aml-scaffold.cjs can start it through V8's code cache (Node 20 caches no ES module code); every
// command and heavy library in it is evaluated only when used (test/bench/bundle.test.ts checks what
// each command loads). Its first line carries a hash of the rest, which names its cache files.
// The output is built in a staging folder and swapped in with two renames, so a CLI started while a
// build runs never sees a half-written dist/.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * commander loads node:child_process (and with it net, dgram and the streams) only to run executable
 * subcommands, which this CLI has none of; a stand-in that loads it on first use keeps it off `--help`.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

/**
 * @inquirer/prompts re-exports every prompt and esbuild keeps them all; the editor prompt alone pulls
 * in iconv-lite and chardet (over half a megabyte). The CLI never opens an editor, so it is left out.
 */
const noEditorPrompt = {
  name: 'no-editor-prompt',
  setup(b) {
    b.onResolve({ filter: /^@inquirer\/editor$/ }, () => ({ path: 'editor', namespace: 'no-editor' }));
    b.onLoad({ filter: /.*/, namespace: 'no-editor' }, () => ({
      contents: "export default () => { throw new Error('the editor prompt is not bundled'); };",
      loader: 'js',
    }));
  },
};

/**
 * The `yaml` package gives Node its CommonJS build; its ES module build (same code, same version)
 * loads in about half the time inside the bundle, and `init` and `validate` both load it.
 */
const yamlAsEsm = {
  name: 'yaml-as-esm',
  setup(b) {
    const esm = join(dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser', 'index.js');
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: esm }));
  },
};

/** What bin/aml-scaffold.cjs expects around the bundle: `Module.wrap`'s wrapper, already in the file. */
export const WRAPPER_OPEN = '(function (exports, require, module, __filename, __dirname) {';
export const WRAPPER_CLOSE = '\n})';

/** Placeholder first line of dist/cli.cjs, replaced by `// build <sha256 of the rest, 16 hex>`. */
const BUILD_ID_LINE = '// build ................';

/** Stamp the bundle with a hash of its content: bin/aml-scaffold.cjs keys its code cache on it. */
function stampBuildId(file) {
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(BUILD_ID_LINE)) throw new Error(`${file} does not start with the build id placeholder`);
  const id = createHash('sha256').update(text.slice(BUILD_ID_LINE.length)).digest('hex').slice(0, 16);
  writeFileSync(file, `// build ${id}${text.slice(BUILD_ID_LINE.length)}`);
}

/**
 * src/yaml/library.ts loads the `yaml` library on first use through createRequire, which a bundle
 * cannot follow; in the bundle it is a plain require('yaml'), which chunkedLibraries turns into the
 * yaml chunk, so a run that never needs the library never reads it.
 */
const lazyYamlLibrary = {
  name: 'lazy-yaml-library',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]yaml[\\/]library\.ts$/ }, () => ({
      contents: "let library; export function yamlLibrary() { return (library ??= require('yaml')); }",
      loader: 'js',
    }));
  },
};

/**
 * Libraries that only some runs need: the process runner (git init), the prompts (interactive init,
 * add) and the full YAML library (files the fast parser leaves to it). Each is built into
 * dist/vendor/<name>.cjs, which the loader compiles, through its own code cache, the first time a run
 * asks for it; the main bundle, which every run reads and deserialises, is half the size without them.
 */
export const CHUNKS = {
  execa: "export { execa } from 'execa';",
  prompts: "export { checkbox, confirm, input, select } from '@inquirer/prompts';",
  yaml: "export * from 'yaml';",
};
const CHUNK_OF_PACKAGE = { execa: 'execa', '@inquirer/prompts': 'prompts', yaml: 'yaml' };

/** In the main bundle, a chunked library is a module that asks the loader for its chunk. */
const chunkedLibraries = {
  name: 'chunked-libraries',
  setup(b) {
    b.onResolve({ filter: /^(execa|yaml|@inquirer\/prompts)$/ }, (args) => ({ path: CHUNK_OF_PACKAGE[args.path], namespace: 'chunk' }));
    b.onLoad({ filter: /.*/, namespace: 'chunk' }, (args) => ({ contents: `module.exports = __aml_chunk(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** What the bundle and every chunk start with: the build id line, the wrapper, and import.meta.url. */
const preamble = (extra = '') =>
  `${BUILD_ID_LINE}\n${WRAPPER_OPEN} 'use strict';\nconst __aml_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };${extra}`;

/** What the bundle and its chunks are built with alike: one minified CommonJS function expression each. */
const COMMON = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  footer: { js: WRAPPER_CLOSE },
  logLevel: 'warning',
};

/** The esbuild options of chunk `name` (a key of CHUNKS), written into `outdir`/vendor/. */
export function chunkOptions(outdir, name) {
  return {
    ...COMMON,
    stdin: { contents: CHUNKS[name], resolveDir: root, loader: 'js', sourcefile: `vendor-${name}.js` },
    outfile: join(outdir, 'vendor', `${name}.cjs`),
    define: { 'import.meta.url': '__aml_meta.url' },
    banner: { js: preamble() },
    plugins: [noEditorPrompt, yamlAsEsm],
  };
}

/** The esbuild options of the CLI bundle, written into `outdir`. */
export function bundleOptions(outdir) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    ...COMMON,
    entryPoints: { cli: join(root, 'src/cli/entry.ts') },
    outdir,
    outExtension: { '.js': '.cjs' },
    define: { __AML_SCAFFOLD_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__aml_meta.url' },
    // The first line is replaced by the build id (same length); the sources' import.meta.url is this file's.
    // The bundle is one function expression, the wrapper Node's CommonJS loader would add: the loader
    // compiles the file as it is, with no 600 kB string concatenation (and the young-generation garbage
    // collection that copy triggers) before every run.
    // import.meta.url is a getter: building a file URL costs Node's URL code its first compilation.
    // __aml_chunk(name): a library chunk, from the loader (bin/aml-scaffold.cjs), which runs the bundle.
    banner: { js: preamble('\nconst __aml_chunk = (name) => module.amlChunk(name);') },
    plugins: [chunkedLibraries, lazyChildProcess, noEditorPrompt, yamlAsEsm, lazyYamlLibrary, bundledTemplates],
  };
}

/**
 * The sources' own template lister and Handlebars precompiler (src/templates/store.ts,
 * src/render/engine.ts), bundled for this build run.
 */
let tools;
async function buildTools() {
  // engine.ts loads the Handlebars compiler relative to itself; a data: URL has no location.
  const here = JSON.stringify(pathToFileURL(join(root, 'src/render/engine.ts')).href);
  const { outputFiles } = await build({
    stdin: {
      contents: [
        "export { readTemplate, templateKeys } from './src/templates/store.ts';",
        "export { precompile } from './src/render/engine.ts';",
        "export { sha256 } from './src/hash/sha256.ts';",
      ].join(' '),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    define: { 'import.meta.url': here },
    banner: { js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${here});` },
    logLevel: 'warning',
  });
  tools ??= await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);
  return tools;
}

/** Every template key, in the order the CLI lists them. */
export async function templateKeys() {
  return (await buildTools()).templateKeys(join(root, 'templates'));
}

/** The module that replaces src/templates/bundled.ts: every key, and each .hbs template compiled. */
export async function bundledTemplatesModule() {
  const { precompile, readTemplate, sha256 } = await buildTools();
  const keys = await templateKeys();
  const specs = keys
    .filter((key) => key.endsWith('.hbs'))
    .map((key) => {
      try {
        return `${JSON.stringify(key)}: ${precompile(readFileSync(join(root, 'templates', key), 'utf8'))}`;
      } catch (e) {
        throw new Error(`templates/${key}: ${e.message.split('\n')[0]}`);
      }
    });
  // The manifest's sha256 of each copied template, of its content exactly as the store reads it.
  const templates = join(root, 'templates');
  const hashes = Object.fromEntries(keys.filter((key) => !key.endsWith('.hbs')).map((key) => [key, sha256(readTemplate(templates, key))]));
  // `dir`: the bundle's own folder (its wrapper's __dirname), with no file URL to build and parse.
  return [
    `export const BUNDLED = { get dir() { return __dirname; }, keys: ${JSON.stringify(keys)},`,
    `hashes: ${JSON.stringify(hashes)},`,
    `specs: {\n${specs.join(',\n')}\n} };\n`,
  ].join('\n');
}

const bundledTemplates = {
  name: 'bundled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]templates[\\/]bundled\.ts$/ }, async () => ({ contents: await bundledTemplatesModule(), loader: 'js' }));
  },
};

async function main() {
  const dist = join(root, 'dist');
  const staging = join(root, `.dist-${process.pid}`);
  const old = join(root, `.dist-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await build(bundleOptions(staging));
    stampBuildId(join(staging, 'cli.cjs'));
    for (const name of Object.keys(CHUNKS)) {
      await build(chunkOptions(staging, name));
      stampBuildId(join(staging, 'vendor', `${name}.cjs`));
    }
    for (const key of await templateKeys()) {
      const dest = join(staging, 'templates', ...key.split('/'));
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(join(root, 'templates', ...key.split('/')), dest);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    console.error(`build failed: ${e.message}`);
    process.exit(1);
  }
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(staging, dist);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
