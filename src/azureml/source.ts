/**
 * YAML text → value + the library's positioned tree. Pure: no filesystem.
 *
 * Read with the `yaml` library's YAML 1.1 schema, adjusted to resolve scalars exactly as PyYAML's
 * `safe_load` (the Azure CLI's loader) does (src/yaml/pyyaml.ts); lines and columns from its LineCounter.
 *
 * Safety (the input may be hostile):
 * - `yaml` never executes tags; unknown ones (`!!python/object`, `!!js/function`) resolve to plain
 *   data with a warning, which we surface as a `warning` problem;
 * - aliases: the value is built once per anchor and shared (as PyYAML does), in one linear pass that
 *   also counts the tree the checks will walk with every alias expanded; beyond MAX_EXPANDED_NODES
 *   the file is refused as an alias bomb (src/yaml/to-value.ts);
 * - the parser turns stack exhaustion on deep nesting into a document error;
 * - very large files are not parsed at all (see lint.ts), because parse time and memory grow with size.
 */
import type { Document, Node, Pair, Schema, YAMLMap } from 'yaml';
import * as YAML from 'yaml';
import { pyyamlTags } from '../yaml/pyyaml.js';
import { toValue } from '../yaml/to-value.js';

/** Nodes the checks may walk once aliases are expanded: far above any real file, far below a bomb. */
export const MAX_EXPANDED_NODES = 250_000;
const BOMB = `too many alias expansions (the aliases expand to more than ${MAX_EXPANDED_NODES} nodes): possible alias bomb; not expanded`;

export interface Position {
  line: number;
  column: number;
}

export interface Source {
  text: string;
  /** the document's top node (null for an empty document) */
  root: Node | null;
  doc: Document.Parsed | undefined;
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

let schema: Schema | undefined;
/** The YAML 1.1 schema with PyYAML's scalar rules, built once (the library would rebuild it per document). */
function pyyamlSchema(): Schema {
  schema ??= new (YAML.Schema)({ schema: 'yaml-1.1', customTags: pyyamlTags, merge: true, resolveKnownTags: false });
  return schema;
}

export function parseSource(text: string): Source {
  const lib = YAML;
  const lines = new lib.LineCounter();
  const doc = lib.parseDocument(text, {
    version: '1.1',
    schema: pyyamlSchema() as never,
    // yaml's own uniqueKeys check is quadratic in the size of a mapping; toValue() finds duplicates in its pass
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter: lines,
    merge: true, // PyYAML honours `<<` merge keys
    logLevel: 'error', // never print process warnings (e.g. about collection keys) from a library call
  });
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const root = (doc.contents as Node | null) ?? null;
  const src: Source = { text, root, doc, at, value: undefined, errors: [], warnings: [], multiDoc: undefined };
  for (const e of doc.errors) {
    // parseDocument keeps the first document and flags the rest; lint.ts decides what that means
    if (e.code === 'MULTIPLE_DOCS') src.multiDoc = at(e.pos[0]);
    // RESOURCE_EXHAUSTION: the parser hit its stack limit on deeply nested input
    else src.errors.push({ message: e.message, pos: at(e.pos[0]), hostile: e.code === 'RESOURCE_EXHAUSTION' });
  }
  for (const w of doc.warnings) {
    const message = w.code === 'TAG_RESOLVE_FAILED' ? `${w.message}; the value is read as plain data` : w.message;
    src.warnings.push({ message, pos: at(w.pos[0]) });
  }
  if (src.errors.length > 0) return src;
  const built = toValue(root, MAX_EXPANDED_NODES, BOMB);
  if ('error' in built) {
    src.errors.push({ message: built.error, pos: positionOf(src, built.node), hostile: true });
  } else if (built.duplicates.length > 0) {
    // PyYAML silently keeps the last value; a repeated key is always a mistake
    for (const key of built.duplicates) src.errors.push({ message: `duplicate key "${String((key as { value?: unknown }).value)}"`, pos: positionOf(src, key) });
  } else {
    src.value = built.value;
  }
  return src;
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
  const { isAlias, isMap, isSeq } = YAML;
  let node: Node | undefined = src.root ?? undefined;
  let key: Node | undefined;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = (src.doc && (node.resolve(src.doc) as Node | undefined)) ?? node;
    const seg = String(path[i]);
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = pairsOf(node).get(seg);
      if (pair) [next, nextKey] = [(pair.value as Node | null) ?? (pair.key as Node), pair.key as Node];
    } else if (isSeq(node)) {
      next = (node.items[Number(seg)] as Node | null) ?? undefined;
    }
    if (!next) return { node, key, found: false };
    [node, key] = [next, nextKey];
  }
  return { node, key, found: true };
}

const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
/** key → pair for one mapping, built once, so locating many problems stays linear */
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items as Pair[]) {
      const k = keyText(p);
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** A key's text as a path segment (as the JS value names it); undefined for a collection used as a key. */
function keyText(pair: Pair): string | undefined {
  const { isScalar } = YAML;
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export const isCollection = (n: Node | undefined | null): boolean => {
  const { isMap, isSeq } = YAML;
  return isMap(n) || isSeq(n);
};

export function positionOf(src: Source, node: Node | undefined | null): Position {
  return node?.range ? src.at(node.range[0]) : { line: 1, column: 1 };
}

/** 1-based position of a text offset. */
export function positionAt(src: Source, offset: number): Position {
  return src.at(offset);
}
