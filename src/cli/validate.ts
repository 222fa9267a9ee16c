/**
 * `aml-scaffold validate [paths...]`: find YAML files, read them, hand them to the pure core in
 * `azureml/lint.ts`, print one line per problem (or one JSON object) and return the exit code.
 *
 * Walking: files or directories, recursive over *.yml / *.yaml, skipping node_modules and .git and
 * never following symlinked directories. Files that cannot be validated (unreadable, a directory named
 * like a YAML file, binary) get a per-file error instead of stopping the run.
 *
 * The filesystem is read with synchronous calls: the files are small and read one after the other, and
 * a round trip through libuv's thread pool per call cost more than the reads themselves.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { posix, resolve, sep } from 'node:path';
import chalk, { Chalk } from 'chalk';
import { FORMATS, toGithub, toJson, toSarif, type Format } from '../azureml/formats.js';
import { KINDS, MAX_TEXT_LENGTH, UNKNOWN, validateFiles, type FileReport, type InputFile } from '../azureml/lint.js';
import { VERSION } from '../version.js';
import { byCodeUnit } from '../order.js';
import { UsageError } from '../core/errors.js';
import type { Output } from './output.js';

export interface ValidateCliOptions {
  /** alias of `format: 'json'` */
  json?: boolean;
  format?: string;
  strict?: boolean;
  kind?: string;
}
interface IO {
  stdout: Pick<Output, 'write'>;
  stderr: Pick<Output, 'write'>;
  color: boolean;
}

const YAML_NAME = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);
/** Large files are not parsed (see lint.ts); reading their head is enough to name the kind. */
const HEAD_BYTES = 64 * 1024;

interface Entry {
  display: string;
  abs: string;
  error?: string;
}

const toPosix = (p: string) => (sep === '\\' ? p.replace(/\\/g, '/') : p);
const failed = (path: string, message: string): FileReport => ({
  path,
  kind: UNKNOWN,
  valid: false,
  errors: [{ path: '', message, line: 1, column: 1, severity: 'error' }],
});

function resolveKind(kind: string | undefined): string | undefined {
  if (kind === undefined) return undefined;
  const match = KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
  if (!match) throw new UsageError(`unknown --kind "${kind}"; expected one of: ${KINDS.join(', ')}`);
  return match;
}

