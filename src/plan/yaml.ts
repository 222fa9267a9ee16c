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
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (header) doc.commentBefore = header.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export const schemaUrl = (kind: string) => `https://azuremlschemas.azureedge.net/latest/${kind}.schema.json`;
