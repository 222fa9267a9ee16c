/**
 * The `yaml` library's document tree as our positioned tree (ast.ts), for the files the fast parser
 * leaves to the library. Iterative, not recursive: a hostile file may nest thousands of levels deep.
 * An alias becomes an `alias` node pointing at the converted anchored node.
 */
import type { Document, Node } from 'yaml';
import type { YAlias, YMap, YNode, YScalar, YSeq } from './ast.js';
import { yamlLibrary } from './library.js';

export function fromDocument(doc: Document.Parsed): YNode | null {
  const { isAlias, isMap, isScalar, isSeq } = yamlLibrary();
  const converted = new Map<unknown, YNode>();
  const aliases: Array<[YAlias, Node]> = [];
  const range = (n: Node) => ({ start: n.range?.[0] ?? 0, end: n.range?.[1] ?? 0 });
  // Each task fills one slot once the node is made: the root, a pair's key or value, a sequence item.
  const tasks: Array<{ node: unknown; put: (y: YNode | null) => void }> = [];
  let root: YNode | null = null;
  tasks.push({ node: doc.contents, put: (y) => (root = y) });
  while (tasks.length > 0) {
    const { node, put } = tasks.pop() as (typeof tasks)[number];
    if (node === null || node === undefined) {
      put(null);
      continue;
    }
    let y: YNode;
    if (isScalar(node)) {
      y = { type: 'scalar', value: node.value, ...range(node) };
    } else if (isMap(node)) {
      const map: YMap = { type: 'map', pairs: [], ...range(node) };
      for (const pair of node.items) {
        // A collection as a key (`? [a, b]`) has no text to match a path against: an empty key.
        const slot = { key: { type: 'scalar', value: undefined, start: 0, end: 0 } as YScalar, value: null as YNode | null };
        map.pairs.push(slot);
        tasks.push({ node: pair.value, put: (v) => (slot.value = v) });
        if (isScalar(pair.key)) tasks.push({ node: pair.key, put: (k) => (slot.key = k as YScalar) });
      }
      y = map;
    } else if (isSeq(node)) {
      const seq: YSeq = { type: 'seq', items: node.items.map(() => null), ...range(node) };
      node.items.forEach((item, i) => tasks.push({ node: item, put: (v) => (seq.items[i] = v) }));
      y = seq;
    } else if (isAlias(node)) {
      const alias: YAlias = { type: 'alias', target: undefined, ...range(node) };
      aliases.push([alias, node.resolve(doc) as Node]);
      y = alias;
    } else {
      put(null);
      continue;
    }
    converted.set(node, y);
    put(y);
  }
  for (const [alias, target] of aliases) alias.target = converted.get(target);
  return root;
}
