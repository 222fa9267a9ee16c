/**
 * YAML text → value + positioned tree. Pure: no filesystem.
 *
 * The fast parser (src/yaml/parse.ts) reads the plain block style almost every Azure ML file uses and
 * gives exactly what the `yaml` library would; everything else (anchors, tags, multi-line scalars,
 * duplicate keys, syntax errors, several documents...) goes to the library, loaded only then.
 *
 * Safety (the input may be hostile):
 * - `yaml` never executes tags; unknown ones (`!!python/object`, `!!js/function`) resolve to plain
 *   data with a warning, which we surface as a `warning` problem;
 * - alias expansion is bounded by `maxAliasCount`; exceeding it is reported as an error;
 * - the parser turns stack exhaustion on deep nesting into a document error;
 * - very large files are not parsed at all (see lint.ts), because parse time and memory grow with size.
 */
import type { Document, Node } from 'yaml';
import type { YMap, YNode, YPair } from '../yaml/ast.js';
import { fromDocument } from '../yaml/from-document.js';
import { yamlLibrary } from '../yaml/library.js';
import { fastParse } from '../yaml/parse.js';

export const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  column: number;
}

export interface Source {
  text: string;
  /** the document's top node (null for an empty document) */
  root: YNode | null;
  /** 1-based line and column of a text offset */
  at: (offset: number) => Position;
  /** the plain JS value, or undefined when the document could not be converted */
  value: unknown;
  /** YAML-level problems (syntax, duplicate keys, alias bombs), already positioned */
  errors: { message: string; pos: Position; hostile?: boolean }[];
  warnings: { message: string; pos: Position }[];
  /** where a second `---` document starts, if the file has more than one */
  multiDoc: Position | undefined;
}

export function parseSource(text: string): Source {
  const fast = fastParse(text);
  if (!fast) return librarySource(text);
  return { text, root: fast.root, at: lineCounter(text), value: fast.value, errors: [], warnings: [], multiDoc: undefined };
}

/** Positions for text the fast parser read (it accepts `\n` line breaks only). */
function lineCounter(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

function librarySource(text: string): Source {
  const lib = yamlLibrary();
  const lines = new lib.LineCounter();
  const doc = lib.parseDocument(text, {
    // yaml's own uniqueKeys check is quadratic in the size of a mapping; duplicateKeys() is linear
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter: lines,
    merge: true, // PyYAML (the az CLI's loader) honours `<<` merge keys
    logLevel: 'error', // never print process warnings (e.g. about collection keys) from a library call
  });
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const src: Source = { text, root: fromDocument(doc), at, value: undefined, errors: [], warnings: [], multiDoc: undefined };
  for (const e of doc.errors) {
    // parseDocument keeps the first document and flags the rest; lint.ts decides what that means
    if (e.code === 'MULTIPLE_DOCS') src.multiDoc = at(e.pos[0]);
    // RESOURCE_EXHAUSTION: the parser hit its stack limit on deeply nested input
    else src.errors.push({ message: e.message, pos: at(e.pos[0]), hostile: e.code === 'RESOURCE_EXHAUSTION' });
  }
  if (src.errors.length === 0) src.errors.push(...duplicateKeys(src.root, at));
  for (const w of doc.warnings) {
    const message = w.code === 'TAG_RESOLVE_FAILED' ? `${w.message}; the value is read as plain data` : w.message;
    src.warnings.push({ message, pos: at(w.pos[0]) });
  }
  try {
    src.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const bomb = e instanceof ReferenceError && /alias/i.test(e.message);
    const message = bomb
      ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): possible alias bomb; not expanded`
      : `could not read the document: ${(e as Error).message}`;
    src.errors.push({ message, pos: bomb ? firstAlias(doc, at) : { line: 1, column: 1 }, hostile: true });
  }
  return src;
}

/** Every node of the tree, depth-first in document order, without recursion (deep input must not overflow the stack). */
function* nodes(root: YNode | null): Generator<YNode> {
  const stack: (YNode | null)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    yield node;
    if (node.type === 'seq') for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    if (node.type === 'map') for (let i = node.pairs.length - 1; i >= 0; i--) stack.push(node.pairs[i].value, node.pairs[i].key);
  }
}

/** Duplicate keys in any mapping (PyYAML silently keeps the last one; that is always a bug). */
function duplicateKeys(root: YNode | null, at: (o: number) => Position): Source['errors'] {
  const out: Source['errors'] = [];
  for (const node of nodes(root)) {
    if (node.type !== 'map') continue;
    const seen = new Set<string>();
    for (const pair of node.pairs) {
      const key = keyText(pair);
      if (key === undefined || key === '<<') continue;
      if (seen.has(key)) out.push({ message: `duplicate key "${key}"`, pos: at(pair.key.start) });
      seen.add(key);
    }
  }
  return out;
}

function firstAlias(doc: Document.Parsed, at: (o: number) => Position): Position {
  const { isAlias, isMap, isSeq } = yamlLibrary();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) && node.range) return at(node.range[0]);
    if (isSeq(node)) stack.push(...[...node.items].reverse());
    if (isMap(node)) for (const pair of [...node.items].reverse()) stack.push(pair.value, pair.key);
  }
  return { line: 1, column: 1 };
}

export interface Located {
  /** the deepest node found on the path (the value node, or the nearest existing parent) */
  node: YNode | undefined;
  /** the key node of the last segment when `found` */
  key: YNode | undefined;
  found: boolean;
}

/** Walks `path` through maps and sequences (following aliases) without recursion. */
export function locate(src: Source, path: readonly PropertyKey[]): Located {
  let node: YNode | undefined = src.root ?? undefined;
  let key: YNode | undefined;
  for (let i = 0; i < path.length; i++) {
    if (node?.type === 'alias') node = node.target;
    const seg = String(path[i]);
    let next: YNode | undefined;
    let nextKey: YNode | undefined;
    if (node?.type === 'map') {
      const pair = pairsOf(node).get(seg);
      if (pair) [next, nextKey] = [pair.value ?? pair.key, pair.key];
    } else if (node?.type === 'seq') {
      next = node.items[Number(seg)] ?? undefined;
    }
    if (!next) return { node, key, found: false };
    [node, key] = [next, nextKey];
  }
  return { node, key, found: true };
}

const pairIndex = new WeakMap<YMap, Map<string, YPair>>();
/** key → pair for one mapping, built once, so locating many problems stays linear */
function pairsOf(map: YMap): Map<string, YPair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.pairs) {
      const k = keyText(p);
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** A key's text as a path segment; undefined for a collection used as a key. */
function keyText(pair: YPair): string | undefined {
  return pair.key.value === undefined ? undefined : String(pair.key.value);
}

export function positionOf(src: Source, node: YNode | undefined): Position {
  return node ? src.at(node.start) : { line: 1, column: 1 };
}

/** 1-based position of a text offset. */
export function positionAt(src: Source, offset: number): Position {
  return src.at(offset);
}
