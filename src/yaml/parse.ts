/**
 * A fast parser for the plain block-style YAML almost every Azure ML file is written in: block mappings and
 * sequences, single-line plain and quoted scalars, `|` / `>` block scalars, single-line flow collections and
 * comments. It gives exactly what the `yaml` library gives (`parseDocument(text, { uniqueKeys: false,
 * merge: true })` then `toJS()`: same value, same node kinds, same `range[0]` / `range[1]` offsets), or
 * `undefined` for anything outside that subset or in doubt, and the caller then uses the library.
 *
 * The offsets follow the library's concrete syntax tree, including its less obvious rules: a collection ends
 * where its last value's trailing tokens end (a scalar's line break, more-indented comment lines after it, a
 * trailing comment block the collection keeps), an empty value sits right after its `:` or `-` (see finish()).
 *
 * Never imports `yaml`: not loading it is the point.
 */
import type { YMap, YNode, YPair, YScalar, YSeq } from './ast.js';
import { blockScalarEnd, blockScalarValue, doubleQuoted, resolvePlain, singleQuoted, type BlockHeader } from './scalars.js';

export interface FastParse {
  root: YNode | null;
  value: unknown;
}

/** undefined = outside the supported subset or any doubt: the caller falls back to the `yaml` library. */
export function fastParse(text: string): FastParse | undefined {
  // Tabs, CR, BOM, control characters and Unicode line breaks: the library's rules for them are subtle.
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    return new Parser(text).document();
  } catch {
    // NOT_MINE, or a stack overflow on absurdly deep nesting: either way the library decides.
    return undefined;
  }
}

// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARS = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|^(?:---|\.\.\.)(?:[ \n]|$)/m;

/** Thrown (never escapes fastParse) when the text leaves the subset. */
const NOT_MINE = new Error('not in the fast YAML subset');
function fail(): never {
  throw NOT_MINE;
}

/** Lines are blank (spaces only), comment-only, or content. */
const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

/** How a plain scalar scan stopped: at the line's end, at `: `, at ` #`. */
const EOL = 0;
const COLON = 1;
const HASH = 2;

/**
 * How a collection's last value ends, which decides where the collection ends (finish()):
 * - `flow`: a plain or quoted scalar or a flow collection on line `line`; the library keeps its trailing
 *   tokens (line break, then comment lines indented deeper than the collection) in its range;
 * - `block`: a block scalar ending at `end` (a line start), before line `next`;
 * - `empty`: no value (`key:` or `-`), placed at `at`; `comment`: a comment on its line, or (for `-`) on
 *   lines before it, belongs to it;
 * - `coll`: a block collection, with its own end and the trailing comment block it passed up, if any.
 */
type Tail =
  | { kind: 'flow'; line: number }
  | { kind: 'block'; end: number; next: number }
  | { kind: 'empty'; at: number; line: number; comment: boolean }
  | { kind: 'coll'; end2: number; pending: Pending | null };

/** Comment lines after a collection's last value that no collection has claimed yet (see finish()). */
interface Pending {
  /** the deepest indent of a comment line in the block */
  maxCommentIndent: number;
  /** where the block ends: the next content's first character, or the end of the text */
  end: number;
}

interface Parsed {
  node: YNode;
  value: unknown;
  tail: Tail;
  /** the line after the node's last line */
  next: number;
}

/** Where a node is parsed from: its parent collection's indent, or -1 at the document's root. */
interface Ctx {
  parentIndent: number;
  /** a `key:` on the same line (a nested mapping or a sequence there is an error) */
  afterKey: boolean;
  /**
   * A scalar here would be read with a lower "next line" indent than its parent's + 1 (see lowersIndent()),
   * so its continuation and block scalar rules differ: left to the library.
   */
  lowered?: boolean;
}

class Parser {
  private readonly text: string;
  private readonly len: number;
  /** per line: start offset, end offset (its `\n` or the end of the text), indent, kind */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: number[] = [];
  private readonly count: number;