function walk(abs: string, display: string, out: Entry[]): void {
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (e) {
    out.push({ display, abs, error: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    return;
  }
  const subdirs: Array<[string, string]> = [];
  for (const d of entries) {
    const childAbs = resolve(abs, d.name);
    const childDisplay = posix.join(display, d.name);
    if (d.isDirectory()) {
      if (SKIP_DIRS.has(d.name)) continue;
      if (YAML_NAME.test(d.name)) out.push({ display: childDisplay, abs: childAbs, error: 'is a directory named like a YAML file; not validated' });
      else subdirs.push([childAbs, childDisplay]);
    } else if (YAML_NAME.test(d.name) && (d.isFile() || d.isSymbolicLink())) {
      // symlinks: read through to files; a link to a directory is reported, never followed
      out.push({ display: childDisplay, abs: childAbs });
    }
  }
  for (const [childAbs, childDisplay] of subdirs) walk(childAbs, childDisplay, out);
}

function collect(paths: string[]): Entry[] {
  const out: Entry[] = [];
  for (const given of paths) {
    const abs = resolve(given);
    let info;
    try {
      info = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or directory: ${given}`);
      out.push({ display: toPosix(given), abs, error: `cannot access (${code ?? 'error'})` });
      continue;
    }
    if (info.isDirectory()) walk(abs, toPosix(given), out);
    else out.push({ display: toPosix(given), abs });
  }
  const seen = new Set<string>();
  return out.filter((e) => !seen.has(e.abs) && Boolean(seen.add(e.abs)));
}

function read(entry: Entry): InputFile | FileReport {
  if (entry.error) return failed(entry.display, entry.error);
  let fd: number | undefined;
  try {
    // stat before open: opening a FIFO blocks, and reading a device (/dev/zero) never ends
    const info = statSync(entry.abs);
    if (info.isDirectory()) return failed(entry.display, 'is a directory (via a symbolic link); not validated');
    if (!info.isFile()) return failed(entry.display, 'is not a regular file; not validated');
    if (info.size > MAX_TEXT_LENGTH) {
      fd = openSync(entry.abs, 'r');
      const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
      const bytesRead = readSync(fd, head, 0, head.length, 0);
      return { path: entry.display, text: head.subarray(0, bytesRead).toString('utf8'), size: info.size };
    }
    // NUL bytes survive decoding; lint.ts reports them as binary content
    return { path: entry.display, text: readFileSync(entry.abs, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', ENOENT: 'broken symbolic link', EISDIR: 'is a directory' };
    const why = (code && reasons[code]) ?? code ?? 'error';
    return failed(entry.display, `cannot read file (${why})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A file name as one safe line: control characters (newlines, terminal escapes) shown as `?`. */
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '?');

function printHuman(files: FileReport[], io: IO): void {
  // io.color is the caller's decision (TTY, NO_COLOR); chalk's own detection may say 0 in pipes
  const c = new Chalk({ level: io.color ? Math.max(chalk.level, 1) as 1 | 2 | 3 : 0 });
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const p of f.errors) {
      const warn = p.severity === 'warning';
      if (warn) warnings++;
      else errors++;
      // `file:line:column  key.path  message`; warnings are marked, errors are the default
      const message = warn ? `${c.yellow('warning:')} ${p.message}` : c.red(p.message);
      io.stdout.write(`${c.bold(`${printable(f.path)}:${p.line}:${p.column}`)}  ${c.cyan(p.path || '-')}  ${message}\n`);
    }
  }
  const invalid = files.filter((f) => !f.valid).length;
  const skipped = files.filter((f) => f.kind === 'skipped').length;
  const counts = `(${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const line = `${plural(files.length, 'file')} checked: ${files.length - invalid} valid, ${invalid} invalid, ${skipped} skipped ${counts}`;
  io.stdout.write(`${invalid ? c.red(line) : c.green(line)}\n`);
}

function resolveFormat(opts: ValidateCliOptions): Format {
  const format = (opts.format ?? (opts.json ? 'json' : 'text')).toLowerCase();
  if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown --format "${opts.format}"; expected one of: ${FORMATS.join(', ')}`);
  if (opts.json && format !== 'json') throw new UsageError(`--json is --format json; it cannot be combined with --format ${format}`);
  return format as Format;
}

/** A component file a pipeline step names, read on demand (small text files only). */
function readSmall(path: string): string | undefined {
  try {
    const info = statSync(path);
    return info.isFile() && info.size <= MAX_TEXT_LENGTH ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export async function runValidate(paths: string[], opts: ValidateCliOptions, io: IO): Promise<number> {
  const format = resolveFormat(opts);
  const kind = resolveKind(opts.kind);
  const entries = collect(paths.length > 0 ? paths : ['.']);
  const loaded = entries.map(read);
  const inputs = loaded.filter((r): r is InputFile => 'text' in r);
  const result = validateFiles(inputs, { strict: opts.strict, kind, exists: (p) => existsSync(p), read: readSmall });
  const files = [...result.files, ...loaded.filter((r): r is FileReport => 'errors' in r)].sort((a, b) => byCodeUnit(a.path, b.path));
  const valid = files.every((f) => f.valid);
  if (format === 'json') io.stdout.write(toJson(files, valid));
  else if (format === 'sarif') io.stdout.write(toSarif(files, VERSION));
  else if (format === 'github') io.stdout.write(toGithub(files));
  else printHuman(files, io);
  return valid ? 0 : 1;
}
