#!/usr/bin/env node
'use strict';
/**
 * Starts dist/cli.cjs through V8's code cache. Compiling the bundle's JavaScript is a large part of
 * a run, so after the first run of each command the compiled code is kept in a per-user cache folder
 * and reused, much as Node 22's `module.enableCompileCache()` does (Node 20 has no such switch).
 * Libraries only some runs need are chunks, dist/vendor/<name>.cjs, loaded the same way when the
 * bundle first asks for one (`module.amlChunk`), each with its own cache file.
 *
 * - The cache folder: $AML_SCAFFOLD_CACHE_DIR, else the platform's user cache folder
 *   (~/.cache/aml-scaffold, $XDG_CACHE_HOME/aml-scaffold, ~/Library/Caches/aml-scaffold,
 *   %LOCALAPPDATA%\aml-scaffold\Cache). AML_SCAFFOLD_NO_CACHE=1 turns caching off.
 * - Cached code is machine code's cousin: it is read only from a folder that is the user's own and
 *   that nobody else can write to, and only from a regular file in it. Anything odd means no cache.
 * - A cache file is named after the script's build id, size and modification time, the Node version
 *   and the command (for `init`, also the framework: its code paths differ most by framework, and a
 *   cache holds only what the run that made it compiled), or `vendor.<name>` for a chunk. V8 rejects
 *   a cache made by another V8 or other flags; a rejected or missing cache is written anew when the
 *   process exits (to a temporary name, then renamed).
 * - Writing one also tidies the folder: cache files of builds this run did not load, written over a
 *   week ago, go, and at most MAX_FILES stay. Only files named as this loader names them are removed.
 * - The cache only ever saves time: every failure to read or write it is ignored.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const dist = path.join(__dirname, '..', 'dist');
const COMMANDS = new Set(['init', 'validate', 'add', 'list']);
const OURS = /^([0-9a-f]{16})-\d+-\d+-v[\d.]+-[a-z0-9]+-[a-z]+(\.[a-z0-9]+)?\.bin(\.\d+\.tmp)?$/;
const WEEK_MS = 7 * 24 * 3600 * 1000;
const MAX_FILES = 64;

function cacheDir() {
  if (process.env.AML_SCAFFOLD_NO_CACHE === '1') return undefined;
  const own = process.env.AML_SCAFFOLD_CACHE_DIR;
  if (own) return path.resolve(own);
  if (process.platform === 'win32') {
    const local = process.env.LOCALAPPDATA;
    return local ? path.join(local, 'aml-scaffold', 'Cache') : undefined;
  }
  // What os.homedir() answers on POSIX when HOME is set, without loading the os module.
  const home = process.env.HOME || require('node:os').homedir();
  if (!home) return undefined;
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'aml-scaffold');
  const xdg = process.env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'aml-scaffold');
}

/** A folder or file that only this user can have written (always true on Windows, which has no uid). */
function ownedAndPrivate(stat) {
  if (typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

function readCache(file) {
  try {
    const dirStat = fs.lstatSync(path.dirname(file));
    if (!dirStat.isDirectory() || !ownedAndPrivate(dirStat)) return undefined;
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || !ownedAndPrivate(stat)) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Write one cache file (privately, through a temporary name); false when it could not be written. */
function writeCache(file, data) {
  const dir = path.dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownedAndPrivate(fs.lstatSync(dir))) return false;
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to do
    }
    return false;
  }
}

/** Remove cache files of builds other than `builds` written over a week ago, and the oldest beyond MAX_FILES. */
function prune(dir, builds) {
  const now = Date.now();
  const files = [];
  for (const name of fs.readdirSync(dir)) {
    const m = OURS.exec(name);
    if (!m) continue;
    const full = path.join(dir, name);
    const st = fs.lstatSync(full);
    if (!st.isFile()) continue;
    if (!builds.has(m[1]) && now - st.mtimeMs > WEEK_MS) fs.rmSync(full, { force: true });
    else files.push({ full, mtime: st.mtimeMs });
  }
  files.sort((a, b) => b.mtime - a.mtime);
  for (const f of files.slice(MAX_FILES)) fs.rmSync(f.full, { force: true });
}

/** Which cache a run uses: its command, and for `init` the framework asked for (plain ids only). */
function variant(argv) {
  const command = argv[2];
  if (!COMMANDS.has(command)) return 'other';
  if (command !== 'init') return command;
  for (let i = 3; i < argv.length; i++) {
    const value = argv[i] === '--framework' ? argv[i + 1] : argv[i].startsWith('--framework=') ? argv[i].slice(12) : undefined;
    if (value !== undefined) return /^[a-z0-9]{1,20}$/.test(value) ? `init.${value}` : 'init';
  }
  return 'init';
}

const cacheFolder = cacheDir();
/** Build ids of the scripts this run loaded, and the cache files to write when it ends. */
const builds = new Set();
const toWrite = [];

function writeCaches() {
  let written = false;
  for (const { file, script } of toWrite) written = writeCache(file, script.createCachedData()) || written;
  if (!written) return;
  try {
    prune(cacheFolder, builds);
  } catch {
    // tidying is best effort
  }
}

/**
 * Compile and run `file` (a function expression with Module.wrap's parameters, see scripts/build.mjs)
 * through the cache named after `cacheVariant`; returns its module.exports.
 */
function load(file, cacheVariant) {
  // latin1: the bundle is ASCII (esbuild escapes the rest), and latin1 is a plain copy, no UTF-8 decoding
  const source = fs.readFileSync(file, 'latin1');
  let cacheFile;
  let cachedData;
  const id = /^\/\/ build ([0-9a-f]{16})/.exec(source);
  if (cacheFolder && id) {
    builds.add(id[1]);
    const stat = fs.statSync(file);
    cacheFile = path.join(cacheFolder, `${id[1]}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}-${cacheVariant}.bin`);
    cachedData = readCache(cacheFile);
  }
  // Compiled as it is, the file returns its function.
  const script = new vm.Script(source, { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // After the run the cache also holds every function the command compiled on the way.
    if (toWrite.length === 0) process.once('exit', writeCaches);
    toWrite.push({ file: cacheFile, script });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod.amlChunk = chunk;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

const chunks = new Map();
/** A library chunk of the bundle (dist/vendor/<name>.cjs), loaded on first use. */
function chunk(name) {
  if (!/^[a-z]+$/.test(name)) throw new Error(`no chunk ${name}`);
  if (!chunks.has(name)) chunks.set(name, load(path.join(dist, 'vendor', `${name}.cjs`), `vendor.${name}`));
  return chunks.get(name);
}

load(path.join(dist, 'cli.cjs'), variant(process.argv));
