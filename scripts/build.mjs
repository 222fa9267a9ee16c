// Bundle the CLI with esbuild (the published package has no runtime dependencies) into dist/, all of it
// CommonJS loaded with require(), so no command starts Node's ES module loader:
// - dist/cli.cjs: the command line itself (commander, the option table, help);
// - dist/commands/<name>.cjs: each command, required when it runs;
// - dist/vendor/<library>.cjs: a library that only some commands use (the yaml library, execa, the
//   prompts, fs-extra), bundled once and required by those commands when they need it;
// - dist/templates/: the templates copied as they are; the .hbs ones are precompiled into the commands'
//   bundle instead (the published CLI needs only the Handlebars runtime, and never reads their sources).
// The output is built in a staging folder and swapped in with two renames, so a CLI started while a
// build runs never sees a half-written dist/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * commander loads node:child_process (and with it net, dgram and Node's streams) only to run executable
 * subcommands, which this CLI has none of; a stand-in that loads it on first use keeps it off every run.
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
 * @inquirer/prompts re-exports every prompt; the editor prompt alone pulls in iconv-lite and chardet
 * (over half a megabyte). The CLI never opens an editor, so it is left out.
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
 * The sources' own template lister and Handlebars precompiler (src/templates/store.ts,
 * src/render/engine.ts), bundled for this build run, so the build compiles exactly as the tests do.
 */
let tools;
async function buildTools() {
  const here = JSON.stringify(pathToFileURL(join(root, 'src/render/engine.ts')).href);
  const { outputFiles } = await build({
    stdin: {
      contents: "export { templateKeys } from './src/templates/store.ts'; export { precompile } from './src/render/engine.ts';",
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

/** src/templates/bundled.ts in the bundle: every template key, and each .hbs template precompiled. */
const bundledTemplates = {
  name: 'bundled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]templates[\\/]bundled\.ts$/ }, async () => {
      const { templateKeys, precompile } = await buildTools();
      const keys = templateKeys(join(root, 'templates'));
      const specs = keys
        .filter((key) => key.endsWith('.hbs'))
        .map((key) => {
          try {
            return `${JSON.stringify(key)}: ${precompile(readFileSync(join(root, 'templates', key), 'utf8'))}`;
          } catch (e) {
            throw new Error(`templates/${key}: ${e.message.split('\n')[0]}`);
          }
        });
      const contents = [
        "import { dirname } from 'node:path';",
        // dist/: the commands are in dist/commands/, the templates in dist/templates/.
        `export const BUNDLED = { dir: dirname(__dirname), keys: ${JSON.stringify(keys)},`,
        `specs: {\n${specs.join(',\n')}\n} };`,
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

/** What main.ts loads with `await import('./<name>.js')` (project: init, add, update, list; azure: provision, doctor), each a bundle of its own. */
export const COMMANDS = ['project', 'validate', 'azure', 'completion'];

/**
 * The libraries that only some commands use (package → file in dist/vendor/), each bundled once, whole (a
 * bundle cannot know which parts its users need), so the commands that share one do not each carry a copy.
 * A bundle exports the library's exports as one CommonJS object, which a default import also gets (as
 * from any CommonJS module): `import fse from 'fs-extra'` and `import { execa } from 'execa'` both work.
 * zod and chalk stay in each command that uses them: esbuild keeps only the parts a command uses, and
 * chalk's default import must be chalk itself.
 */
export const VENDOR = { yaml: 'yaml', execa: 'execa', '@inquirer/prompts': 'prompts', 'fs-extra': 'fs-extra' };

/** In the commands' build, an import of a vendored library is a require() of its bundle. */
const vendorOutside = {
  name: 'vendor-outside',
  setup(b) {
    const pattern = new RegExp(`^(${Object.keys(VENDOR).map((k) => k.replace(/[/@]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter: pattern }, (args) => ({ path: `../vendor/${VENDOR[args.path]}.cjs`, external: true }));
  },
};

/** In the command line's build, `./<command>.js` stays a require() of the command's bundle, dist/commands/. */
const commandsOutside = {
  name: 'commands-outside',
  setup(b) {
    const pattern = new RegExp(`^\\./(${COMMANDS.join('|')})\\.js$`);
    b.onResolve({ filter: pattern }, (args) =>
      /[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) ? { path: `./commands/${args.path.slice(2, -3)}.cjs`, external: true } : undefined,
    );
  },
};

function common() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // `await import(x)` becomes `require(x)` (in a promise): Node's ES module loader is never started.
    supported: { 'dynamic-import': false },
    minify: true,
    legalComments: 'linked',
    define: { __AML_SCAFFOLD_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  };
}

/** The command line: dist/cli.cjs. */
export function cliOptions(outdir) {
  return {
    ...common(),
    entryPoints: { cli: join(root, 'src/cli/entry.ts') },
    outdir,
    plugins: [lazyChildProcess, commandsOutside],
  };
}

/** The commands: dist/commands/<name>.cjs. */
export function commandsOptions(outdir) {
  return {
    ...common(),
    entryPoints: Object.fromEntries(COMMANDS.map((c) => [c, join(root, `src/cli/${c}.ts`)])),
    outdir: join(outdir, 'commands'),
    // Code that also runs from source (tests) finds files from import.meta.url; in a bundle it is the bundle's.
    define: { ...common().define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [noEditorPrompt, vendorOutside, bundledTemplates],
  };
}

/** A vendored library: dist/vendor/<file>.cjs. */
export function vendorOptions(outdir, pkg) {
  return {
    ...common(),
    stdin: { contents: `export * from ${JSON.stringify(pkg)};`, resolveDir: root, loader: 'js' },
    outfile: join(outdir, 'vendor', `${VENDOR[pkg]}.cjs`),
    plugins: [noEditorPrompt],
  };
}

async function main() {
  const dist = join(root, 'dist');
  const staging = join(root, `.dist-${process.pid}`);
  const old = join(root, `.dist-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await build(cliOptions(staging));
    await build(commandsOptions(staging));
    for (const pkg of Object.keys(VENDOR)) await build(vendorOptions(staging, pkg));
    for (const key of (await buildTools()).templateKeys(join(root, 'templates'))) {
      if (key.endsWith('.hbs')) continue;
      const dest = join(staging, 'templates', ...key.split('/'));
      mkdirSync(dirname(dest), { recursive: true });
      cpSync(join(root, 'templates', ...key.split('/')), dest);
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