  constructor(text: string) {
    this.text = text;
    this.len = text.length;
    let start = 0;
    while (start < this.len) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? this.len : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(i - start);
      this.kinds.push(i === end ? BLANK : text.charCodeAt(i) === 35 /* # */ ? COMMENT : CONTENT);
      start = end + 1;
    }
    this.count = this.starts.length;
  }

  document(): FastParse {
    const first = this.nextContent(0);
    if (first === this.count) return { root: null, value: null };
    // `%` starts a directive before the document (and is a bad plain scalar start anywhere else)
    if (this.text.charCodeAt(this.starts[first] + this.indents[first]) === 37) fail();
    const r = this.node(first, this.starts[first] + this.indents[first], { parentIndent: -1, afterKey: false });
    if (this.nextContent(r.next) !== this.count) fail();
    return { root: r.node, value: r.value };
  }

  /** The first content line at or after `line` (the line count when there is none). */
  private nextContent(line: number): number {
    while (line < this.count && this.kinds[line] !== CONTENT) line++;
    return line;
  }

  /** Offset just past line `line` (past its `\n`, or the end of the text). */
  private lineNext(line: number): number {
    return Math.min(this.ends[line] + 1, this.len);
  }

  /** A `-` sequence indicator at `pos`: followed by a space or the line's end. */
  private isDash(pos: number, lineEnd: number): boolean {
    return this.text.charCodeAt(pos) === 45 && (pos + 1 === lineEnd || this.text.charCodeAt(pos + 1) === 32);
  }

  /** Does content line `line` start with a `-` indicator? */
  private isDashLine(line: number): boolean {
    return this.isDash(this.starts[line] + this.indents[line], this.ends[line]);
  }

  /** Any node starting at `pos` on `line`: a block sequence, a block mapping, or a single-line value. */
  private node(line: number, pos: number, ctx: Ctx): Parsed {
    const end = this.ends[line];
    if (this.isDash(pos, end)) {
      if (ctx.afterKey) fail();
      return this.seq(line, pos);
    }
    const key = this.keyAt(line, pos);
    if (key) {
      if (ctx.afterKey) fail();
      return this.map(line, pos);
    }
    return this.value(line, pos, ctx);
  }

  /**
   * If a mapping key (plain or quoted, then `:` and a space or the line's end) starts at `pos`: the offset of
   * its `:`. The scalar scan is the library's, so `a:b` and `http://x` are not keys.
   */
  private keyAt(line: number, pos: number): number {
    const t = this.text;
    const end = this.ends[line];
    const c = t[pos];
    // a flow collection as a key is left to the library (value() rejects the `:` after it)
    if (c === '[' || c === '{') return 0;
    let after: number;
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(pos, end);
      if (close === -1) return 0;
      after = close;
      while (after < end && t.charCodeAt(after) === 32) after++;
    } else {
      const scan = this.plainEnd(pos, end);
      if (scan.stop !== COLON) return 0;
      after = scan.stopAt;
    }
    if (t[after] === ':' && (after + 1 === end || t.charCodeAt(after + 1) === 32)) return after;
    return 0;
  }

  /**
   * The end of a plain scalar in block context (Lexer.parsePlainScalar on one line): it stops at `: `, at ` #`
   * or at the line's end; `end` excludes trailing spaces.
   */
  private plainEnd(pos: number, lineEnd: number): { end: number; stop: number; stopAt: number } {
    const t = this.text;
    let end = pos;
    for (let i = pos; i < lineEnd; i++) {
      const ch = t.charCodeAt(i);
      if (ch === 58 /* : */) {
        if (i + 1 === lineEnd || t.charCodeAt(i + 1) === 32) return { end, stop: COLON, stopAt: i };
        end = i + 1;
      } else if (ch === 32) {
        if (t.charCodeAt(i + 1) === 35 /* # */) return { end, stop: HASH, stopAt: i + 1 };
      } else {
        end = i + 1;
      }
    }
    return { end, stop: EOL, stopAt: lineEnd };
  }

  /** The offset past the closing quote of the quoted scalar at `pos`, if it closes on this line; else -1. */
  private quoteEnd(pos: number, lineEnd: number): number {
    const t = this.text;
    const q = t[pos];
    let i = t.indexOf(q, pos + 1);
    if (q === "'") {
      while (i !== -1 && i < lineEnd && t[i + 1] === "'") i = t.indexOf("'", i + 2);
    } else {
      // a quote after an odd number of backslashes is escaped
      while (i !== -1 && i < lineEnd) {
        let n = 0;
        while (t[i - 1 - n] === '\\') n++;
        if (n % 2 === 0) break;
        i = t.indexOf('"', i + 1);
      }
    }
    return i === -1 || i >= lineEnd ? -1 : i + 1;
  }

  /** A quoted scalar token from `pos` to `end` (past its closing quote). */
  private quoted(pos: number, end: number): YScalar {
    const src = this.text.slice(pos, end);
    const value = src[0] === "'" ? singleQuoted(src) : doubleQuoted(src);
    if (value === undefined) fail();
    return { type: 'scalar', value, start: pos, end };
  }

  private checkKey(key: YScalar, seen: Set<string>): string {
    const k = key.value;
    // Keys that are not strings, merge keys, `__proto__` and duplicates: the library has rules for each.
    if (typeof k !== 'string' || k === '<<' || k === '__proto__' || seen.has(k)) fail();
    seen.add(k);
    return k;
  }

  /** A block mapping whose first key starts at column `indent` of `line`. */
  private map(line: number, pos: number): Parsed {
    const t = this.text;
    const indent = pos - this.starts[line];
    const pairs: YPair[] = [];
    const value: Record<string, unknown> = {};
    const seen = new Set<string>();
    let tail: Tail;
    let next: number;
    for (;;) {
      const end = this.ends[line];
      const colon = this.keyAt(line, pos);
      if (!colon) fail();
      // the library wants the `:` of an implicit key within 1024 characters of its start
      if (colon - pos > 1000) fail();
      const key = this.keyScalar(pos, colon);
      const name = this.checkKey(key, seen);
      let v = colon + 1;
      while (v < end && t.charCodeAt(v) === 32) v++;
      let item: Parsed;
      if (v < end && t.charCodeAt(v) !== 35) {
        item = this.node(line, v, { parentIndent: indent, afterKey: true });
      } else {
        const k = this.nextContent(line + 1);
        // the value on the next lines: more indented, or a sequence at the key's indent
        const below = k < this.count && (this.indents[k] > indent || (this.indents[k] === indent && this.isDashLine(k)));
        if (below) {
          const lowered = this.lowersIndent(line + 1, k, indent + 1);
          item = this.node(k, this.starts[k] + this.indents[k], { parentIndent: indent, afterKey: false, lowered });
        } else {
          item = this.empty(v, line, v < end);
        }
      }
      pairs.push({ key, value: item.node });
      value[name] = item.value;
      tail = item.tail;
      next = this.nextContent(item.next);
      if (next < this.count && this.indents[next] === indent) {
        line = next;
        pos = this.starts[line] + indent;
        continue;
      }
      if (next < this.count && this.indents[next] > indent) fail();
      break;
    }
    const node: YMap = { type: 'map', pairs, start: pairs[0].key.start, end: 0 };
    return this.finish(node, indent, tail, next, value);
  }

  /** The key scalar from `pos` (plain or quoted) whose `:` is at `colon`. */
  private keyScalar(pos: number, colon: number): YScalar {
    const t = this.text;
    const c = t[pos];
    if (c === '"' || c === "'") return this.quoted(pos, this.quoteEnd(pos, colon));
    let end = colon;
    while (t.charCodeAt(end - 1) === 32) end--;
    this.checkPlainStart(pos, false);
    const src = t.slice(pos, end);
    return { type: 'scalar', value: resolvePlain(src), start: pos, end };
  }

  /** A block sequence whose first `-` is at `pos` on `line`. */
  private seq(line: number, pos: number): Parsed {
    const t = this.text;
    const start = pos;
    const indent = pos - this.starts[line];
    const items: (YNode | null)[] = [];
    const value: unknown[] = [];
    let tail: Tail;
    let next: number;
    // comment lines between the previous item and this `-` that the library puts in this item's tokens
    let commentBefore = false;
    for (;;) {
      const end = this.ends[line];
      let v = pos + 1;
      while (v < end && t.charCodeAt(v) === 32) v++;
      let item: Parsed;
      if (v < end && t.charCodeAt(v) !== 35) {
        item = this.node(line, v, { parentIndent: indent, afterKey: false });
      } else {
        // `-` alone with its value on the next lines: rare, left to the library
        const k = this.nextContent(line + 1);
        if (k < this.count && this.indents[k] > indent) fail();
        item = this.empty(v, line, v < end || commentBefore);
      }
      items.push(item.node);
      value.push(item.value);
      tail = item.tail;
      next = this.nextContent(item.next);
      if (next < this.count && this.indents[next] === indent && this.isDashLine(next)) {
        commentBefore = this.trailing(tail, indent, next).pending !== null;
        line = next;
        pos = this.starts[line] + indent;
        continue;
      }
      if (next < this.count && this.indents[next] > indent) fail();
      break;
    }
    const node: YSeq = { type: 'seq', items, start, end: 0 };
    return this.finish(node, indent, tail, next, value);
  }

  /** An empty value (`key:` or `-` with nothing after it): a null scalar right after the indicator's spaces. */
  private empty(at: number, line: number, commented: boolean): Parsed {
    return {
      node: { type: 'scalar', value: null, start: at, end: at },
      value: null,
      tail: { kind: 'empty', at, line, comment: commented },
      next: line + 1,
    };
  }

  /**
   * Where a block collection ends, by the library's parser (parse/parser.js) and composer rules:
   * - its end (range[1]) is where its last value's trailing tokens end: after a flow value's line break and
   *   any comment lines right after it that are indented deeper than the collection (blank lines between
   *   them included); right after an empty value's indicator, or, when a comment belongs to it, at the start
   *   of the next content (all trailing tokens are the empty value's);
   * - the other trailing lines up to the next content form a comment block that the collection passes to its
   *   parent when it sits at column 0 or all their comments are less indented than it; otherwise it keeps it,
   *   and its parent sees it end (range[2]) at the block's end.
   */
  private finish<N extends YMap | YSeq>(node: N, indent: number, tail: Tail, next: number, value: unknown): Parsed {
    const t = this.trailing(tail, indent, next);
    node.end = t.end;
    let end2 = t.end;
    let pending = t.pending;
    if (pending && indent !== 0 && pending.maxCommentIndent >= indent) {
      end2 = pending.end;
      pending = null;
    }
    return { node, value, tail: { kind: 'coll', end2, pending }, next };
  }

  /**
   * Where the trailing tokens of a value (`tail`) in a collection at `indent` end, when the next content is on
   * line `next`; and the comment block after them that the collection holds as a separate item, if any.
   */
  private trailing(tail: Tail, indent: number, next: number): { end: number; pending: Pending | null } {
    const blockEnd = next < this.count ? this.starts[next] + this.indents[next] : this.len;
    if (tail.kind === 'flow') {
      let end = this.lineNext(tail.line);
      let j = tail.line + 1;
      for (;;) {
        let b = j;
        while (b < next && this.kinds[b] === BLANK) b++;
        if (b < next && this.kinds[b] === COMMENT && this.indents[b] > indent) {
          end = this.lineNext(b);
          j = b + 1;
        } else break;
      }
      return { end, pending: this.pending(j, next, blockEnd) };
    }
    if (tail.kind === 'block') return { end: tail.end, pending: this.pending(tail.next, next, blockEnd) };
    if (tail.kind === 'empty') {
      const commented = tail.comment || this.pending(tail.line + 1, next, blockEnd) !== null;
      return { end: commented ? blockEnd : tail.at, pending: null };
    }
    return { end: tail.end2, pending: tail.pending };
  }

  /**
   * Whether the blank and comment lines from `from` to `to` (exclusive) lower the lexer's minimum indent for
   * continuation lines below `indentNext`. At each line start the library's lexer (Lexer.parseLineStart) lowers
   * it to the line's indent when the character after the line's first one is not a space or line break: an
   * empty line followed by a line starting in column 0 does, and so does `#comment` less indented.
   */
  private lowersIndent(from: number, to: number, indentNext: number): boolean {
    const t = this.text;
    for (let j = from; j < to; j++) {
      const c1 = this.kinds[j] === BLANK ? t[this.ends[j] + 1] : t[this.starts[j] + this.indents[j] + 1];
      if (indentNext > this.indents[j] && c1 !== undefined && c1 !== ' ' && c1 !== '\n') return true;
    }
    return false;
  }

  /** The comment lines from `from` to `to` (exclusive) as a pending block, or null when there are none. */
  private pending(from: number, to: number, end: number): Pending | null {
    let max = -1;
    for (let i = from; i < to; i++) if (this.kinds[i] === COMMENT && this.indents[i] > max) max = this.indents[i];
    return max === -1 ? null : { maxCommentIndent: max, end };
  }

  /** A value that fits on its line (plain, quoted, flow collection), or a block scalar. */
  private value(line: number, pos: number, ctx: Ctx): Parsed {
    const t = this.text;
    const end = this.ends[line];
    const c = t[pos];
    if (ctx.lowered) fail();
    if (c === '|' || c === '>') return this.blockScalar(line, pos, ctx);
    let node: YNode;
    let value: unknown;
    let after: number;
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(pos, end);
      if (close === -1) fail();
      const s = this.quoted(pos, close);
      node = s;
      value = s.value;
      after = close;
    } else if (c === '[' || c === '{') {
      const f = this.flow(pos, end, 0);
      node = f.node;
      value = f.value;
      after = f.end;
    } else {
      this.checkPlainStart(pos, false);
      const scan = this.plainEnd(pos, end);
      // `a: b: c` (a compact nested mapping) is an error; `- a: b` never gets here
      if (scan.stop === COLON) fail();
      const v = resolvePlain(t.slice(pos, scan.end));
      node = { type: 'scalar', value: v, start: pos, end: scan.end };
      value = v;
      after = scan.end;
    }
    // after the value: spaces, then the line's end or a comment (which needs a space before it)
    let i = after;
    while (i < end && t.charCodeAt(i) === 32) i++;
    if (i < end && !(t.charCodeAt(i) === 35 && i > after)) fail();
    return { node, value, tail: { kind: 'flow', line }, next: line + 1 };
  }

  /**
   * Plain scalars may not start with an indicator (`- `, `? `, `: ` in both contexts; `[]{},` also in flow
   * context) nor with a character the library rejects or gives another meaning (`!&*%@\`|>#'"`).
   */
  private checkPlainStart(pos: number, inFlow: boolean): void {
    const t = this.text;
    const c = t[pos];
    if ('!&*%@`|>#\'"[]{},'.includes(c)) fail();
    if (c === '-' || c === '?' || c === ':') {
      const n = t[pos + 1];
      if (n === undefined || n === ' ' || n === '\n' || (inFlow && ',[]{}'.includes(n))) fail();
    }
  }

  /** A block scalar (`|`, `>`, with `-` or `+`) whose indicator is at `pos`. */
  private blockScalar(line: number, pos: number, ctx: Ctx): Parsed {
    const t = this.text;
    const end = this.ends[line];
    const mode = t[pos] as '|' | '>';
    let i = pos + 1;
    let chomp: BlockHeader['chomp'] = '';
    if (t[i] === '-' || t[i] === '+') chomp = t[i++] as '-' | '+';
    // an indentation indicator or anything else in the header: left to the library
    if (i < end && t.charCodeAt(i) !== 32) fail();
    while (i < end && t.charCodeAt(i) === 32) i++;
    if (i < end && t.charCodeAt(i) !== 35) fail();
    const contentStart = this.lineNext(line);
    const header: BlockHeader = { mode, chomp, length: contentStart - pos };
    const atRoot = ctx.parentIndent === -1;
    const indentNext = atRoot ? 0 : ctx.parentIndent + 1;
    const sourceEnd = blockScalarEnd(t, contentStart, indentNext, chomp === '+');
    const value = blockScalarValue(header, t.slice(contentStart, sourceEnd), atRoot ? 0 : ctx.parentIndent, atRoot);
    if (value === undefined) fail();
    let next = line + 1;
    while (next < this.count && this.starts[next] < sourceEnd) next++;
    return {
      node: { type: 'scalar', value, start: pos, end: sourceEnd },
      value,
      tail: { kind: 'block', end: sourceEnd, next },
      next,
    };
  }

  /**
   * A flow collection that opens at `pos` and closes on the same line: items are plain or quoted scalars and
   * nested flow collections; flow maps take `key: value` pairs. Empty items, trailing commas, pairs inside
   * sequences, comments and anything multi-line are left to the library.
   */
  private flow(pos: number, lineEnd: number, depth: number): { node: YMap | YSeq; value: unknown; end: number } {
    const t = this.text;
    if (depth > 64) fail();
    const isMap = t[pos] === '{';
    const close = isMap ? '}' : ']';
    let i = this.skipSpaces(pos + 1, lineEnd);
    const pairs: YPair[] = [];
    const items: YNode[] = [];
    const obj: Record<string, unknown> = {};
    const arr: unknown[] = [];
    const seen = new Set<string>();
    while (t[i] !== close) {
      if (isMap) {
        const key = this.flowItem(i, lineEnd, depth);
        if (key.node.type !== 'scalar') fail();
        const name = this.checkKey(key.node, seen);
        i = this.skipSpaces(key.end, lineEnd);
        if (t[i] !== ':' || t[i + 1] !== ' ') fail();
        i = this.skipSpaces(i + 1, lineEnd);
        const val = this.flowItem(i, lineEnd, depth);
        pairs.push({ key: key.node, value: val.node });
        obj[name] = val.value;
        i = this.skipSpaces(val.end, lineEnd);
      } else {
        const val = this.flowItem(i, lineEnd, depth);
        items.push(val.node);
        arr.push(val.value);
        i = this.skipSpaces(val.end, lineEnd);
      }
      if (t[i] === ',') {
        i = this.skipSpaces(i + 1, lineEnd);
        if (t[i] === close || t[i] === ',') fail();
      } else if (t[i] !== close) {
        fail();
      }
    }
    const end = i + 1;
    if (isMap) return { node: { type: 'map', pairs, start: pos, end }, value: obj, end };
    return { node: { type: 'seq', items, start: pos, end }, value: arr, end };
  }

  /** One flow item at `pos`: a nested flow collection, a quoted or a plain scalar. */
  private flowItem(pos: number, lineEnd: number, depth: number): { node: YNode; value: unknown; end: number } {
    const t = this.text;
    if (pos >= lineEnd) fail();
    const c = t[pos];
    if (c === '[' || c === '{') return this.flow(pos, lineEnd, depth + 1);
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(pos, lineEnd);
      if (close === -1) fail();
      const s = this.quoted(pos, close);
      return { node: s, value: s.value, end: close };
    }
    this.checkPlainStart(pos, true);
    let end = pos;
    for (let i = pos; i < lineEnd; i++) {
      const ch = t[i];
      if (ch === ':') {
        const n = t[i + 1];
        if (i + 1 === lineEnd || n === ' ' || n === ',' || n === '[' || n === ']' || n === '{' || n === '}') {
          const v = resolvePlain(t.slice(pos, end));
          return { node: { type: 'scalar', value: v, start: pos, end }, value: v, end };
        }
        end = i + 1;
      } else if (ch === ' ') {
        if (t[i + 1] === '#') fail();
      } else if (ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}') {
        const v = resolvePlain(t.slice(pos, end));
        return { node: { type: 'scalar', value: v, start: pos, end }, value: v, end };
      } else {
        end = i + 1;
      }
    }
    // the line ended inside the collection: multi-line flow
    return fail();
  }

  private skipSpaces(i: number, lineEnd: number): number {
    while (i < lineEnd && this.text.charCodeAt(i) === 32) i++;
    return i;
  }
}
