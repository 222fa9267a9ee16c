import { merge } from 'node-diff3';

/**
 * A line-based three-way merge (node-diff3, MIT): what changed from `base` to `ours` applied to
 * `theirs`. Where both changed the same lines differently, the region is written with git's markers:
 * the user's lines under `<<<<<<< yours`, ours under `>>>>>>> aml-scaffold <version>`.
 */
export function mergeText(theirs: string, base: string, ours: string, version: string): { text: string; conflict: boolean } {
  const r = merge(theirs.split('\n'), base.split('\n'), ours.split('\n'), {
    excludeFalseConflicts: true,
    label: { a: 'yours', b: `aml-scaffold ${version}` },
  });
  return { text: r.result.join('\n'), conflict: r.conflict };
}
