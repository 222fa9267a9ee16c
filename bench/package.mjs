/**
 * What a user downloads: the packed size (`npm pack --dry-run --json`) and how many packages
 * `npm install <tarball>` puts into an empty prefix, counted from the installed tree itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function npm(args, cwd) {
  // --ignore-scripts: the bench has just built dist/; prepack would rebuild it and print to stdout.
  const r = spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

/** Every folder holding a package.json under node_modules, nested and scoped ones included. */
export function countPackages(nodeModules) {
  if (!existsSync(nodeModules)) return 0;
  let n = 0;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      n += countPackages(dir);
      continue;
    }
    if (existsSync(join(dir, 'package.json'))) n++;
    n += countPackages(join(dir, 'node_modules'));
  }
  return n;
}

export function packageFacts(root, scratch) {
  const dry = npm(['pack', '--dry-run', '--json'], root);
  if (!dry.ok) throw new Error(`bench: npm pack --dry-run failed:\n${dry.stderr}`);
  const [info] = JSON.parse(dry.stdout);

  const out = join(scratch, 'pack');
  mkdirSync(out, { recursive: true });
  const packed = npm(['pack', '--json', '--pack-destination', out], root);
  if (!packed.ok) throw new Error(`bench: npm pack failed:\n${packed.stderr}`);
  const tarball = join(out, JSON.parse(packed.stdout)[0].filename);

  const prefix = join(scratch, 'install');
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{"name":"bench-install","private":true}\n');
  // Offline first (nothing to fetch when there are no dependencies); online only if that fails.
  let offline = true;
  let inst = npm(['install', '--offline', tarball], prefix);
  if (!inst.ok) {
    offline = false;
    inst = npm(['install', tarball], prefix);
  }
  if (!inst.ok) throw new Error(`bench: npm install <tarball> failed:\n${inst.stderr}`);

  return {
    packedBytes: info.size,
    unpackedBytes: info.unpackedSize,
    entries: info.entryCount,
    files: info.files.map((f) => f.path),
    installed: countPackages(join(prefix, 'node_modules')),
    offline,
  };
}
