/**
 * The positioned YAML tree `validate` works on, whichever parser built it: the fast parser for the
 * plain block style almost every Azure ML file uses (src/yaml/parse.ts), or the full `yaml` library
 * for everything else (src/yaml/from-document.ts).
 *
 * Offsets are UTF-16 indices into the source text, as the `yaml` library reports them:
 * `start` is where the node's value begins (a block mapping at its first key, a block sequence at its
 * first `-`, a flow collection at its bracket, a block scalar at its `|` or `>` indicator);
 * `end` is the library's `range[1]`: for a scalar where its text ends, for a collection where the
 * trailing tokens of its last value end (see src/yaml/parse.ts).
 */
export type YNode = YScalar | YMap | YSeq | YAlias;

export interface YScalar {
  type: 'scalar';
  /** the resolved value: string, number, boolean or null */
  value: unknown;
  start: number;
  end: number;
}

export interface YPair {
  key: YScalar;
  /** null when the key has no value node at all */
  value: YNode | null;
}

export interface YMap {
  type: 'map';
  pairs: YPair[];
  start: number;
  end: number;
}

export interface YSeq {
  type: 'seq';
  items: (YNode | null)[];
  start: number;
  end: number;
}

/** `*name` (only from the full parser): `target` is the anchored node it refers to, when known. */
export interface YAlias {
  type: 'alias';
  target: YNode | undefined;
  start: number;
  end: number;
}

export const isCollectionNode = (n: YNode | null | undefined): n is YMap | YSeq => n?.type === 'map' || n?.type === 'seq';
