/**
 * Scalar rules of the fast parser (src/yaml/parse.ts), each a port of what the `yaml` library (v2) does, so
 * that both give the same value: YAML 1.2 core schema resolution of plain scalars, quoted-scalar decoding and
 * block scalars (`|`, `>`). Every function returns `undefined` where the library would report an error, and
 * the caller then falls back to the library.
 */

const NOT_ONLY_STRING = /^[0-9+\-.~NnTtFf]/;

/** Plain scalar → value, by the core schema's tag tests in the library's order (yaml/dist/schema/core). */
export function resolvePlain(s: string): string | number | boolean | null {
  // Only these first characters can start a null, bool, int or float: skip the tests for everything else.
  if (!NOT_ONLY_STRING.test(s)) return s;
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  // Every number below starts with a digit, a sign or a dot (words like `Train` or `no` end here).
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return NaN;
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** `'...'` on one line (quotes included) → its value. */
export function singleQuoted(source: string): string {
  const inner = source.slice(1, -1);
  return inner.includes("'") ? inner.replace(/''/g, "'") : inner;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/**
 * `"..."` on one line (quotes included) → its value, or undefined on an escape the library rejects.
 * Single-line only: the library's line folding and escaped line breaks never apply.
 */
export function doubleQuoted(source: string): string | undefined {
  const last = source.length - 1;
  if (!source.includes('\\')) return source.slice(1, last);
  let res = '';
  for (let i = 1; i < last; ++i) {
    const ch = source[i];
    if (ch !== '\\') {
      res += ch;
      continue;
    }
    const next = source[++i];
    const code = ESCAPES[next];
    if (code !== undefined) {
      res += code;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = source.substr(i + 1, length);
      // the library reads past the closing quote when an escape is cut short; that is an error there too
      if (hex.length !== length || i + length >= last || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return undefined;
      res += String.fromCodePoint(cp);
      i += length;
    } else {
      return undefined;
    }
  }
  return res;
}

export interface BlockHeader {
  mode: '|' | '>';
  chomp: '' | '-' | '+';
  /** characters from the indicator to the start of the first content line (header, spaces, comment, newline) */
  length: number;
}

/**
 * Where the library's lexer ends a block scalar whose content starts at `pos` (the line after the header):
 * returns the offset one past its source (a line start, or the end of the text).
 * Port of Lexer.parseBlockScalar without explicit indentation indicators, tabs or `\r` (never in our subset).
 */
export function blockScalarEnd(text: string, pos: number, indentNext: number, keep: boolean): number {
  const len = text.length;
  let nl = pos - 1;
  let indent = 0;
  for (let i = pos; i < len; ++i) {
    const ch = text.charCodeAt(i);
    if (ch === 32) indent += 1;
    else if (ch === 10) {
      nl = i;
      indent = 0;
    } else break;
  }
  if (indent >= indentNext) {
    const contentIndent = indent;
    do {
      const cs = continueScalar(text, nl + 1, contentIndent);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = len;
  }
  if (!keep) {
    // drop trailing lines that hold nothing but (not more indented) spaces
    for (;;) {
      let i = nl - 1;
      let ch = text[i];
      const lastChar = i;
      while (ch === ' ') ch = text[--i];
      if (ch === '\n' && i >= pos && i + 1 + indent > lastChar) nl = i;
      else break;
    }
  }
  return Math.min(nl + 1, len);
}

/** Lexer.continueScalar: does the line at `offset` continue the scalar (returns its content offset) or end it (-1)? */
function continueScalar(text: string, offset: number, indentNext: number): number {
  if (indentNext > 0) {
    let indent = 0;
    let ch = text[offset];
    while (ch === ' ') ch = text[++indent + offset];
    return ch === '\n' || indent >= indentNext ? offset + indent : -1;
  }
  const ch = text[offset];
  if (ch === '-' || ch === '.') {
    const dt = text.substr(offset, 3);
    const after = text[offset + 3];
    if ((dt === '---' || dt === '...') && (after === undefined || after === ' ' || after === '\n')) return -1;
  }
  return offset;
}

/**
 * A block scalar's value from its source (the lines after the header), or undefined where the library reports
 * an error. Port of compose/resolve-block-scalar.js for headers without an indentation indicator.
 * `indent` is the indent of the collection holding the scalar (0 at the root).
 */
export function blockScalarValue(header: BlockHeader, source: string, indent: number, atRoot: boolean): string | undefined {
  const lines = source ? splitLines(source) : [];
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i][1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) {
    return header.chomp === '+' && lines.length > 0 ? '\n'.repeat(Math.max(1, lines.length - 1)) : '';
  }
  let trimIndent = indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [ind, content] = lines[i];
    if (content === '') {
      if (ind.length > trimIndent) trimIndent = ind.length;
    } else {
      // "more-indented leading empty lines must use an explicit indentation indicator"
      if (ind.length < trimIndent) return undefined;
      trimIndent = ind.length;
      contentStart = i;
      // "block scalar values in collections must be indented"
      if (trimIndent === 0 && !atRoot) return undefined;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i][0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [ind, content] = lines[i];
    // "block scalar lines must not be less indented than their first line"
    if (content && ind.length < trimIndent) return undefined;
    if (header.mode === '|') {
      value += sep + ind.slice(trimIndent) + content;
      sep = '\n';
    } else if (ind.length > trimIndent) {
      // more-indented lines of a folded scalar keep their line breaks
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + ind.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (header.chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i][0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (header.chomp === '') {
    value += '\n';
  }
  return value;
}

/** `[indent, content]` per line, as the library splits a block scalar's source. */
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0];
  const m = /^( *)/.exec(first);
  const lines: [string, string][] = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  return lines;
}
