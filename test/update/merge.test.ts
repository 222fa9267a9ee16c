import { describe, expect, it } from 'vitest';
import { mergeText } from '../../src/update/merge.js';

describe('mergeText (node-diff3, line-based)', () => {
  const base = 'a\nb\nc\nd\ne\n';
  it('applies both sides when they change different lines, keeping the final newline', () => {
    expect(mergeText('A\nb\nc\nd\ne\n', base, 'a\nb\nc\nd\nE\n', '1.0.0')).toEqual({ text: 'A\nb\nc\nd\nE\n', conflict: false });
  });
  it('the same change on both sides is not a conflict', () => {
    expect(mergeText('a\nB\nc\nd\ne\n', base, 'a\nB\nc\nd\ne\n', '1.0.0')).toEqual({ text: 'a\nB\nc\nd\ne\n', conflict: false });
  });
  it('different changes to one line get git-style markers, the user first', () => {
    expect(mergeText('a\nmine\nc\nd\ne\n', base, 'a\nours\nc\nd\ne\n', '1.2.3')).toEqual({
      text: 'a\n<<<<<<< yours\nmine\n=======\nours\n>>>>>>> aml-scaffold 1.2.3\nc\nd\ne\n',
      conflict: true,
    });
  });
  it('an empty base (both added the file) is a whole-file conflict unless they agree', () => {
    expect(mergeText('x\n', '', 'x\n', '1.0.0').conflict).toBe(false);
    expect(mergeText('x\n', '', 'y\n', '1.0.0').conflict).toBe(true);
  });
});
