/**
 * A small YAML emitter for the Azure ML documents `init` generates, in place of the `yaml` library's
 * stringify (which costs a lot of start-up time). It writes what `Document#toString` wrote with
 * `version: '1.1'`, no aliases, `lineWidth: 0` and no flow padding, byte for byte for our documents:
 * block mappings and sequences (sequences indented under their key), `{}` / `[]` for empty ones,
 * plain scalars where that is unambiguous, `>-` blocks for folded() text.
 *
 * Any string is safe: it is quoted whenever its plain form could be read as anything but the same
 * string by a YAML 1.1 reader (PyYAML, which the az CLI uses) or a YAML 1.2 one, or could end or
 * open structure. Quoted strings escape every character a reader could take as a line break or
 * reject as unprintable, so a value never spans lines.
 */
import { isPlainObject } from '../plain-object.js';

/** A string to be written as a folded block scalar (`>-`), e.g. a long command. */
export class Folded {
  constructor(readonly text: string) {}
}

export function folded(text: string): Folded {
  return new Folded(text);
}

// Written as escapes, never raw: C0 controls (tab and newline included), DEL and C1 controls (U+0085 is
// a line break in YAML 1.1, the others are unprintable), U+2028/U+2029 (1.1 line breaks), the BOM,
// U+FFFE/U+FFFF (unprintable) and lone surrogates.
const SPECIAL_CHARS = '\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff';
const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const NEEDS_ESCAPE = new RegExp(`[${SPECIAL_CHARS}]|${LONE_SURROGATE}`);
const TO_ESCAPE = new RegExp(`["\\\\${SPECIAL_CHARS}]|${LONE_SURROGATE}`, 'g');
const NAMED_ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e',
  '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

