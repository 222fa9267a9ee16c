/**
 * YAML text → value + positions. Pure: no filesystem.
 *
 * Safety (the input may be hostile):
 * - `yaml` never executes tags; unknown ones (`!!python/object`, `!!js/function`) resolve to plain
 *   data with a warning, which we surface as a `warning` problem;
 * - alias expansion is bounded by `maxAliasCount`; exceeding it is reported as an error;
 * - the parser turns stack exhaustion on deep nesting into a document error;
 * - very large files are not parsed at all (see lint.ts), because parse time and memory grow with size.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  column: number;
}

export interface Source {
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** the plain JS value, or undefined when the document could not be converted */
  value: unknown;
  /** YAML-level problems (syntax, duplicate keys, alias bombs), already positioned */
  errors: { message: string; pos: Position; hostile?: boolean }[];
  warnings: { message: string; pos: Position }[];
  /** where a second `---` document starts, if the file has more than one */
  multiDoc: Position | undefined;
}

export function parseSource(text: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
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
  const src: Source = { text, doc, lines, value: undefined, errors: [], warnings: [], multiDoc: undefined };
  for (const e of doc.errors) {
    // parseDocument keeps the first document and flags the rest; lint.ts decides what that means
    if (e.code === 'MULTIPLE_DOCS') src.multiDoc = at(e.pos[0]);
    // RESOURCE_EXHAUSTION: the parser hit its stack limit on deeply nested input
    else src.errors.push({ message: e.message, pos: at(e.pos[0]), hostile: e.code === 'RESOURCE_EXHAUSTION' });
  }
  if (src.errors.length === 0) src.errors.push(...duplicateKeys(doc, at));
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

/** Every node of the document, depth-first, without recursion (deep input must not overflow the stack). */
function* nodes(doc: Document.Parsed): Generator<unknown> {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    yield node;
    if (isSeq(node)) stack.push(...[...node.items].reverse());
    if (isMap(node)) for (const pair of [...node.items].reverse()) stack.push(pair.value, pair.key);
  }
}

/** Duplicate keys in any mapping (PyYAML silently keeps the last one; that is always a bug). */
function duplicateKeys(doc: Document.Parsed, at: (o: number) => Position): Source['errors'] {
  const out: Source['errors'] = [];
  for (const node of nodes(doc)) {
    if (!isMap(node)) continue;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = keyText(pair.key);
      if (key === undefined || key === '<<') continue;
      if (seen.has(key)) out.push({ message: `duplicate key "${key}"`, pos: at((pair.key as Node).range?.[0] ?? 0) });
      seen.add(key);
    }
  }
  return out;
}

function firstAlias(doc: Document.Parsed, at: (o: number) => Position): Position {
  for (const node of nodes(doc)) if (isAlias(node) && node.range) return at(node.range[0]);
  return { line: 1, column: 1 };
}

export interface Located {
  /** the deepest node found on the path (the value node, or the nearest existing parent) */
  node: Node | undefined;
  /** the key node of the last segment when `found` */
  key: Node | undefined;
  found: boolean;
}

/** Walks `path` through maps and sequences (following aliases) without recursion. */
export function locate(src: Source, path: readonly PropertyKey[]): Located {
  let node = src.doc.contents as Node | null | undefined;
  let key: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(src.doc) as Node | undefined;
    const seg = String(path[i]);
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = pairsOf(node).get(seg);
      if (pair) [next, nextKey] = [(pair.value ?? pair.key) as Node, pair.key as Node];
    } else if (isSeq(node)) {
      next = node.items[Number(seg)] as Node | undefined;
    }
    if (!next) return { node: node ?? undefined, key, found: false };
    [node, key] = [next, nextKey];
  }
  return { node: node ?? undefined, key, found: true };
}

const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
/** key → pair for one mapping, built once, so locating many problems stays linear */
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = keyText(p.key);
      if (k !== undefined && !index.has(k)) index.set(k, p as Pair);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

export function positionOf(src: Source, node: Node | undefined): Position {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const p = src.lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** 1-based position of a text offset. */
export function positionAt(src: Source, offset: number): Position {
  const p = src.lines.linePos(offset);
  return { line: p.line, column: p.col };
}
