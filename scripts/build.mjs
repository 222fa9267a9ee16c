// Bundle the CLI with esbuild (so the published package has no runtime dependencies) and pack the
// templates into one JSON file read once at run time, with every .hbs template precompiled.
//
// Start-up is most of what a scaffolder costs, so the bundle is split by command: dist/main.js holds
// the argument parser only and each command is a chunk imported on demand (test/bench/bundle.test.ts
// keeps it that way). The output is built in a staging folder and swapped in with two renames, so a
// CLI started while a build runs never sees a half-written dist/.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** The esbuild options of the CLI bundle, written into `outdir`. */
export function bundleOptions(outdir) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    entryPoints: { main: join(root, 'src/cli/main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    define: { __AML_SCAFFOLD_VERSION__: JSON.stringify(pkg.version) },
    // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [lazyChildProcess, noEditorPrompt, yamlAsEsm],
    logLevel: 'warning',
  };
}

/**
 * templates/ packed as dist/templates.json, each .hbs with its precompiled form. The packer and the
 * compiler are the sources' own (src/templates/store.ts, src/render/engine.ts), bundled for this run.
 */
async function packedTemplates() {
  // engine.ts loads the Handlebars compiler relative to itself; a data: URL has no location.
  const here = JSON.stringify(pathToFileURL(join(root, 'src/render/engine.ts')).href);
  const { outputFiles } = await build({
    stdin: {
      contents: "export { packTemplates } from './src/templates/store.ts'; export { precompile } from './src/render/engine.ts';",
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
  const { packTemplates, precompile } = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);
  return packTemplates(join(root, 'templates'), (source, key) => {
    try {
      return precompile(source);
    } catch (e) {
      throw new Error(`templates/${key}: ${e.message.split('\n')[0]}`);
    }
  });
}

async function main() {
  const dist = join(root, 'dist');
  const staging = join(root, `.dist-${process.pid}`);
  const old = join(root, `.dist-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await build(bundleOptions(staging));
    writeFileSync(join(staging, 'templates.json'), JSON.stringify(await packedTemplates()));
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
