// Bundle the CLI with esbuild (so the published package has no runtime dependencies) and pack the
// templates into one JSON file read once at run time.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { main: join(root, 'src/cli/main.ts') },
  outdir: dist,
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
  logLevel: 'warning',
});

// The store reader lives in the bundle; reuse its packer through a tiny esbuild run of the source.
const { packTemplates } = await import(`data:text/javascript,${encodeURIComponent(
  (await build({ entryPoints: [join(root, 'src/templates/store.ts')], bundle: true, write: false, format: 'esm', platform: 'node' })).outputFiles[0].text,
)}`);
writeFileSync(join(dist, 'templates.json'), JSON.stringify(packTemplates(join(root, 'templates'))));