// Plain scalars that some reader resolves to something other than a string: booleans (1.1 `y`, `on`...,
// in any case), null (`~`, empty), PyYAML's merge key `<<` and value key `=` (which safe_load rejects).
const WORD = /^(?:y|n|yes|no|true|false|on|off|null|~|<<|=)?$/i;
// The union of the int and float forms of YAML 1.1 (PyYAML and the `yaml` library) and 1.2 core.
const NUMBER = new RegExp(`^[-+]?(?:${[
  '0b[01_]+', '0o[0-7_]+', '0x[0-9a-fA-F_]+', // binary (1.1), octal (1.2), hex
  '[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?', // `1_000`, `017`, `1:20`, `1.`, `1.5e3`, `1e3`
  '\\.[0-9_]*(?:[eE][-+]?[0-9]+)?', '[eE][-+]?[0-9]+', // `.5`; `.` and `e5` are floats to the library's 1.1 schema
  '\\.(?:inf|Inf|INF|nan|NaN|NAN)',
].join('|')})$`);
// YAML 1.1 timestamps, the union of PyYAML's and the `yaml` library's forms.
const TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
// Plain-scalar syntax: an indicator or a space first (`-` only alone or before a space, as in the
// library: `--extra-index-url …` stays plain), `---` or `...` (document markers) first, a space or `:`
// last, `: ` (a key) or ` #` (a comment) inside.
const BAD_SYNTAX = /^[?:,[\]{}#&*!|>'"%@` ]|^-(?:$|[ \t])|^---|^\.\.\.|[ :]$|: | #/;
const LINE_BREAK = /\r\n?|[\n\x85\u2028\u2029]/;
// Longer implicit keys are not allowed (YAML 1.2, PyYAML): write them as `? key`, as the library does.
const MAX_IMPLICIT_KEY = 1024;

/**
 * NUMBER and TIMESTAMP can match only a string that starts with one of `-+.0-9eE`: most strings skip both
 * (and a run that writes none never compiles those two expressions).
 */
function mayBeNumber(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

const isPlain = (s: string) =>
  !BAD_SYNTAX.test(s) && !NEEDS_ESCAPE.test(s) && !WORD.test(s) && !(mayBeNumber(s) && (NUMBER.test(s) || TIMESTAMP.test(s)));

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return NAMED_ESCAPES[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** Like the library: single quotes when the string has `"` but no `'` and nothing to escape, else double quotes. */
function quoted(s: string): string {
  if (s.includes('"') && !s.includes("'") && !NEEDS_ESCAPE.test(s)) return `'${s}'`;
  return `"${s.replace(TO_ESCAPE, escape)}"`;
}

const string = (s: string) => (isPlain(s) ? s : quoted(s));

function number(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new Error(`toYaml: cannot write ${n} at ${path}: only finite numbers`);
  if (Object.is(n, -0)) return '-0';
  const s = String(n);
  // PyYAML reads `1e-7` and `1e+21` as strings: its floats need a dot in the mantissa.
  return s.includes('e') && !s.includes('.') ? s.replace('e', '.0e') : s;
}

/** A block collection to write, or undefined for a scalar (empty collections are the scalars `{}` and `[]`). */
function collection(v: unknown): unknown[] | Array<[string, unknown]> | undefined {
  if (Array.isArray(v)) return v.length > 0 ? v : undefined;
  if (!isPlainObject(v)) return undefined;
  // Keys whose value is undefined are left out, as the library does.
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  return entries.length > 0 ? entries : undefined;
}

function scalar(v: unknown, path: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return string(v);
  if (typeof v === 'number') return number(v, path);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[]';
  if (isPlainObject(v)) return '{}';
  const what = typeof v === 'object' ? `a ${(v as object).constructor?.name ?? 'object'}` : v === undefined ? 'undefined' : `a ${typeof v}`;
  throw new Error(`toYaml: cannot write ${what} at ${path}: only plain objects, arrays, strings, finite numbers, booleans, null and folded()`);
}

function foldedText(f: Folded, path: string): string {
  const text: unknown = f.text;
  if (typeof text !== 'string') throw new Error(`toYaml: folded() text at ${path} is not a string`);
  return text;
}

/**
 * What follows `key:`, `-` or an explicit key's `:` for `value`, whose block content is indented by
 * `indent`. After `-` and `:` (inline) a collection starts on the same line, after `key:` on the next.
 */
function after(value: unknown, indent: string, inline: boolean, seen: Set<object>, path: string): string {
  if (value instanceof Folded) {
    const text = foldedText(value, path);
    // One line without edge spaces reads back the same from a `>-` block; anything else is quoted.
    return text !== '' && !NEEDS_ESCAPE.test(text) && text[0] !== ' ' && !text.endsWith(' ') ? ` >-\n${indent}${text}` : ` ${quoted(text)}`;
  }
  const items = collection(value);
  if (!items) return ` ${scalar(value, path)}`;
  const body = block(value as object, items, indent, seen, path);
  return inline ? ` ${body.slice(indent.length)}` : `\n${body}`;
}

function block(value: object, items: unknown[] | Array<[string, unknown]>, indent: string, seen: Set<object>, path: string): string {
  if (seen.has(value)) throw new Error(`toYaml: circular reference at ${path}`);
  seen.add(value);
  const child = `${indent}  `;
  const lines: string[] = [];
  if (Array.isArray(value)) {
    // A plain loop, not map(): holes in sparse arrays must reach scalar() and fail there.
    for (let i = 0; i < value.length; i++) lines.push(`${indent}-${after(value[i], child, true, seen, `${path}[${i}]`)}`);
  } else {
    for (const [k, v] of items as Array<[string, unknown]>) {
      const key = string(k);
      const at = path ? `${path}.${k}` : k;
      if (key.length > MAX_IMPLICIT_KEY) lines.push(`${indent}? ${key}\n${indent}:${after(v, child, true, seen, at)}`);
      else lines.push(`${indent}${key}:${after(v, child, false, seen, at)}`);
    }
  }
  seen.delete(value);
  return lines.join('\n');
}

/** `header` lines as `# ` comments and a blank line, as the library writes a document's comment. */
function comment(header: string | undefined): string {
  if (!header) return '';
  const lines = header.split(LINE_BREAK);
  // An unprintable character would make PyYAML reject the whole file.
  if (lines.some((l) => NEEDS_ESCAPE.test(l.replaceAll('\t', ' ')))) throw new Error('toYaml: the header has unprintable characters');
  return `${lines.map((l) => (l ? `# ${l}` : '')).join('\n')}\n\n`;
}

/** Serialise a generated Azure ML document, with `header` as comment lines at the top. */
export function toYaml(value: unknown, header?: string): string {
  const items = collection(value);
  // A folded() document is written as a plain or quoted string: a root `>-` block would need care with `---`.
  const top = 'the top level';
  const body = items
    ? block(value as object, items, '', new Set(), '')
    : value instanceof Folded ? string(foldedText(value, top)) : scalar(value, top);
  return `${comment(header)}${body}\n`;
}
