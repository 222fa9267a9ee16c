import { Document, Scalar } from 'yaml';

/** A string that should be written as a folded block (`>-`), e.g. a long command. */
export function folded(text: string): Scalar {
  const s = new Scalar(text);
  s.type = Scalar.BLOCK_FOLDED;
  return s;
}

/**
 * Serialise a generated Azure ML document. Everything goes through the YAML library, never string
 * concatenation, so no value can turn into structure whatever it contains.
 */
export function toYaml(value: unknown, header?: string): string {
  // No anchors/aliases: each block stays readable and editable on its own.
  // YAML 1.1 scalars: the az ml CLI (PyYAML) reads `yes`, `on`, `1_000` as booleans and numbers, so
  // such user values must be quoted. No `%YAML` line is written.
  const doc = new Document(value, { aliasDuplicateObjects: false, version: '1.1' });
  if (header) doc.commentBefore = header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export const schemaUrl = (kind: string) => `https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
