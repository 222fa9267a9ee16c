/**
 * The `yaml` library's tree → plain JS value, as PyYAML's `safe_load` builds it, in one linear pass.
 *
 * Why not the library's `toJS()`: it finds each alias's anchor by scanning every anchor and alias
 * before it, so time grows with the square of the number of aliases (8,000 aliases: seconds).
 * Here anchors are recorded as the walk meets them (an alias names the latest anchor before it),
 * each anchored value is built once and shared, and the size of the tree with every alias expanded
 * is counted on the way (what later checks walk), so an alias bomb is refused before it costs anything.
 *
 * PyYAML rules kept: `<<` merge keys (a mapping or a list of mappings; explicit keys win, earlier
 * merged mappings win over later ones); mapping keys become strings as JSON would show them; a
 * repeated key keeps its last value (PyYAML does so silently; the key nodes are returned as `duplicates`).
 * Iterative: a hostile file may nest thousands of levels deep.
 */
import type { Node, Pair } from 'yaml';
import * as YAML from 'yaml';

export type ToValue = { value: unknown; duplicates: Node[] } | { error: string; node: Node };

interface Frame {
  node: Node;
  /** children still to visit, in document order */
  kids: Array<Node | null>;
  next: number;
}

const keyString = (k: unknown): string => (typeof k === 'string' ? k : k !== null && typeof k === 'object' && !(k instanceof Date) ? JSON.stringify(k) : String(k));

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` as data, never as the prototype
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function toValue(root: Node | null, maxExpanded: number, bombMessage: string): ToValue {
  const { isAlias, isMap, isPair, isScalar, isSeq } = YAML;
  if (!root) return { value: null, duplicates: [] };
  const duplicates: Node[] = [];
  const value = new Map<Node, unknown>();
  const size = new Map<Node, number>();
  const anchors = new Map<string, Node>();
  let firstAlias: Node | undefined;

  const kidsOf = (node: Node): Array<Node | null> => {
    if (isMap(node)) return (node.items as Pair[]).flatMap((p) => [p.key as Node | null, p.value as Node | null]);
    if (isSeq(node)) return (node.items as unknown[]).flatMap((i) => (isPair(i) ? [i.key as Node | null, i.value as Node | null] : [i as Node | null]));
    return [];
  };
  const get = (n: Node | null): unknown => (n ? value.get(n) : null);
  const sizeOf = (n: Node | null): number => (n ? (size.get(n) ?? 0) : 1);

  function finish(node: Node, kids: Array<Node | null>): void {
    let total = 1;
    for (const k of kids) total += sizeOf(k);
    size.set(node, total);
    if (isScalar(node)) {
      value.set(node, node.value);
    } else if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const merged: Array<Record<string, unknown>> = [];
      for (const p of node.items as Pair[]) {
        const k = get(p.key as Node | null);
        const v = get(p.value as Node | null);
        if (isScalar(p.key) && (typeof p.key.value === 'symbol' || (k === '<<' && p.key.type === 'PLAIN'))) {
          for (const m of Array.isArray(v) ? v : [v]) if (m && typeof m === 'object' && !Array.isArray(m)) merged.push(m as Record<string, unknown>);
        } else {
          const key = keyString(k);
          if (Object.hasOwn(obj, key)) duplicates.push(p.key as Node);
          put(obj, key, v);
        }
      }
      for (const m of merged) for (const [k, v] of Object.entries(m)) if (!Object.hasOwn(obj, k)) put(obj, k, v);
      // merged keys come first, as PyYAML lists them
      value.set(node, merged.length ? reorder(obj, merged) : obj);
    } else if (isSeq(node)) {
      value.set(node, (node.items as unknown[]).map((i) => (isPair(i) ? { [keyString(get(i.key as Node))]: get(i.value as Node) } : get(i as Node | null))));
    } else {
      value.set(node, null);
    }
  }

  const stack: Frame[] = [];
  const enter = (node: Node): ToValue | undefined => {
    if (node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      firstAlias ??= node;
      const target = anchors.get(node.source);
      if (!target) return { error: `unknown alias *${node.source} (the anchor must come before the alias)`, node };
      if (!size.has(target)) return { error: 'an alias refers to a node that contains it (recursive data); not expanded', node };
      size.set(node, size.get(target)!);
      value.set(node, value.get(target));
      return undefined;
    }
    stack.push({ node, kids: kidsOf(node), next: 0 });
    return undefined;
  };
  const failed = enter(root);
  if (failed) return failed;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++];
      if (kid) {
        const err = enter(kid);
        if (err) return err;
      }
      continue;
    }
    stack.pop();
    finish(top.node, top.kids);
    if (size.get(top.node)! > maxExpanded) return { error: bombMessage, node: firstAlias ?? top.node };
  }
  return { value: value.get(root), duplicates };
}

/** Merged keys first (in merge order), then the mapping's own keys. */
function reorder(own: Record<string, unknown>, merged: Array<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of merged) for (const k of Object.keys(m)) if (!Object.hasOwn(out, k)) put(out, k, Object.hasOwn(own, k) ? own[k] : m[k]);
  for (const k of Object.keys(own)) if (!Object.hasOwn(out, k)) put(out, k, own[k]);
  return out;
}
